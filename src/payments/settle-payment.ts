/**
 * Capture (post the hold, fully or partly, and take the fee) and cancel (void the hold). Both are
 * linked chains over the legs the payment was authorised with; the ledger decides races (a
 * capture and a cancel at once: one of them finds the hold already settled).
 */
import { auditRow } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { RowWrite } from "../ledger/index.js";
import { mayCollect, maySeePayment } from "./access.js";
import { feeOf, moneyMove } from "./authorize.js";
import { captureLegs, type Leg, outcomeOf, voidLegs } from "./chain.js";
import { paymentEvent } from "./events.js";
import type { PaymentDeps } from "./deps.js";
import { paymentUpdate, updatePayment } from "./rows.js";
import { findPayment, ledgerBase } from "./store.js";
import type { CancellationReason, Payment } from "./types.js";

const notFound = (id: string) => err(new ApiError("not_found", `No payment '${id}'.`, "id"));

export async function capturePayment(
  deps: PaymentDeps,
  actor: Principal,
  id: string,
  amount: bigint | null,
  requestId: string | null,
): Promise<Result<Payment, ApiError>> {
  const p = await findPayment(deps.database, id);
  if (p === undefined || !maySeePayment(actor, p)) return notFound(id);
  if (!mayCollect(actor, p)) return err(new ApiError("forbidden", "Only the merchant (or finance) captures a payment."));
  if (p.status === "succeeded") return ok(p);
  if (p.status !== "requires_capture") return err(new ApiError("conflict", `A ${p.status} payment cannot be captured.`));
  // The ledger hold outlives the payment by HOLD_GRACE_S so that the sweeper can void it; the
  // authorisation itself ends at the payment's expiry, swept or not.
  if (p.holdExpiresAtMs !== null && deps.clock.nowMs() >= p.holdExpiresAtMs) {
    return err(new ApiError("conflict", "The authorisation has expired."));
  }
  const captured = amount ?? p.amount;
  if (captured > p.amount) {
    return err(new ApiError("validation_error", `You can capture at most the authorised ${p.amount}.`, "amount"));
  }
  const merchant = (await deps.parties.merchant(p.merchantId))!;
  const fee = feeOf(captured, merchant, deps);
  const move = await moneyMove(deps, p, merchant, fee);
  const legs = captureLegs(ledgerBase(p.agentId, p.idempotencyKey!), p.budgetLines, move, captured);
  const nowMs = deps.clock.nowMs();
  const next: Payment = {
    ...p,
    status: "succeeded",
    amountCaptured: captured,
    feeAmount: fee,
    holdExpiresAtMs: null,
    updatedAtMs: nowMs,
  };
  return settle(deps, p, next, legs, actor, requestId, "payment.captured", null);
}

/** The payer's agent, the user, the merchant or an operator may cancel what is not yet captured. */
export async function cancelPayment(
  deps: PaymentDeps,
  actor: Principal,
  id: string,
  requestId: string | null,
): Promise<Result<Payment, ApiError>> {
  const p = await findPayment(deps.database, id);
  if (p === undefined || !maySeePayment(actor, p)) return notFound(id);
  if (p.status === "canceled") return ok(p);
  const reason: CancellationReason =
    actor.type === "merchant"
      ? "requested_by_merchant"
      : actor.type === "user"
        ? "requested_by_user"
        : actor.type === "operator"
          ? "requested_by_operator"
          : "requested_by_agent";
  if (p.status === "requires_confirmation") return cancelUnconfirmed(deps, p, actor, reason, requestId);
  if (p.status !== "requires_capture") return err(new ApiError("conflict", `A ${p.status} payment cannot be canceled.`));
  return voidHold(deps, p, actor, reason, requestId);
}

export async function voidHold(
  deps: PaymentDeps,
  p: Payment,
  actor: Principal | null,
  reason: CancellationReason,
  requestId: string | null,
): Promise<Result<Payment, ApiError>> {
  const legs = voidLegs(ledgerBase(p.agentId, p.idempotencyKey!), p.budgetLines);
  const next: Payment = { ...p, status: "canceled", cancellationReason: reason, holdExpiresAtMs: null, updatedAtMs: deps.clock.nowMs() };
  return settle(deps, p, next, legs, actor, requestId, "payment.canceled", () => recordLapsed(deps, p, actor, requestId));
}

/**
 * The ledger's own timeout of the hold ran out before anyone voided it (the sweeper was down for
 * longer than HOLD_GRACE_S): the ledger releases the money itself, and the payment is recorded
 * as expired, so that it does not stay `requires_capture` for ever.
 */
async function recordLapsed(
  deps: PaymentDeps,
  p: Payment,
  actor: Principal | null,
  requestId: string | null,
): Promise<Result<Payment, ApiError>> {
  await deps.ledger.expireDue();
  const nowMs = deps.clock.nowMs();
  const next: Payment = { ...p, status: "canceled", cancellationReason: "hold_expired", holdExpiresAtMs: null, updatedAtMs: nowMs };
  const { id, set } = paymentUpdate(next);
  const done = await deps.database.transaction(async (trx) => {
    const updated = await trx.updateTable("payments").set(set).where("id", "=", id).where("status", "=", p.status).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    const event = { ...paymentEvent(next, actor, requestId, "payment.canceled", { reason: "hold_expired" }), beforeStatus: p.status };
    await trx.insertInto("audit_events").values(auditRow(event, nowMs)).execute();
    return true;
  });
  return ok(done ? next : (await findPayment(deps.database, p.id))!);
}

async function settle(
  deps: PaymentDeps,
  before: Payment,
  next: Payment,
  legs: readonly Leg[],
  actor: Principal | null,
  requestId: string | null,
  action: string,
  /** What to do when the ledger says the hold has already expired; null: a conflict. */
  lapsed: (() => Promise<Result<Payment, ApiError>>) | null,
): Promise<Result<Payment, ApiError>> {
  let applied = false;
  let failure: string | null = null;
  await deps.ledger.submitTransfers(
    legs.map((l) => l.transfer),
    {
      effects: (results) => {
        const outcome = outcomeOf(legs, results);
        applied = outcome.kind === "ok";
        failure = outcome.kind === "failed" ? outcome.result : null;
        if (!applied) return [];
        const event = { ...paymentEvent(next, actor, requestId, action), beforeStatus: before.status };
        const rows: RowWrite[] = [updatePayment(next), { kind: "insert", table: "audit_events", values: auditRow(event, next.updatedAtMs) }];
        return rows;
      },
    },
  );
  if (applied) return ok(next);
  const now = (await findPayment(deps.database, before.id))!;
  // Someone settled it first: the same way (a retry, a duplicate) answers where it stands; the
  // other way (a capture that lost to a cancel, or the reverse) is a conflict, as it is when
  // the second request comes after the first.
  if (now.status !== before.status) {
    return now.status === next.status ? ok(now) : err(new ApiError("conflict", `The payment was ${now.status} meanwhile.`));
  }
  if (failure === "pending_transfer_expired") return lapsed === null ? err(new ApiError("conflict", "The authorisation has expired.")) : lapsed();
  return failure === null ? ok(now) : err(new ApiError("conflict", `The hold could not be settled (${failure}).`));
}

/** Rolls a cancel back: the user decided the approval while it was being canceled. */
class DecidedMeanwhile extends Error {}

/** How long an approved payment whose money did not move may wait before it lapses. */
export const STUCK_APPROVAL_GRACE_MS = 60_000;

export async function cancelUnconfirmed(
  deps: PaymentDeps,
  p: Payment,
  actor: Principal | null,
  reason: CancellationReason,
  requestId: string | null,
): Promise<Result<Payment, ApiError>> {
  const nowMs = deps.clock.nowMs();
  const next: Payment = { ...p, status: "canceled", cancellationReason: reason, holdExpiresAtMs: null, updatedAtMs: nowMs };
  const approvalStatus = reason === "confirmation_declined" ? "declined" : "expired";
  const done = await deps.database
    .transaction(async (trx) => {
    const current = await trx.selectFrom("approvals").select(["status", "expires_at"]).where("id", "=", p.approvalId!).executeTakeFirst();
    // An approval the user gave whose money never moved (the process stopped in between) lapses
    // with its payment once the grace has passed, instead of holding up the sweeper forever.
    const stuck =
      current?.status === "approved" && reason === "confirmation_expired" && nowMs > Number(current.expires_at) + STUCK_APPROVAL_GRACE_MS;
    if (current?.status !== "pending" && !stuck) return false;
    const { id, set } = paymentUpdate(next);
    const payment = await trx.updateTable("payments").set(set).where("id", "=", id).where("status", "=", "requires_confirmation").executeTakeFirst();
    if (payment.numUpdatedRows === 0n) return false;
    const approval = await trx
      .updateTable("approvals")
      .set({ status: approvalStatus, decided_at: BigInt(nowMs), decided_by: actor?.id ?? null, updated_at: BigInt(nowMs) })
      .where("id", "=", p.approvalId!)
      .where("status", "=", current.status)
      .executeTakeFirst();
    // The user decided meanwhile: roll the cancel back and let their decision stand.
    if (approval.numUpdatedRows === 0n) throw new DecidedMeanwhile();
    // The approval changed too: its own event, as approving has one.
    await trx
      .insertInto("audit_events")
      .values(
        auditRow(
          {
            actor,
            action: `approval.${approvalStatus}`,
            objectType: "approval",
            objectId: p.approvalId!,
            userId: p.userId,
            intentId: p.intent.id,
            mandateId: p.mandateId,
            paymentId: p.id,
            beforeStatus: current.status,
            afterStatus: approvalStatus,
            requestId,
            data: { reason },
          },
          nowMs,
        ),
      )
      .execute();
    await trx
      .insertInto("audit_events")
      .values(auditRow({ ...paymentEvent(next, actor, requestId, "payment.canceled", { reason }), beforeStatus: p.status }, nowMs))
      .execute();
    return true;
  })
    .catch((error: unknown) => {
      if (error instanceof DecidedMeanwhile) return false;
      throw error;
    });
  if (done) return ok(next);
  return ok((await findPayment(deps.database, p.id))!);
}
