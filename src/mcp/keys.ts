/**
 * Idempotency keys for money-moving tool calls, derived on the server from what identifies the
 * purchase — never taken from the model, which may reword or invent on a retry (DESIGN.md,
 * fixed decision 5). Free text (description, reason, the user's words) is left out on purpose:
 * a retried call that words it differently is still the same payment.
 */
import { createHash } from "node:crypto";

export const MCP_KEY_PREFIX = "mcp:";

/** JSON of an array is unambiguous where joining with a separator is not ("a:b" + "c" vs "a" + "b:c"). */
const derive = (parts: readonly (string | number | null)[]): string =>
  MCP_KEY_PREFIX + createHash("sha256").update(JSON.stringify(parts)).digest("hex");

export interface PaymentKeyParts {
  readonly agentId: string;
  readonly intentId: string;
  readonly merchantId: string;
  readonly orderReference: string;
  readonly amount: number;
  readonly currency: string;
  /** The declined attempt this call retries, once the user has fixed the cause; null for a first attempt. */
  readonly retryOf: string | null;
}

export function paymentKey(p: PaymentKeyParts): string {
  return derive(["payment", p.agentId, p.intentId, p.merchantId, p.orderReference, p.amount, p.currency, p.retryOf]);
}

export interface RefundKeyParts {
  readonly paymentId: string;
  /** Null: "all that is left", a request of its own. */
  readonly amount: number | null;
  readonly refundReference: string;
}

export function refundKey(r: RefundKeyParts): string {
  return derive(["refund", r.paymentId, r.amount, r.refundReference]);
}
