/**
 * AgentPay's 402 flow on x402's HTTP transport (version 2): the same status and headers, each a
 * base64-encoded JSON object, with AgentPay as the payment scheme.
 *
 * | x402 v2 header (v1 name)               | direction        | AgentPay content                                       |
 * | -------------------------------------- | ---------------- | ------------------------------------------------------ |
 * | `PAYMENT-REQUIRED` (`X-PAYMENT-REQUIRED`, v1: JSON body) | server → client, 402 | `PaymentRequired`: `accepts[0]` is scheme `agentpay`, its `extra.payment_request` the request JWS signed by AgentPay |
 * | `PAYMENT-SIGNATURE` (`X-PAYMENT`)      | client → server  | `PaymentPayload`: `accepted` (the entry paid, without the JWS), `payload.payment_request` + `payload.receipt` (the receipt JWS) |
 * | `PAYMENT-RESPONSE` (`X-PAYMENT-RESPONSE`) | server → client | `SettlementResponse`: `transaction` is the AgentPay payment id, `payer` the agent id |
 *
 * Where it differs from x402's blockchain schemes: the client does not sign a transfer itself;
 * it asks its AgentPay to pay the request under the user's mandate, and AgentPay's ledger has
 * settled the payment before the client retries. The server needs no facilitator round trip:
 * it verifies AgentPay's signatures offline against the cached JWKS.
 */

export const X402_VERSION = 2;
export const PAYMENT_REQUIRED_HEADER = "payment-required";
export const PAYMENT_SIGNATURE_HEADER = "payment-signature";
export const PAYMENT_RESPONSE_HEADER = "payment-response";
export const AGENTPAY_SCHEME = "agentpay";
/** x402 names a CAIP-2 chain here; AgentPay's ledger is the "network" that settles. */
export const AGENTPAY_NETWORK = "agentpay";
/** Bounds what a decoder accepts (a request and a receipt JWS are about 2 KiB together). */
export const X402_HEADER_BYTES_MAX = 16_384;

/** One entry of `accepts`: how to pay, in x402's field names. */
export interface AgentPayRequirements {
  readonly scheme: typeof AGENTPAY_SCHEME;
  readonly network: typeof AGENTPAY_NETWORK;
  /** Minor units, as a decimal string (x402 amounts are strings in the asset's smallest unit). */
  readonly amount: string;
  /** The ISO 4217 currency. */
  readonly asset: string;
  /** The merchant id (mer_…). */
  readonly payTo: string;
  readonly maxTimeoutSeconds: number;
  readonly extra: {
    /** The payment request signed by AgentPay (compact JWS): what the agent's AgentPay pays. */
    readonly payment_request: string;
    readonly payment_request_id: string;
  };
}

export interface PaymentRequired {
  readonly x402Version: typeof X402_VERSION;
  readonly error: string;
  readonly resource: { readonly url: string; readonly description: string; readonly mimeType: string };
  readonly accepts: readonly AgentPayRequirements[];
}

/** The chosen `accepts` entry as the client echoes it; the request JWS travels once, in `payload`, to keep the header small. */
export type AcceptedRequirements = Omit<AgentPayRequirements, "extra"> & { readonly extra: { readonly payment_request_id: string } };

export interface PaymentPayload {
  readonly x402Version: typeof X402_VERSION;
  readonly accepted: AcceptedRequirements;
  readonly payload: {
    readonly payment_request: string;
    /** The payment's receipt signed by AgentPay (compact JWS); its order_reference is the request id. */
    readonly receipt: string;
  };
}

export interface SettlementResponse {
  readonly success: boolean;
  readonly network: typeof AGENTPAY_NETWORK;
  /** The AgentPay payment id. */
  readonly transaction?: string;
  /** The paying agent's id. */
  readonly payer?: string;
  readonly errorReason?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What the client echoes of the entry it paid. */
export function acceptedOf(r: AgentPayRequirements): AcceptedRequirements {
  return { ...r, extra: { payment_request_id: r.extra.payment_request_id } };
}

/** Base64 of the UTF-8 JSON, as x402 headers carry their objects. */
export function encodeX402Header(value: PaymentRequired | PaymentPayload | SettlementResponse): string {
  let binary = "";
  for (const byte of encoder.encode(JSON.stringify(value))) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The JSON inside an x402 header, or null if it is too long, not base64 or not JSON. */
export function decodeX402Header(value: string): unknown {
  if (value.length > X402_HEADER_BYTES_MAX) return null;
  try {
    const binary = atob(value.trim());
    return JSON.parse(decoder.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as unknown;
  } catch {
    return null;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The AgentPay entry of a 402 answer's `PAYMENT-REQUIRED` value, or null if it offers none. */
export function agentPayRequirementsOf(header: string | null | undefined): AgentPayRequirements | null {
  if (header === null || header === undefined) return null;
  const decoded = decodeX402Header(header);
  if (!isRecord(decoded) || !Array.isArray(decoded.accepts)) return null;
  for (const entry of decoded.accepts as unknown[]) {
    if (!isRecord(entry) || entry.scheme !== AGENTPAY_SCHEME || !isRecord(entry.extra)) continue;
    const { payment_request: jws, payment_request_id: id } = entry.extra;
    if (typeof jws === "string" && typeof id === "string" && typeof entry.amount === "string" && typeof entry.asset === "string") {
      return entry as unknown as AgentPayRequirements;
    }
  }
  return null;
}

/** The request and receipt of a `PAYMENT-SIGNATURE` value, or null if it is not an AgentPay payload. */
export function agentPayPayloadOf(header: string): PaymentPayload["payload"] | null {
  const decoded = decodeX402Header(header);
  if (!isRecord(decoded) || decoded.x402Version !== X402_VERSION || !isRecord(decoded.payload)) return null;
  const { payment_request: request, receipt } = decoded.payload;
  return typeof request === "string" && typeof receipt === "string" ? { payment_request: request, receipt } : null;
}
