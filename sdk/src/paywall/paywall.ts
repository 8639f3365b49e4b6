/**
 * The merchant side of HTTP 402, independent of any web framework (the Fastify plugin and the
 * Node middleware adapt it). For a priced resource:
 *
 * - no `PAYMENT-SIGNATURE`: ask AgentPay (merchant key) for a payment request for this resource
 *   and price, and answer 402 with it in `PAYMENT-REQUIRED` and the body;
 * - with one: verify, offline against AgentPay's JWKS (fetched once and cached), that the
 *   payment request is AgentPay's, for this merchant, resource and price; that the receipt is
 *   AgentPay's and for that request (order_reference = request id, same merchant, amount,
 *   currency); that it is presented before the request's expiry plus a grace period; and that it
 *   was not used before (keyed by request id and nonce). Then let the request through.
 *
 * Anything wrong answers 402 again, with a fresh payment request and the reason in
 * `PAYMENT-RESPONSE`; a payload that is not even readable answers 400.
 */
import { compactVerify, createRemoteJWKSet, errors } from "jose";
import type { AgentPayClient, PaymentRequest } from "../client.js";
import {
  AGENTPAY_NETWORK,
  AGENTPAY_SCHEME,
  agentPayPayloadOf,
  encodeX402Header,
  PAYMENT_REQUIRED_HEADER,
  PAYMENT_RESPONSE_HEADER,
  type PaymentRequired,
  X402_VERSION,
} from "../x402.js";
import { memoryUsedReceiptStore, type UsedReceiptStore } from "./used-receipts.js";

/**
 * How long after its payment request expires a receipt is still accepted. An agent pays within
 * the request's lifetime, but a payment the user must confirm may settle later (AgentPay gives the
 * user 10 minutes by default), and the agent needs a moment to come back with the receipt.
 */
export const RECEIPT_GRACE_S_DEFAULT = 600;
export const REQUEST_TTL_S_DEFAULT = 300;
/** AgentPay's bounds on a payment request's lifetime (`expires_in`). */
export const REQUEST_TTL_S_MIN = 10;
export const REQUEST_TTL_S_MAX = 3_600;
export const JWKS_TTL_MS_DEFAULT = 5 * 60 * 1000;
/** After a refresh, an unknown key id (a rotated key, or a forgery) refetches no sooner than this. */
export const JWKS_COOLDOWN_MS = 30 * 1000;
export const JWKS_TIMEOUT_MS = 5 * 1000;
/** How far in the future a receipt's capture time may be (the merchant's clock may lag AgentPay's). */
export const CLOCK_SKEW_MS = 30 * 1000;

export const PAYMENT_REQUEST_JWS_TYPE = "agentpay-payment-request+jwt";
export const RECEIPT_JWS_TYPE = "agentpay-receipt+jwt";

export const REJECTION_REASONS = [
  "payment_required",
  "invalid_payment_request",
  "wrong_merchant",
  "wrong_resource",
  "wrong_price",
  "invalid_receipt",
  "receipt_not_for_request",
  "receipt_expired",
  "receipt_already_used",
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

const MESSAGES: Record<RejectionReason, string> = {
  payment_required: "Payment required: pay the AgentPay payment request and retry with PAYMENT-SIGNATURE.",
  invalid_payment_request: "The payment request is not one AgentPay signed.",
  wrong_merchant: "The payment request is for another merchant.",
  wrong_resource: "The payment request is for another resource.",
  wrong_price: "The payment request is not for this resource's price.",
  invalid_receipt: "The receipt is not one AgentPay signed.",
  receipt_not_for_request: "The receipt is for another payment.",
  receipt_expired: "The receipt is too old; pay a new payment request.",
  receipt_already_used: "This receipt has already been used; pay a new payment request.",
};

/** A resource's price: integer minor units of an ISO 4217 currency. */
export interface Price {
  readonly amount: number;
  readonly currency: string;
  readonly description?: string;
}

export interface PaywallOptions {
  /** A client with the merchant's key: creates the payment requests; its baseUrl serves the JWKS. */
  readonly client: AgentPayClient;
  /** The merchant's id (mer_…): requests and receipts for anyone else are refused. */
  readonly merchantId: string;
  /** How long after its request's expiry a receipt is still accepted (default 600 s). */
  readonly receiptGraceS?: number;
  /** How long an agent has to pay a payment request (default 300 s; AgentPay allows at most 3600). */
  readonly requestTtlS?: number;
  /** How long the JWKS is cached (default 5 min). */
  readonly jwksTtlMs?: number;
  /** Where used receipts are recorded; in this process's memory by default. */
  readonly usedReceipts?: UsedReceiptStore;
  /** The clock (ms since the epoch); Date.now by default. */
  readonly nowMs?: () => number;
  /** Told when AgentPay cannot be reached or refuses to create a request (the client got 503). */
  readonly onError?: (error: unknown) => void;
}

/** What the merchant learns from a valid receipt. */
export interface VerifiedPayment {
  readonly paymentRequestId: string;
  readonly paymentId: string;
  readonly agentId: string;
  readonly userId: string;
  readonly amount: number;
  readonly currency: string;
  readonly resource: string;
  readonly nonce: string;
  /** Unix seconds: when the payment request expired or expires. */
  readonly requestExpiresAt: number;
  /** Unix seconds. */
  readonly capturedAt: number;
}

export type PaywallDecision =
  | { readonly kind: "allow"; readonly payment: VerifiedPayment; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: "deny"; readonly status: 400 | 402 | 503; readonly headers: Readonly<Record<string, string>>; readonly body: unknown };

export interface Paywall {
  /** The answer for a request for `resource` priced `price`, given its PAYMENT-SIGNATURE header (undefined without one). */
  check(resource: string, price: Price, paymentSignature: string | undefined): Promise<PaywallDecision>;
}

type Verified = { readonly claims: Record<string, unknown> } | "invalid" | "unavailable";

/** Configuration mistakes stop the merchant's server at start-up, not at the first paying request. */
function checkOptions(o: PaywallOptions): void {
  if (!/^mer_[0-9a-z]{26}$/.test(o.merchantId)) throw new RangeError(`merchantId must be an AgentPay merchant id (mer_…), not '${o.merchantId}'`);
  const ttl = o.requestTtlS ?? REQUEST_TTL_S_DEFAULT;
  if (!Number.isInteger(ttl) || ttl < REQUEST_TTL_S_MIN || ttl > REQUEST_TTL_S_MAX) {
    throw new RangeError(`requestTtlS must be an integer from ${REQUEST_TTL_S_MIN} to ${REQUEST_TTL_S_MAX}`);
  }
  const grace = o.receiptGraceS ?? RECEIPT_GRACE_S_DEFAULT;
  if (!Number.isInteger(grace) || grace < 0) throw new RangeError("receiptGraceS must be a non-negative integer");
}

export function createPaywall(options: PaywallOptions): Paywall {
  checkOptions(options);
  const receiptGraceMs = (options.receiptGraceS ?? RECEIPT_GRACE_S_DEFAULT) * 1000;
  const requestTtlS = options.requestTtlS ?? REQUEST_TTL_S_DEFAULT;
  const usedReceipts = options.usedReceipts ?? memoryUsedReceiptStore();
  const nowMs = options.nowMs ?? Date.now;
  const jwks = createRemoteJWKSet(new URL("/.well-known/jwks.json", `${options.client.baseUrl}/`), {
    cacheMaxAge: options.jwksTtlMs ?? JWKS_TTL_MS_DEFAULT,
    cooldownDuration: JWKS_COOLDOWN_MS,
    timeoutDuration: JWKS_TIMEOUT_MS,
  });

  async function challenge(resource: string, price: Price, reason: RejectionReason): Promise<PaywallDecision> {
    const data = await createRequest(resource, price);
    if (data === null) return unavailable("AgentPay could not create a payment request.");
    const required: PaymentRequired = {
      x402Version: X402_VERSION,
      error: MESSAGES[reason],
      resource: { url: resource, description: data.description ?? "", mimeType: "application/json" },
      accepts: [
        {
          scheme: AGENTPAY_SCHEME,
          network: AGENTPAY_NETWORK,
          amount: String(data.amount),
          asset: data.currency,
          payTo: data.merchant_id,
          maxTimeoutSeconds: data.expires_at - Math.floor(nowMs() / 1000),
          extra: { payment_request: data.jws, payment_request_id: data.id },
        },
      ],
    };
    const headers: Record<string, string> = { [PAYMENT_REQUIRED_HEADER]: encodeX402Header(required) };
    if (reason !== "payment_required") {
      headers[PAYMENT_RESPONSE_HEADER] = encodeX402Header({ success: false, network: AGENTPAY_NETWORK, errorReason: reason });
    }
    return { kind: "deny", status: 402, headers, body: { ...required, reason } };
  }

  /** A new payment request for this resource and price, or null (reported to onError) if AgentPay is unreachable or refuses. */
  async function createRequest(resource: string, price: Price): Promise<PaymentRequest | null> {
    const body = {
      amount: price.amount,
      currency: price.currency,
      resource,
      expires_in: requestTtlS,
      ...(price.description === undefined ? {} : { description: price.description }),
    };
    try {
      const { data, error, response } = await options.client.POST("/v1/payment_requests", { body });
      if (data !== undefined) return data;
      options.onError?.(new Error(`AgentPay refused to create a payment request (${response.status}): ${JSON.stringify(error)}`));
    } catch (error) {
      options.onError?.(error);
    }
    return null;
  }

  async function verify(jws: string, typ: string): Promise<Verified> {
    try {
      const { payload, protectedHeader } = await compactVerify(jws, jwks, { algorithms: ["EdDSA"] });
      if (protectedHeader.typ !== typ) return "invalid";
      const claims = JSON.parse(new TextDecoder().decode(payload)) as unknown;
      return isRecord(claims) ? { claims } : "invalid";
    } catch (error) {
      if (isInvalidToken(error)) return "invalid";
      options.onError?.(error);
      return "unavailable";
    }
  }

  async function check(resource: string, price: Price, paymentSignature: string | undefined): Promise<PaywallDecision> {
    if (paymentSignature === undefined) return challenge(resource, price, "payment_required");
    const payload = agentPayPayloadOf(paymentSignature);
    if (payload === null) {
      return { kind: "deny", status: 400, headers: {}, body: { error: { code: "invalid_payment_signature", message: "PAYMENT-SIGNATURE is not an x402 v2 AgentPay payload." } } };
    }
    const request = await verify(payload.payment_request, PAYMENT_REQUEST_JWS_TYPE);
    const receipt = request === "unavailable" ? request : await verify(payload.receipt, RECEIPT_JWS_TYPE);
    if (request === "unavailable" || receipt === "unavailable") return unavailable("AgentPay's signing keys could not be fetched.");
    const outcome = bind(request === "invalid" ? null : request.claims, receipt === "invalid" ? null : receipt.claims, resource, price);
    if (typeof outcome === "string") return challenge(resource, price, outcome);
    // The deadline derives from the signed request, which never changes (a receipt fetched again
    // later may carry a newer time), so the used-receipt entry outlives every way to replay it.
    const acceptedUntilMs = outcome.requestExpiresAt * 1000 + receiptGraceMs;
    const stale = freshness(outcome.capturedAt * 1000, acceptedUntilMs, nowMs());
    if (stale !== null) return challenge(resource, price, stale);
    const expiresAtMs = acceptedUntilMs + CLOCK_SKEW_MS;
    const marked = await usedReceipts.markUsed(`${outcome.paymentRequestId}:${outcome.nonce}`, expiresAtMs, nowMs());
    if (marked === "already_used") return challenge(resource, price, "receipt_already_used");
    if (marked === "full") return unavailable("Too many recent receipts to remember; retry shortly.");
    const response = { success: true, network: AGENTPAY_NETWORK, transaction: outcome.paymentId, payer: outcome.agentId } as const;
    return { kind: "allow", payment: outcome, headers: { [PAYMENT_RESPONSE_HEADER]: encodeX402Header(response) } };
  }

  /** The payment if the request and receipt are AgentPay's and bound to this merchant, resource and price. */
  function bind(requestClaims: Record<string, unknown> | null, receiptClaims: Record<string, unknown> | null, resource: string, price: Price): VerifiedPayment | RejectionReason {
    const r = requestClaims === null ? null : requestOf(requestClaims);
    if (r === null) return "invalid_payment_request";
    if (r.merchant_id !== options.merchantId) return "wrong_merchant";
    if (r.resource !== resource) return "wrong_resource";
    if (r.amount !== String(price.amount) || r.currency !== price.currency) return "wrong_price";
    const c = receiptClaims === null ? null : receiptOf(receiptClaims);
    if (c === null) return "invalid_receipt";
    if (c.order_reference !== r.id || c.merchant_id !== r.merchant_id || c.amount !== r.amount || c.currency !== r.currency) {
      return "receipt_not_for_request";
    }
    return {
      paymentRequestId: r.id,
      paymentId: c.payment_id,
      agentId: c.agent_id,
      userId: c.user_id,
      amount: Number(c.amount),
      currency: c.currency,
      resource: r.resource,
      nonce: r.nonce,
      requestExpiresAt: r.expires_at,
      capturedAt: c.captured_at,
    };
  }

  return { check };
}

function freshness(capturedAtMs: number, acceptedUntilMs: number, nowMs: number): RejectionReason | null {
  if (capturedAtMs > nowMs + CLOCK_SKEW_MS) return "invalid_receipt";
  return nowMs > acceptedUntilMs ? "receipt_expired" : null;
}

function unavailable(message: string): PaywallDecision {
  return { kind: "deny", status: 503, headers: { "retry-after": "5" }, body: { error: { code: "payment_service_unavailable", message } } };
}

/** A token that is malformed, forged or signed with an unknown key; other failures are AgentPay being unreachable. */
function isInvalidToken(error: unknown): boolean {
  return (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported ||
    error instanceof SyntaxError
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

interface RequestClaims {
  readonly id: string;
  readonly merchant_id: string;
  readonly amount: string;
  readonly currency: string;
  readonly resource: string;
  readonly nonce: string;
  readonly expires_at: number;
}

function requestOf(claims: Record<string, unknown>): RequestClaims | null {
  const r = claims.payment_request;
  if (!isRecord(r)) return null;
  const fields = ["id", "merchant_id", "amount", "currency", "resource", "nonce"] as const;
  const valid = fields.every((f) => typeof r[f] === "string") && Number.isSafeInteger(r.expires_at) && claims.sub === r.id;
  return valid ? (r as unknown as RequestClaims) : null;
}

interface ReceiptClaims {
  readonly payment_id: string;
  readonly amount: string;
  readonly currency: string;
  readonly merchant_id: string;
  readonly agent_id: string;
  readonly user_id: string;
  readonly order_reference: string;
  readonly captured_at: number;
}

function receiptOf(claims: Record<string, unknown>): ReceiptClaims | null {
  const c = claims.receipt;
  if (!isRecord(c)) return null;
  const fields = ["payment_id", "amount", "currency", "merchant_id", "agent_id", "user_id", "order_reference"] as const;
  return fields.every((f) => typeof c[f] === "string") && Number.isSafeInteger(c.captured_at) ? (c as unknown as ReceiptClaims) : null;
}
