/**
 * The AgentPay TypeScript SDK: a typed client generated from the served OpenAPI document, and
 * the helpers around it — idempotency keys, webhook verification, and both sides of HTTP 402
 * pay-per-request (`payingFetch` for agents; the paywall for merchants, as a framework-neutral
 * core, a Node `http` middleware and, from `./paywall/fastify.js`, a Fastify plugin).
 */
export {
  type AgentPayClient,
  type AgentPayClientOptions,
  createAgentPayClient,
  type CreatePaymentRequestBody,
  type PaidPaymentRequest,
  type paths,
  type Payment,
  type PaymentIntent,
  type PaymentRequest,
  type PayPaymentRequestBody,
} from "./client.js";
export { AgentPayError, type AgentPayErrorBody } from "./errors.js";
export { newIdempotencyKey } from "./idempotency.js";
export { verifyWebhook, type WebhookHeaders, WebhookVerificationError } from "./webhooks.js";
export {
  CONFIRMATION_POLL_INTERVAL_MS_DEFAULT,
  CONFIRMATION_WAIT_MS_MAX,
  ConfirmationRequiredError,
  PaymentNotCompletedError,
  PaymentRefusedError,
  payingFetch,
  type PayingFetch,
  type PayingFetchOptions,
} from "./paying-fetch.js";
export * from "./x402.js";
export * from "./paywall/paywall.js";
export { type MarkResult, memoryUsedReceiptStore, type UsedReceiptStore, USED_RECEIPTS_MAX_DEFAULT } from "./paywall/used-receipts.js";
export { createNodePaywall, type NodePaywall, type NodePaywallOptions, paymentOf as nodePaymentOf } from "./paywall/node.js";
