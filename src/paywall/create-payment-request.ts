/** A merchant asks for a payment for one resource: AgentPay signs the request and keeps it. */
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { PaymentDeps } from "../payments/index.js";
import { PAYMENT_REQUEST_JWS_TYPE, paymentRequestClaims } from "./claims.js";
import { requestToRow } from "./rows.js";
import type { CreatePaymentRequestBody } from "./schema.js";
import { NONCE_BYTES, type PaymentRequest } from "./types.js";

export async function createPaymentRequest(
  deps: PaymentDeps,
  actor: Principal,
  body: CreatePaymentRequestBody,
  requestId: string | null,
): Promise<Result<PaymentRequest, ApiError>> {
  if (actor.type !== "merchant") return err(new ApiError("forbidden", "Only a merchant requests payments."));
  const nowMs = deps.clock.nowMs();
  const unsigned: PaymentRequest = {
    id: newId("prq"),
    merchantId: actor.id,
    amount: BigInt(body.amount),
    currency: body.currency,
    resource: body.resource,
    description: body.description ?? null,
    nonce: randomBytes(NONCE_BYTES).toString("base64url"),
    status: "open",
    expiresAtMs: nowMs + body.expires_in * 1000,
    payerAgentId: null,
    paymentId: null,
    jws: "",
    metadata: body.metadata === undefined ? null : JSON.stringify(body.metadata),
    paidAtMs: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  const request: PaymentRequest = { ...unsigned, jws: await deps.signer.sign(paymentRequestClaims(unsigned), PAYMENT_REQUEST_JWS_TYPE) };
  await deps.database.transaction(async (trx) => {
    await trx.insertInto("payment_requests").values(requestToRow(request)).execute();
    await recordAudit(
      trx,
      {
        actor,
        action: "payment_request.created",
        objectType: "payment_request",
        objectId: request.id,
        afterStatus: "open",
        requestId,
        data: { amount: request.amount.toString(), currency: request.currency, resource: request.resource, expires_at: request.expiresAtMs },
      },
      nowMs,
    );
  });
  return ok(request);
}
