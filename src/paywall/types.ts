/** Payment requests: a merchant's signed "pay this much for this resource", paid once by one agent. */
import { assert } from "../core/assert.js";

/** Stored states; `expired` is derived from the clock, never written, so no sweeper is needed. */
export const PAYMENT_REQUEST_STATUSES = ["open", "paid", "expired"] as const;
export type PaymentRequestStatus = (typeof PAYMENT_REQUEST_STATUSES)[number];

/** The longest a merchant may leave a request open: an agent pays within seconds of the 402. */
export const PAYMENT_REQUEST_TTL_MAX_S = 3_600;
export const PAYMENT_REQUEST_TTL_MIN_S = 10;
export const PAYMENT_REQUEST_TTL_DEFAULT_S = 300;
/** URLs and paths; long enough for a query string, short enough to fit a header with the rest. */
export const RESOURCE_LENGTH_MAX = 2_048;
export const PAYMENT_REQUEST_DESCRIPTION_LENGTH_MAX = 500;
/** A compact JWS of a request is well under 2 KiB; anything much longer is not ours. */
export const PAYMENT_REQUEST_JWS_LENGTH_MAX = 8_192;
/** 128 random bits, base64url. */
export const NONCE_BYTES = 16;

assert(
  PAYMENT_REQUEST_TTL_MIN_S <= PAYMENT_REQUEST_TTL_DEFAULT_S && PAYMENT_REQUEST_TTL_DEFAULT_S <= PAYMENT_REQUEST_TTL_MAX_S,
  "the default payment request lifetime lies within its bounds",
);
assert(RESOURCE_LENGTH_MAX < PAYMENT_REQUEST_JWS_LENGTH_MAX / 2, "a request's JWS (resource base64-encoded, with the rest) fits its length bound");

export interface PaymentRequest {
  readonly id: string;
  readonly merchantId: string;
  readonly amount: bigint;
  readonly currency: string;
  /** What the payment buys access to: a URL or a path, exactly as the merchant's server checks it. */
  readonly resource: string;
  readonly description: string | null;
  readonly nonce: string;
  /** As stored: open or paid (expired is derived, see `statusAt`). */
  readonly status: "open" | "paid";
  readonly expiresAtMs: number;
  /** The agent whose first attempt claimed the request; null while nobody is paying it. */
  readonly payerAgentId: string | null;
  readonly paymentId: string | null;
  /** The request signed by AgentPay (compact JWS), as the merchant hands it to agents. */
  readonly jws: string;
  readonly metadata: string | null;
  readonly paidAtMs: number | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export function statusAt(r: PaymentRequest, nowMs: number): PaymentRequestStatus {
  if (r.status === "paid") return "paid";
  return nowMs >= r.expiresAtMs ? "expired" : "open";
}
