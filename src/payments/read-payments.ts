import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { maySeePayment } from "./access.js";
import type { PaymentDeps } from "./deps.js";
import { approvalFromRow, paymentFromRow } from "./rows.js";
import { findPayment, refundsOf } from "./store.js";
import type { Approval, Payment, PaymentPurpose, Refund } from "./types.js";

export const PAYMENT_PAGE_SIZE_MAX = 100;
export const RECEIPT_JWS_TYPE = "agentpay-receipt+jwt";

export async function getPayment(deps: PaymentDeps, actor: Principal, id: string): Promise<Result<Payment, ApiError>> {
  const p = await findPayment(deps.database, id);
  if (p === undefined || !maySeePayment(actor, p)) return err(new ApiError("not_found", `No payment '${id}'.`, "id"));
  return ok(p);
}

export interface PaymentListQuery {
  readonly limit: number;
  readonly startingAfter: string | undefined;
  readonly status: Payment["status"] | undefined;
  readonly mandateId: string | undefined;
  /** Only payments of this purpose (`tip`: the tips an agent or user sent, or a merchant received). */
  readonly purpose?: PaymentPurpose | undefined;
}

/** Each principal lists only its own side: agent, user, merchant; operators list all. */
export async function listPayments(
  deps: PaymentDeps,
  actor: Principal,
  q: PaymentListQuery,
): Promise<Result<{ data: Payment[]; hasMore: boolean }, ApiError>> {
  let query = deps.database.db.selectFrom("payments").selectAll();
  if (actor.type === "agent") query = query.where("agent_id", "=", actor.id);
  if (actor.type === "user") query = query.where("user_id", "=", actor.id);
  if (actor.type === "merchant") query = query.where("merchant_id", "=", actor.id);
  if (q.status !== undefined) query = query.where("status", "=", q.status);
  if (q.mandateId !== undefined) query = query.where("mandate_id", "=", q.mandateId);
  if (q.purpose !== undefined) query = query.where("purpose", "=", q.purpose);
  if (q.startingAfter !== undefined) query = query.where("id", "<", q.startingAfter);
  const rows = await query.orderBy("id", "desc").limit(q.limit + 1).execute();
  return ok({ data: rows.slice(0, q.limit).map(paymentFromRow), hasMore: rows.length > q.limit });
}

export async function listRefunds(deps: PaymentDeps, actor: Principal, paymentId: string): Promise<Result<Refund[], ApiError>> {
  const p = await getPayment(deps, actor, paymentId);
  if (!p.ok) return p;
  return ok(await refundsOf(deps.database, paymentId));
}

/**
 * A receipt is the payment's settled facts signed by AgentPay (EdDSA signatures are
 * deterministic, so the same payment always yields the same receipt).
 */
export async function paymentReceipt(deps: PaymentDeps, actor: Principal, id: string): Promise<Result<{ jws: string; claims: Record<string, unknown> }, ApiError>> {
  const p = await getPayment(deps, actor, id);
  if (!p.ok) return p;
  const payment = p.value;
  if (payment.status !== "succeeded") return err(new ApiError("conflict", "Only a succeeded payment has a receipt."));
  const claims = {
    iss: "agentpay",
    sub: payment.id,
    iat: Math.floor(payment.updatedAtMs / 1000),
    receipt: {
      payment_id: payment.id,
      amount: payment.amountCaptured.toString(),
      currency: payment.currency,
      merchant_id: payment.merchantId,
      agent_id: payment.agentId,
      user_id: payment.userId,
      mandate_id: payment.mandateId,
      intent_id: payment.intent.id,
      order_reference: payment.orderReference,
      captured_at: Math.floor(payment.updatedAtMs / 1000),
    },
  };
  return ok({ jws: await deps.signer.sign(claims, RECEIPT_JWS_TYPE), claims });
}

export async function getApproval(deps: PaymentDeps, actor: Principal, id: string): Promise<Result<Approval, ApiError>> {
  const row = await deps.database.db.selectFrom("approvals").selectAll().where("id", "=", id).executeTakeFirst();
  const a = row === undefined ? undefined : approvalFromRow(row);
  const visible = a !== undefined && (actor.type === "operator" || (actor.type === "user" && a.userId === actor.id));
  if (!visible) return err(new ApiError("not_found", `No approval '${id}'.`, "id"));
  return ok(a);
}

/** The user's approvals changed after `sinceMs` (all pending ones when null), oldest change first. */
export async function approvalsOf(deps: PaymentDeps, userId: string, sinceMs: number | null): Promise<Approval[]> {
  let q = deps.database.db.selectFrom("approvals").selectAll().where("user_id", "=", userId);
  q = sinceMs === null ? q.where("status", "=", "pending") : q.where("updated_at", ">", BigInt(sinceMs));
  const rows = await q.orderBy("updated_at").limit(PAYMENT_PAGE_SIZE_MAX).execute();
  return rows.map(approvalFromRow);
}
