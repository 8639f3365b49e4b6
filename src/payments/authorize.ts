/**
 * Moves a payment's money: builds its linked chain (budgets, KYC day, wallet → merchant, fee),
 * submits it to the ledger and, in the same database transaction, writes the payment's new
 * state and its audit event. Used when a payment is created and when the user approves one.
 */
import { assert } from "../core/assert.js";
import type { Principal } from "../core/principal.js";
import { type RowWrite, TIMEOUT_S_MAX } from "../ledger/index.js";
import { type BudgetLine, budgetLines, type Mandate } from "../mandates/index.js";
import { ensureMerchantAccount, ensureWallet, type Merchant, type User } from "../parties/index.js";
import { ensureFeeAccount } from "./accounts.js";
import { auditWrite, paymentEvent } from "./events.js";
import { declineOf, holdLegs, type Leg, type MoneyMove, outcomeOf, payLegs } from "./chain.js";
import type { PaymentDeps } from "./deps.js";
import { kycDayLine } from "./kyc.js";
import { insertPayment, updatePayment } from "./rows.js";
import { findPaymentByKey, ledgerBase } from "./store.js";
import type { Payment } from "./types.js";

/** Ledger holds outlive the payment's own expiry, so the payment sweeper settles them first. */
export const HOLD_GRACE_S = 120;
/** The longest hold a payment may ask for: what the ledger allows, less the sweeper's grace. */
export const HOLD_TIMEOUT_S_MAX = TIMEOUT_S_MAX - HOLD_GRACE_S;

export interface Authorization {
  readonly payment: Payment;
  readonly mandate: Mandate;
  readonly user: User;
  readonly merchant: Merchant;
  readonly capture: boolean;
  /** Insert a new payment row, or update one waiting for confirmation. */
  readonly write: "insert" | "update";
  readonly actor: Principal;
  readonly requestId: string | null;
  /** Rows that must commit with the money (an approval's decision). */
  readonly alsoWrite?: (payment: Payment) => readonly RowWrite[];
  /** The hold's own timeout (PaymentPurposeOptions.holdTimeoutS); see holdTimeoutOf. */
  readonly holdTimeoutS?: number | undefined;
}

/**
 * A subscription's reservation asks for a hold as long as its period; one the user approved after
 * a step-up comes back here without that request, and gets the longest hold — the subscription
 * settles it at its period's end. Anything else gets the settings' timeout.
 */
function holdTimeoutOf(deps: PaymentDeps, a: Authorization): number {
  const subscriptionHold = a.payment.purpose === "subscription" || a.payment.purpose === "subscription_top_up";
  const timeoutS = a.holdTimeoutS ?? (subscriptionHold ? HOLD_TIMEOUT_S_MAX : deps.settings.holdTimeoutS);
  assert(Number.isInteger(timeoutS) && timeoutS > 0 && timeoutS <= HOLD_TIMEOUT_S_MAX, `a hold lasts 1..${HOLD_TIMEOUT_S_MAX} s`);
  return timeoutS;
}

export function feeOf(amount: bigint, merchant: Merchant, deps: PaymentDeps): bigint {
  return (amount * BigInt(merchant.feeBps ?? deps.settings.feeBps)) / 10_000n;
}

export async function moneyMove(deps: PaymentDeps, p: Payment, merchant: Merchant, fee: bigint): Promise<MoneyMove> {
  const [walletAccountId, merchantAccountId, feeAccountId] = await Promise.all([
    ensureWallet(deps.ledger, p.userId, p.currency),
    ensureMerchantAccount(deps.ledger, merchant.id, p.currency),
    ensureFeeAccount(deps.ledger, p.currency),
  ]);
  return {
    walletAccountId,
    merchantAccountId,
    feeAccountId,
    amount: p.amount,
    currency: p.currency,
    fee,
    tags: { businessUnit: p.businessUnit, costCentre: p.costCentre, sessionId: p.sessionId, intentId: p.intent.id },
    paymentId: p.id,
  };
}

export async function authorize(deps: PaymentDeps, a: Authorization): Promise<Payment> {
  const nowMs = deps.clock.nowMs();
  const p = a.payment;
  const lines: BudgetLine[] = [
    ...budgetLines(a.mandate, { amount: p.amount, nowMs, sessionId: p.sessionId, merchantId: p.merchantId, purpose: p.purpose, recurrenceAtMs: p.recurrenceAtMs ?? null }),
    kycDayLine(a.user, p.currency, p.amount, nowMs),
  ];
  await deps.budgets.ensure(lines);
  const fee = a.capture ? feeOf(p.amount, a.merchant, deps) : 0n;
  const move = await moneyMove(deps, p, a.merchant, fee);
  const base = ledgerBase(p.agentId, p.idempotencyKey!);
  const holdTimeoutS = holdTimeoutOf(deps, a);
  const legs = a.capture ? payLegs(base, lines, move) : holdLegs(base, lines, move, holdTimeoutS + HOLD_GRACE_S);
  let decided: Payment | null = null;
  await deps.ledger.submitTransfers(
    legs.map((l) => l.transfer),
    {
      effects: (results) => {
        const outcome = outcomeOf(legs, results);
        // Another attempt of this very request (a duplicate racing in another process, or a retry
        // straddling a period boundary) committed its chain first: its legs exist, under the same
        // ids but with that attempt's payment id. Its payment is the answer, never a decline.
        if (outcome.kind === "exists" || (outcome.kind === "failed" && outcome.result.startsWith("exists_with_different_"))) {
          decided = null;
          return [];
        }
        decided = outcome.kind === "ok" ? approved(p, a.capture, fee, lines, nowMs, holdTimeoutS) : declined(p, declineOf(outcome), lines, nowMs);
        return rowsFor(decided, a, legs, nowMs);
      },
    },
  );
  // An earlier attempt of this very request moved the money. Answer with it.
  return decided ?? (await findPaymentByKey(deps.database, p.agentId, p.idempotencyKey!))!;
}

function approved(p: Payment, capture: boolean, fee: bigint, lines: BudgetLine[], nowMs: number, holdTimeoutS: number): Payment {
  return {
    ...p,
    status: capture ? "succeeded" : "requires_capture",
    amountCaptured: capture ? p.amount : 0n,
    feeAmount: fee,
    holdExpiresAtMs: capture ? null : nowMs + holdTimeoutS * 1000,
    budgetLines: lines,
    updatedAtMs: nowMs,
  };
}

function declined(p: Payment, code: Payment["declineCode"], lines: BudgetLine[], nowMs: number): Payment {
  return { ...p, status: "declined", declineCode: code, holdExpiresAtMs: null, budgetLines: lines, updatedAtMs: nowMs };
}

function rowsFor(p: Payment, a: Authorization, legs: readonly Leg[], nowMs: number): RowWrite[] {
  const write = a.write === "insert" ? insertPayment(p) : updatePayment(p);
  const action = p.status === "declined" ? "payment.declined" : p.status === "succeeded" ? "payment.succeeded" : "payment.authorized";
  const transfers = p.status === "declined" ? [] : legs.map((l) => l.transfer.id);
  // A `processing` claim is the request's own reservation, not a state anyone saw settled: the
  // first decision on it reads as the payment's creation.
  const before = a.payment.status === "processing" ? null : a.payment.status;
  const audit = auditWrite(paymentEvent(p, a.actor, a.requestId, action, { transfers }, before), nowMs);
  return [write, audit, ...(a.alsoWrite?.(p) ?? [])];
}
