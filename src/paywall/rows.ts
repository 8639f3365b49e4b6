import type { PaymentRequestRow } from "../store/index.js";
import type { PaymentRequest } from "./types.js";

const ms = (v: bigint | null): number | null => (v === null ? null : Number(v));

export function requestFromRow(r: PaymentRequestRow): PaymentRequest {
  return {
    id: r.id,
    merchantId: r.merchant_id,
    amount: r.amount,
    currency: r.currency,
    resource: r.resource,
    description: r.description,
    nonce: r.nonce,
    status: r.status === "paid" ? "paid" : "open",
    expiresAtMs: Number(r.expires_at),
    payerAgentId: r.payer_agent_id,
    paymentId: r.payment_id,
    jws: r.jws,
    metadata: r.metadata,
    paidAtMs: ms(r.paid_at),
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

export function requestToRow(r: PaymentRequest): PaymentRequestRow {
  return {
    id: r.id,
    merchant_id: r.merchantId,
    amount: r.amount,
    currency: r.currency,
    resource: r.resource,
    description: r.description,
    nonce: r.nonce,
    status: r.status,
    expires_at: BigInt(r.expiresAtMs),
    payer_agent_id: r.payerAgentId,
    payment_id: r.paymentId,
    jws: r.jws,
    metadata: r.metadata,
    paid_at: r.paidAtMs === null ? null : BigInt(r.paidAtMs),
    created_at: BigInt(r.createdAtMs),
    updated_at: BigInt(r.updatedAtMs),
  };
}
