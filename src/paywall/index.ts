/**
 * Payment requests (HTTP 402 pay-per-request): a merchant asks for a payment for one resource,
 * AgentPay signs the request, an agent pays it once under its mandate and gets a receipt bound
 * to it. The merchant-side middleware that answers 402 and checks receipts lives in the SDK.
 */
export * from "./types.js";
export * from "./schema.js";
export { PAYMENT_REQUEST_ISSUER, PAYMENT_REQUEST_JWS_TYPE, paymentRequestClaims } from "./claims.js";
export { createPaymentRequest } from "./create-payment-request.js";
export { getPaymentRequest } from "./read-payment-requests.js";
export { type PaidRequest, PAYMENT_REQUEST_KEY_PREFIX, paymentRequestKey, payPaymentRequest } from "./pay-payment-request.js";
