/**
 * Refunds return captured money from the merchant to the payer's wallet, fully or in parts,
 * within the refund window. Each refund is a linked chain: it first debits the payment's
 * refundable balance (funded once with the captured amount), so refunds racing on one payment
 * can never return more than was captured. The platform fee is not returned.
 */
import { createHash } from "node:crypto";
import { auditRow } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { NO_TAGS, type TransferInput, TransferFlag } from "../ledger/index.js";
import { ensureMerchantAccount, ensureWallet } from "../parties/index.js";
import { mayCollect, maySeePayment } from "./access.js";
import { ensureRefundable, refundUsedId, REFUNDABLE_CODE } from "./accounts.js";
import { REFUND_TRANSFER_CODE } from "./chain.js";
import type { PaymentDeps } from "./deps.js";
import { refundFromRow, refundToRow } from "./rows.js";
import { findPayment, ledgerBase } from "./store.js";
import type { Refund } from "./types.js";

const DAY_MS = 24 * 3600 * 1000;

/** Set by the system, never by a merchant's request. */
export interface RefundOptions {
  /**
   * A settlement's own correction (a subscription returning what it captured beyond a period's
   * final bill, or crediting usage reversed within its dispute window): the refund window, which
   * bounds what a merchant may return at will, does not apply — a yearly reservation's first hold
   * is older than the window when its period is settled.
   */
  readonly settlement?: boolean;
}

export async function refundPayment(
  deps: PaymentDeps,
  actor: Principal,
  paymentId: string,
  input: { amount: bigint | null; reason: string | null },
  idempotencyKey: string,
  requestId: string | null,
  options: RefundOptions = {},
): Promise<Result<Refund, ApiError>> {
  const p = await findPayment(deps.database, paymentId);
  if (p === undefined || !maySeePayment(actor, p)) return err(new ApiError("not_found", `No payment '${paymentId}'.`, "id"));
  if (!mayCollect(actor, p)) return err(new ApiError("forbidden", "Only the merchant (or finance) refunds a payment."));
  const refundId = `ref_${createHash("sha256").update(`${p.id}\n${idempotencyKey}`).digest("hex").slice(0, 26)}`;
  const earlier = await deps.database.db.selectFrom("refunds").select("id").where("id", "=", refundId).executeTakeFirst();
  if (earlier !== undefined) return ok(await loadRefund(deps, refundId));
  if (p.status !== "succeeded") return err(new ApiError("conflict", `A ${p.status} payment cannot be refunded.`));
  const nowMs = deps.clock.nowMs();
  if (options.settlement !== true && nowMs - p.createdAtMs > deps.settings.refundWindowDays * DAY_MS) {
    return err(new ApiError("conflict", `The refund window of ${deps.settings.refundWindowDays} days has closed.`));
  }
  const amount = input.amount ?? p.amountCaptured - p.amountRefunded;
  if (amount <= 0n || amount > p.amountCaptured - p.amountRefunded) {
    return err(new ApiError("validation_error", `At most ${p.amountCaptured - p.amountRefunded} is left to refund.`, "amount"));
  }
  const refund: Refund = {
    id: refundId,
    paymentId: p.id,
    merchantId: p.merchantId,
    amount,
    currency: p.currency,
    reason: input.reason,
    status: "succeeded",
    createdBy: actor.id,
    createdAtMs: nowMs,
  };
  const legs = await refundLegs(deps, p.userId, p.merchantId, p.currency, p.amountCaptured, refund, ledgerBase(p.agentId, p.idempotencyKey!));
  let outcome = "ok";
  await deps.ledger.submitTransfers(legs, {
    effects: (results) => {
      outcome = results.every((r) => r.result === "ok") ? "ok" : results.every((r) => r.result === "exists") ? "exists" : results[0]!.result;
      if (outcome !== "ok") return [];
      const event = {
        actor,
        action: "payment.refunded",
        objectType: "refund",
        objectId: refund.id,
        userId: p.userId,
        intentId: p.intent.id,
        mandateId: p.mandateId,
        paymentId: p.id,
        requestId,
        data: { amount: amount.toString(), currency: p.currency, reason: input.reason },
      };
      return [
        { kind: "insert", table: "refunds", values: refundToRow(refund) },
        { kind: "update", table: "payments", set: { updated_at: BigInt(nowMs) }, increment: { amount_refunded: amount }, where: { id: p.id } },
        { kind: "insert", table: "audit_events", values: auditRow(event, nowMs) },
      ];
    },
  });
  if (outcome === "ok") return ok(refund);
  if (outcome === "exists") return ok(await loadRefund(deps, refundId));
  return err(new ApiError("conflict", "The refund exceeds what is left of the captured amount.", "amount"));
}

async function refundLegs(
  deps: PaymentDeps,
  userId: string,
  merchantId: string,
  currency: string,
  captured: bigint,
  refund: Refund,
  base: string,
): Promise<TransferInput[]> {
  const [refundable, wallet, merchant] = await Promise.all([
    ensureRefundable(deps.ledger, refund.paymentId, currency, captured),
    ensureWallet(deps.ledger, userId, currency),
    ensureMerchantAccount(deps.ledger, merchantId, currency),
  ]);
  const leg = (id: string, debit: string, credit: string, code: number, flags: number): TransferInput => ({
    id,
    debitAccountId: debit,
    creditAccountId: credit,
    amount: refund.amount,
    currency,
    code,
    pendingId: null,
    timeoutS: 0,
    flags,
    tags: NO_TAGS,
    metadata: JSON.stringify({ payment_id: refund.paymentId, refund_id: refund.id }),
  });
  return [
    leg(`${base}:${refund.id}:cap`, refundable, refundUsedId(currency), REFUNDABLE_CODE, TransferFlag.linked),
    leg(`${base}:${refund.id}:money`, merchant, wallet, REFUND_TRANSFER_CODE, 0),
  ];
}

async function loadRefund(deps: PaymentDeps, id: string): Promise<Refund> {
  const row = await deps.database.db.selectFrom("refunds").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  return refundFromRow(row);
}
