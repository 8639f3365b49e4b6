/** Wire formats of payment requests, shared by HTTP and MCP. Amounts are minor units; times Unix seconds. */
import { z } from "zod";
import { MANDATE_AMOUNT_MAX } from "../mandates/index.js";
import { isCurrency } from "../money/index.js";
import { createPaymentBody, paymentObject } from "../payments/index.js";
import {
  PAYMENT_REQUEST_DESCRIPTION_LENGTH_MAX,
  PAYMENT_REQUEST_JWS_LENGTH_MAX,
  PAYMENT_REQUEST_STATUSES,
  PAYMENT_REQUEST_TTL_DEFAULT_S,
  PAYMENT_REQUEST_TTL_MAX_S,
  PAYMENT_REQUEST_TTL_MIN_S,
  type PaymentRequest,
  RESOURCE_LENGTH_MAX,
  statusAt,
} from "./types.js";

const secs = (ms: number): number => Math.floor(ms / 1000);

export const createPaymentRequestBody = z.strictObject({
  amount: z.int().min(1).max(MANDATE_AMOUNT_MAX).describe("Minor units: 100 with CNY is ¥1.00."),
  currency: z.string().refine(isCurrency, { message: "must be an ISO 4217 currency code in upper case" }),
  resource: z
    .string()
    .min(1)
    .max(RESOURCE_LENGTH_MAX)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (percent-encode the rest)")
    .describe("What the payment buys: the URL or path your server checks the receipt against, e.g. /v1/forecast?city=hz."),
  description: z.string().min(1).max(PAYMENT_REQUEST_DESCRIPTION_LENGTH_MAX).optional().describe("Shown to the agent and the user."),
  expires_in: z
    .int()
    .min(PAYMENT_REQUEST_TTL_MIN_S)
    .max(PAYMENT_REQUEST_TTL_MAX_S)
    .default(PAYMENT_REQUEST_TTL_DEFAULT_S)
    .describe(`Seconds the agent has to pay it (default ${PAYMENT_REQUEST_TTL_DEFAULT_S}, at most ${PAYMENT_REQUEST_TTL_MAX_S}).`),
  metadata: z.record(z.string().max(64), z.string().max(500)).optional(),
});
export type CreatePaymentRequestBody = z.output<typeof createPaymentRequestBody>;

const payShape = createPaymentBody.shape;

export const payPaymentRequestBody = z.strictObject({
  request: z
    .string()
    .min(1)
    .max(PAYMENT_REQUEST_JWS_LENGTH_MAX)
    .describe("The payment request as the merchant's 402 answer carried it: a compact JWS signed by AgentPay."),
  mandate_id: payShape.mandate_id,
  intent: payShape.intent,
  tags: payShape.tags,
  metadata: payShape.metadata,
});
export type PayPaymentRequestBody = z.output<typeof payPaymentRequestBody>;

export const paymentRequestObject = z.object({
  id: z.string(),
  object: z.literal("payment_request"),
  status: z.enum(PAYMENT_REQUEST_STATUSES),
  merchant_id: z.string(),
  amount: z.int(),
  currency: z.string(),
  resource: z.string(),
  description: z.string().nullable(),
  nonce: z.string(),
  expires_at: z.int(),
  payment_id: z.string().nullable().describe("The payment that paid it; null until it is paid."),
  paid_at: z.int().nullable(),
  jws: z.string().describe("The request signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json."),
  metadata: z.record(z.string(), z.string()).nullable(),
  created: z.int(),
});

export function presentPaymentRequest(r: PaymentRequest, nowMs: number): z.output<typeof paymentRequestObject> {
  return {
    id: r.id,
    object: "payment_request",
    status: statusAt(r, nowMs),
    merchant_id: r.merchantId,
    amount: Number(r.amount),
    currency: r.currency,
    resource: r.resource,
    description: r.description,
    nonce: r.nonce,
    expires_at: secs(r.expiresAtMs),
    payment_id: r.paymentId,
    paid_at: r.paidAtMs === null ? null : secs(r.paidAtMs),
    jws: r.jws,
    metadata: r.metadata === null ? null : (JSON.parse(r.metadata) as Record<string, string>),
    created: secs(r.createdAtMs),
  };
}

export const receiptObject = z.object({
  jws: z.string().describe("The payment's receipt signed by AgentPay; its order_reference is the payment request id."),
  claims: z.record(z.string(), z.unknown()),
});

export const paidRequestObject = z.object({
  object: z.literal("payment_request_payment"),
  payment_request: paymentRequestObject,
  payment: paymentObject,
  receipt: receiptObject.nullable().describe("Present once the payment succeeded; null while it waits for the user's confirmation."),
});
