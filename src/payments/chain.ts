/**
 * A payment in the ledger is one linked chain: a leg for every budget it must fit (mandate
 * total, period, session, occurrences, the user's KYC day) and the money leg from the user's
 * wallet to the merchant. The ledger commits the chain whole or not at all, so "inside every
 * budget and the wallet covers it" and "the money moved" are one atomic fact. The fee leg
 * (merchant → platform fee revenue) joins the chain when the payment is captured.
 *
 * Leg ids derive from the payment's base id, itself derived from the agent's idempotency key,
 * so a retried request resubmits the same ids and the ledger answers `exists` instead of moving
 * money twice.
 */
import { type TransferInput, TransferFlag, type TransferResult } from "../ledger/index.js";
import { type BudgetLevel, type BudgetLine, budgetSpend } from "../mandates/index.js";
import { budgetDecline, type DeclineCode } from "./declines.js";

export const PAYMENT_TRANSFER_CODE = 1001;
export const FEE_TRANSFER_CODE = 1002;
export const REFUND_TRANSFER_CODE = 1003;

export type LegRole = BudgetLevel | "money" | "fee";

export interface Leg {
  readonly role: LegRole;
  readonly transfer: TransferInput;
}

export interface MoneyMove {
  readonly walletAccountId: string;
  readonly merchantAccountId: string;
  readonly feeAccountId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly fee: bigint;
  readonly tags: TransferInput["tags"];
  readonly paymentId: string;
}

const link = (legs: Leg[]): Leg[] =>
  legs.map((leg, i) =>
    i === legs.length - 1 ? leg : { ...leg, transfer: { ...leg.transfer, flags: leg.transfer.flags | TransferFlag.linked } },
  );

function moneyLeg(base: string, m: MoneyMove, flags: number, timeoutS: number): Leg {
  return {
    role: "money",
    transfer: {
      id: `${base}:money`,
      debitAccountId: m.walletAccountId,
      creditAccountId: m.merchantAccountId,
      amount: m.amount,
      currency: m.currency,
      code: PAYMENT_TRANSFER_CODE,
      pendingId: null,
      timeoutS,
      flags,
      tags: m.tags,
      metadata: JSON.stringify({ payment_id: m.paymentId }),
    },
  };
}

function feeLeg(base: string, m: MoneyMove, amount: bigint): Leg | null {
  if (amount === 0n) return null;
  return {
    role: "fee",
    transfer: {
      id: `${base}:fee`,
      debitAccountId: m.merchantAccountId,
      creditAccountId: m.feeAccountId,
      amount,
      currency: m.currency,
      code: FEE_TRANSFER_CODE,
      pendingId: null,
      timeoutS: 0,
      flags: 0,
      tags: m.tags,
      metadata: JSON.stringify({ payment_id: m.paymentId }),
    },
  };
}

/** One-step payment: every leg posted at once, fee included. */
export function payLegs(base: string, lines: readonly BudgetLine[], m: MoneyMove): Leg[] {
  const legs: Leg[] = lines.map((l) => ({ role: l.level, transfer: budgetSpend(l, `${base}:${l.level}`, 0, 0) }));
  legs.push(moneyLeg(base, m, 0, 0));
  const fee = feeLeg(base, m, m.fee);
  if (fee !== null) legs.push(fee);
  return link(legs);
}

/** Authorisation: every leg a hold that lapses after `timeoutS`. */
export function holdLegs(base: string, lines: readonly BudgetLine[], m: MoneyMove, timeoutS: number): Leg[] {
  const legs: Leg[] = lines.map((l) => ({
    role: l.level,
    transfer: budgetSpend(l, `${base}:${l.level}`, TransferFlag.pending, timeoutS),
  }));
  legs.push(moneyLeg(base, m, TransferFlag.pending, timeoutS));
  return link(legs);
}

function settle(base: string, role: LegRole, verb: "capture" | "void", amount: bigint | null): Leg {
  return {
    role,
    transfer: {
      id: `${base}:${verb}:${role}`,
      debitAccountId: null,
      creditAccountId: null,
      amount,
      currency: null,
      code: 0,
      pendingId: `${base}:${role}`,
      timeoutS: 0,
      flags: verb === "capture" ? TransferFlag.postPendingTransfer : TransferFlag.voidPendingTransfer,
      tags: { businessUnit: null, costCentre: null, sessionId: null, intentId: null },
      metadata: null,
    },
  };
}

/**
 * Capture posts `amount` of every money hold (counters post whole) and adds the fee; what is
 * not captured is released by the post itself.
 */
export function captureLegs(base: string, lines: readonly BudgetLine[], m: MoneyMove, amount: bigint): Leg[] {
  const legs = lines.map((l) => settle(base, l.level, "capture", l.currency === m.currency ? amount : null));
  legs.push(settle(base, "money", "capture", amount));
  const fee = feeLeg(base, m, m.fee);
  if (fee !== null) legs.push(fee);
  return link(legs);
}

export function voidLegs(base: string, lines: readonly BudgetLine[]): Leg[] {
  return link([...lines.map((l) => settle(base, l.level, "void", null)), settle(base, "money", "void", null)]);
}

export type ChainOutcome =
  | { readonly kind: "ok" }
  /** Every leg existed: this exact chain was committed before (a retry). */
  | { readonly kind: "exists" }
  | { readonly kind: "failed"; readonly role: LegRole; readonly result: TransferResult["result"] };

export function outcomeOf(legs: readonly Leg[], results: readonly TransferResult[]): ChainOutcome {
  if (results.every((r) => r.result === "ok")) return { kind: "ok" };
  if (results.every((r) => r.result === "exists")) return { kind: "exists" };
  const i = results.findIndex((r) => r.result !== "ok" && r.result !== "exists" && r.result !== "linked_event_failed");
  const failing = results[i === -1 ? 0 : i]!;
  return { kind: "failed", role: legs[i === -1 ? 0 : i]!.role, result: failing.result };
}

/** What a failed authorisation chain means for the agent. */
export function declineOf(outcome: Extract<ChainOutcome, { kind: "failed" }>): DeclineCode {
  const budgetExhausted = outcome.result === "exceeds_credits";
  if (outcome.role === "money") {
    return budgetExhausted || outcome.result === "debit_account_not_found" ? "insufficient_funds" : "processing_error";
  }
  if (outcome.role === "fee") return "processing_error";
  return budgetExhausted ? budgetDecline(outcome.role) : "processing_error";
}
