/**
 * An agent pays a payment request it got in a merchant's 402 answer. The request's JWS is
 * checked, then the payment goes through `createPayment` — the same mandate, KYC, risk, step-up
 * and budget checks as any payment — with the request id as order reference and an idempotency
 * key derived from the request id, so paying the same request twice is one payment.
 *
 * One request, one payment: the first attempt claims the request for its agent (a conditional
 * update, so two agents racing cannot both pay); a declined or canceled attempt releases it.
 * The expiry is checked when the request is claimed; retries of the claiming agent go on to
 * `createPayment`, which answers with that attempt's payment, so a step-up the user approves
 * after the request's expiry still completes.
 */
import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { type CreatePaymentBody, createPayment, type Payment, type PaymentDeps, paymentReceipt } from "../payments/index.js";
import { verifiedRequestId } from "./claims.js";
import { findPaymentRequest } from "./read-payment-requests.js";
import type { PayPaymentRequestBody } from "./schema.js";
import { type PaymentRequest, statusAt } from "./types.js";

export const PAYMENT_REQUEST_KEY_PREFIX = "prq:";

/** The payment's idempotency key: the same over HTTP and MCP, whatever key the caller sent. */
export const paymentRequestKey = (requestId: string): string => `${PAYMENT_REQUEST_KEY_PREFIX}${requestId}`;

export interface PaidRequest {
  readonly request: PaymentRequest;
  /** Declined payments are returned too: the transport renders them as declines. */
  readonly payment: Payment;
  /** The payment's signed receipt once it succeeded; null while it waits for the user. */
  readonly receipt: { readonly jws: string; readonly claims: Record<string, unknown> } | null;
}

export async function payPaymentRequest(
  deps: PaymentDeps,
  actor: Principal,
  body: PayPaymentRequestBody,
  requestId: string | null,
): Promise<Result<PaidRequest, ApiError>> {
  if (actor.type !== "agent") return err(new ApiError("forbidden", "Only an agent pays a payment request."));
  const id = await verifiedRequestId(deps.signer, body.request);
  if (id === null) {
    return err(new ApiError("validation_error", "request is not a payment request signed by this AgentPay.", "request"));
  }
  const found = await findPaymentRequest(deps.database, id);
  if (found === undefined) return err(new ApiError("not_found", `No payment request '${id}'.`, "request"));
  if (found.payerAgentId !== actor.id) {
    const claimed = await claim(deps, found, actor.id);
    if (!claimed.ok) return claimed;
  }
  const created = await createPayment(deps, actor, paymentBody(found, body), paymentRequestKey(id), requestId);
  if (!created.ok) {
    // No payment exists under this key (createPayment answers an existing one before any check),
    // so an attempt that failed validation, a wrong mandate say, must not keep others out.
    await release(deps, id, actor.id);
    return created;
  }
  const payment = created.value;
  await settle(deps, found, payment, actor, requestId);
  const receipt = payment.status === "succeeded" ? await paymentReceipt(deps, actor, payment.id) : null;
  if (receipt !== null && !receipt.ok) return receipt;
  const request = (await findPaymentRequest(deps.database, id))!;
  return ok({ request, payment, receipt: receipt?.value ?? null });
}

function paymentBody(r: PaymentRequest, b: PayPaymentRequestBody): CreatePaymentBody {
  return {
    mandate_id: b.mandate_id,
    merchant_id: r.merchantId,
    amount: Number(r.amount),
    currency: r.currency,
    order_reference: r.id,
    intent: b.intent,
    capture: true,
    ...(r.description === null ? {} : { description: r.description }),
    ...(b.tags === undefined ? {} : { tags: b.tags }),
    ...(b.metadata === undefined ? {} : { metadata: b.metadata }),
  };
}

/** Makes `agentId` the request's only payer, if it is still open and nobody else is paying it. */
async function claim(deps: PaymentDeps, r: PaymentRequest, agentId: string): Promise<Result<null, ApiError>> {
  const nowMs = deps.clock.nowMs();
  const refusal = refusalOf(r, nowMs);
  if (refusal !== null) return err(refusal);
  const updated = await deps.database.transaction((trx) =>
    trx
      .updateTable("payment_requests")
      .set({ payer_agent_id: agentId, updated_at: BigInt(nowMs) })
      .where("id", "=", r.id)
      .where("status", "=", "open")
      .where("payer_agent_id", "is", null)
      .where("expires_at", ">", BigInt(nowMs))
      .executeTakeFirst(),
  );
  if (updated.numUpdatedRows === 1n) return ok(null);
  // Lost a race: say why from the row as it is now.
  const now = (await findPaymentRequest(deps.database, r.id))!;
  if (now.payerAgentId === agentId) return ok(null);
  return err(refusalOf(now, nowMs) ?? new ApiError("conflict", `Payment request ${r.id} is being paid by another agent.`, "request"));
}

function refusalOf(r: PaymentRequest, nowMs: number): ApiError | null {
  switch (statusAt(r, nowMs)) {
    case "paid":
      return new ApiError("conflict", `Payment request ${r.id} has already been paid.`, "request");
    case "expired":
      return new ApiError("conflict", `Payment request ${r.id} expired at ${new Date(r.expiresAtMs).toISOString()}; ask the merchant for a new one.`, "request");
    case "open":
      return r.payerAgentId === null ? null : new ApiError("conflict", `Payment request ${r.id} is being paid by another agent.`, "request");
  }
}

async function release(deps: PaymentDeps, requestId: string, agentId: string): Promise<void> {
  await deps.database.transaction((trx) =>
    trx
      .updateTable("payment_requests")
      .set({ payer_agent_id: null, updated_at: BigInt(deps.clock.nowMs()) })
      .where("id", "=", requestId)
      .where("status", "=", "open")
      .where("payer_agent_id", "=", agentId)
      .where("payment_id", "is", null)
      .execute(),
  );
}

/** Records what the attempt came to: paid, waiting for the user, or released for another attempt. */
async function settle(deps: PaymentDeps, r: PaymentRequest, p: Payment, actor: Principal, requestId: string | null): Promise<void> {
  const nowMs = deps.clock.nowMs();
  await deps.database.transaction(async (trx) => {
    const base = trx.updateTable("payment_requests").where("id", "=", r.id).where("status", "=", "open").where("payer_agent_id", "=", actor.id);
    if (p.status === "declined" || p.status === "canceled") {
      await base.set({ payer_agent_id: null, payment_id: null, updated_at: BigInt(nowMs) }).execute();
      return;
    }
    if (p.status !== "succeeded") {
      await base.set({ payment_id: p.id, updated_at: BigInt(nowMs) }).execute();
      return;
    }
    const paid = await base.set({ status: "paid", payment_id: p.id, paid_at: BigInt(nowMs), updated_at: BigInt(nowMs) }).executeTakeFirst();
    if (paid.numUpdatedRows === 0n) return;
    await recordAudit(
      trx,
      {
        actor,
        action: "payment_request.paid",
        objectType: "payment_request",
        objectId: r.id,
        userId: p.userId,
        intentId: p.intent.id,
        mandateId: p.mandateId,
        paymentId: p.id,
        beforeStatus: "open",
        afterStatus: "paid",
        requestId,
        data: { amount: p.amount.toString(), currency: p.currency, merchant_id: p.merchantId, resource: r.resource },
      },
      nowMs,
    );
  });
}
