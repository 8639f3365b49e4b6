/**
 * The user approves or declines a payment that waits for confirmation. Only the user decides —
 * with their own key or the dashboard, never the agent's key. The decision is taken with a
 * conditional update, so approve and decline cannot both win; an approval whose money did not
 * move yet (a crash in between) is completed by approving again.
 */
import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { loadMandate } from "../mandates/index.js";
import { authorize } from "./authorize.js";
import { checkMandate } from "./check-mandate.js";
import { paymentEvent } from "./events.js";
import type { DeclineCode } from "./declines.js";
import { paymentUpdate } from "./rows.js";
import type { PaymentDeps } from "./deps.js";
import { cancelUnconfirmed } from "./settle-payment.js";
import { findApproval, findPayment } from "./store.js";
import type { Approval, Payment } from "./types.js";

export interface Decision {
  readonly approval: Approval;
  readonly payment: Payment;
}

export async function decideApproval(
  deps: PaymentDeps,
  actor: Principal,
  approvalId: string,
  verdict: "approve" | "decline",
  requestId: string | null,
): Promise<Result<Decision, ApiError>> {
  if (actor.type !== "user") return err(new ApiError("forbidden", "Only the user confirms a payment, never an agent."));
  const approval = await findApproval(deps.database, approvalId);
  if (approval === undefined || approval.userId !== actor.id) {
    return err(new ApiError("not_found", `No approval '${approvalId}'.`, "id"));
  }
  const payment = (await findPayment(deps.database, approval.paymentId))!;
  const nowMs = deps.clock.nowMs();
  const resumable = approval.status === "approved" && payment.status === "requires_confirmation";
  if (approval.status !== "pending" && !resumable) {
    return err(new ApiError("conflict", `This approval is already ${approval.status}.`));
  }
  if (approval.status === "pending" && nowMs > approval.expiresAtMs) {
    await cancelUnconfirmed(deps, payment, null, "confirmation_expired", requestId);
    return err(new ApiError("conflict", "This approval has expired; the payment was canceled."));
  }
  if (verdict === "decline") {
    const canceled = await cancelUnconfirmed(deps, payment, actor, "confirmation_declined", requestId);
    if (!canceled.ok) return canceled;
    return ok({ approval: (await findApproval(deps.database, approvalId))!, payment: canceled.value });
  }
  if (!resumable && !(await markApproved(deps, approval, payment, actor, requestId, nowMs))) {
    return err(new ApiError("conflict", "This approval was decided meanwhile."));
  }
  return ok({ approval: (await findApproval(deps.database, approvalId))!, payment: await proceed(deps, payment, actor, requestId) });
}

async function markApproved(
  deps: PaymentDeps,
  a: Approval,
  p: Payment,
  actor: Principal,
  requestId: string | null,
  nowMs: number,
): Promise<boolean> {
  return deps.database.transaction(async (trx) => {
    const changed = await trx
      .updateTable("approvals")
      .set({ status: "approved", decided_at: BigInt(nowMs), decided_by: actor.id, updated_at: BigInt(nowMs) })
      .where("id", "=", a.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (changed.numUpdatedRows === 0n) return false;
    await recordAudit(
      trx,
      {
        actor,
        action: "approval.approved",
        objectType: "approval",
        objectId: a.id,
        userId: a.userId,
        intentId: p.intent.id,
        mandateId: p.mandateId,
        paymentId: a.paymentId,
        beforeStatus: "pending",
        afterStatus: "approved",
        requestId,
      },
      nowMs,
    );
    return true;
  });
}

/** Approved: the payment now goes through the same ledger chain as any other. */
async function proceed(deps: PaymentDeps, p: Payment, actor: Principal, requestId: string | null): Promise<Payment> {
  const [mandate, user, merchant] = await Promise.all([
    loadMandate(deps, p.mandateId),
    deps.parties.user(p.userId),
    deps.parties.merchant(p.merchantId),
  ]);
  // The mandate may have been paused, revoked or run out of its window while the user decided.
  const decline = checkMandate(
    mandate!,
    { amount: p.amount, currency: p.currency, merchantId: p.merchantId, merchantCategory: merchant!.category },
    deps.clock.nowMs(),
  );
  if (decline !== null) return declineWaiting(deps, p, decline, actor, requestId);
  return authorize(deps, {
    payment: p,
    mandate: mandate!,
    user: user!,
    merchant: merchant!,
    capture: p.captureMethod === "automatic",
    write: "update",
    actor,
    requestId,
  });
}

async function declineWaiting(
  deps: PaymentDeps,
  p: Payment,
  code: DeclineCode,
  actor: Principal,
  requestId: string | null,
): Promise<Payment> {
  const nowMs = deps.clock.nowMs();
  const next: Payment = { ...p, status: "declined", declineCode: code, holdExpiresAtMs: null, updatedAtMs: nowMs };
  const { id, set } = paymentUpdate(next);
  await deps.database.transaction(async (trx) => {
    await trx.updateTable("payments").set(set).where("id", "=", id).where("status", "=", "requires_confirmation").execute();
    await recordAudit(trx, { ...paymentEvent(next, actor, requestId, "payment.declined"), beforeStatus: p.status }, nowMs);
  });
  return next;
}
