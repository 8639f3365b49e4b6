/**
 * The agent side of HTTP 402: a `fetch` that, when a merchant answers 402 with an AgentPay
 * payment request, pays it through the agent's own AgentPay (POST /v1/payment_requests/pay,
 * under the user's mandate, with every check a payment gets) and retries the request once with
 * the receipt in `PAYMENT-SIGNATURE`. The merchant's answer never directs where the agent's key
 * goes: payment always goes to the AgentPay server of `client`.
 */
import type { AgentPayClient, PaidPaymentRequest, Payment, PaymentIntent } from "./client.js";
import { agentPayError } from "./errors.js";
import {
  acceptedOf,
  type AgentPayRequirements,
  agentPayRequirementsOf,
  encodeX402Header,
  PAYMENT_REQUIRED_HEADER,
  PAYMENT_SIGNATURE_HEADER,
  X402_VERSION,
} from "./x402.js";

/** How often payingFetch asks whether the user decided on a payment waiting for confirmation. */
export const CONFIRMATION_POLL_INTERVAL_MS_DEFAULT = 2_000;
/** An upper bound on waiting for the user, whatever the caller asks: the request expires anyway. */
export const CONFIRMATION_WAIT_MS_MAX = 15 * 60 * 1000;

export interface PayingFetchOptions {
  /** A client with the agent's key. */
  readonly client: AgentPayClient;
  /** The mandate the user granted this agent, under which 402s are paid. */
  readonly mandateId: string;
  /** The user's intent the paid calls serve (id, and their words or a hash of them). */
  readonly intent: PaymentIntent;
  /** Refuse (throw) rather than pay a request above this many minor units: a guard under the mandate's own limits. */
  readonly maxAmount?: number;
  /** Pay only requests in this currency. */
  readonly currency?: string;
  /** When the user must confirm: wait up to this long for them (0, the default: throw at once). */
  readonly confirmationWaitMs?: number;
  readonly confirmationPollIntervalMs?: number;
  /** Called after each payment, e.g. to log the payment id and receipt. */
  readonly onPayment?: (paid: PaidPaymentRequest) => void;
  /** The fetch that reaches merchants; the global fetch by default. */
  readonly fetch?: typeof fetch;
}

export type PayingFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Why payingFetch did not pay a 402 it was given; nothing was paid. */
export class PaymentRefusedError extends Error {
  override name = "PaymentRefusedError";
  constructor(
    readonly reason: "over_max_amount" | "currency_not_allowed",
    readonly requirements: AgentPayRequirements,
  ) {
    super(`Refused to pay ${requirements.amount} ${requirements.asset} to ${requirements.payTo}: ${reason}`);
  }
}

/** The payment ended without moving money (the user declined or did not answer in time). */
export class PaymentNotCompletedError extends Error {
  override name = "PaymentNotCompletedError";
  constructor(readonly payment: Payment) {
    super(`Payment ${payment.id} is ${payment.status}${payment.cancellation_reason === null ? "" : ` (${payment.cancellation_reason})`}.`);
  }
}

/** The payment waits for the user's confirmation; retry with the same 402 request after they approve. */
export class ConfirmationRequiredError extends Error {
  override name = "ConfirmationRequiredError";
  constructor(
    readonly payment: Payment,
    /** The request JWS: pay it again (client.POST("/v1/payment_requests/pay")) once approved to get the receipt. */
    readonly paymentRequest: string,
  ) {
    super(`Payment ${payment.id} waits for the user's confirmation (approval ${payment.approval_id ?? "?"}).`);
  }
}

export function payingFetch(options: PayingFetchOptions): PayingFetch {
  const send = options.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const request = new Request(input, init);
    // The first attempt sends a clone, so the body is still there for the retry.
    const first = await send(request.clone());
    if (first.status !== 402) return first;
    const requirements = agentPayRequirementsOf(first.headers.get(PAYMENT_REQUIRED_HEADER));
    if (requirements === null) return first;
    const refusal = refusalOf(requirements, options);
    if (refusal !== null) throw new PaymentRefusedError(refusal, requirements);
    const paid = await payWithConfirmation(options, requirements.extra.payment_request);
    options.onPayment?.(paid);
    // The 402's body is not needed any more; release its connection.
    await first.body?.cancel();
    const headers = new Headers(request.headers);
    const payload = { payment_request: requirements.extra.payment_request, receipt: paid.receipt!.jws };
    headers.set(PAYMENT_SIGNATURE_HEADER, encodeX402Header({ x402Version: X402_VERSION, accepted: acceptedOf(requirements), payload }));
    return send(new Request(request, { headers }));
  };
}

function refusalOf(r: AgentPayRequirements, o: PayingFetchOptions): PaymentRefusedError["reason"] | null {
  if (o.currency !== undefined && r.asset !== o.currency) return "currency_not_allowed";
  if (o.maxAmount !== undefined && BigInt(r.amount) > BigInt(o.maxAmount)) return "over_max_amount";
  return null;
}

/** Pays the request; if the user must confirm, polls the payment for up to the allowed wait and pays again to get the receipt. */
async function payWithConfirmation(o: PayingFetchOptions, jws: string): Promise<PaidPaymentRequest> {
  const paid = await pay(o, jws);
  if (paid.receipt !== null) return paid;
  const waitMs = Math.min(o.confirmationWaitMs ?? 0, CONFIRMATION_WAIT_MS_MAX);
  const deadline = Date.now() + waitMs;
  const intervalMs = o.confirmationPollIntervalMs ?? CONFIRMATION_POLL_INTERVAL_MS_DEFAULT;
  let payment = paid.payment;
  while (payment.status === "requires_confirmation" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const { data, error, response } = await o.client.GET("/v1/payments/{id}", { params: { path: { id: payment.id } } });
    if (data === undefined) throw agentPayError(response, error);
    payment = data;
  }
  if (payment.status === "requires_confirmation") throw new ConfirmationRequiredError(payment, jws);
  if (payment.status !== "succeeded") throw new PaymentNotCompletedError(payment);
  // Paying the same request again returns the same, now succeeded, payment with its receipt.
  const again = await pay(o, jws);
  if (again.receipt === null) throw new PaymentNotCompletedError(again.payment);
  return again;
}

async function pay(o: PayingFetchOptions, jws: string): Promise<PaidPaymentRequest> {
  const { data, error, response } = await o.client.POST("/v1/payment_requests/pay", {
    body: { request: jws, mandate_id: o.mandateId, intent: o.intent },
  });
  if (data === undefined) throw agentPayError(response, error);
  return data;
}
