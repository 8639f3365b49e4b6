import { ok } from "../../core/result.js";
import { createPaymentRequest, createPaymentRequestBody, paymentRequestObject, presentPaymentRequest } from "../../paywall/index.js";
import { defineTool, type MoneyAnnotations } from "../tool.js";
import { money } from "./shared.js";

/** Creates a new request on every call (each has its own nonce) and moves no money. */
const CREATES: MoneyAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };

export const createPaymentRequestTool = defineTool({
  name: "create_payment_request",
  title: "Request a payment for a resource",
  description:
    "Moves no money: creates a payment request for one resource of yours (amount in integer minor units, currency, the " +
    "URL or path it pays for, an expiry of at most an hour), signed by AgentPay. Give its jws to the paying agent (your " +
    "HTTP 402 answer carries it); the agent pays it under its mandate, and the receipt it brings back names this " +
    "request's id as order_reference. Each call creates a new request.",
  audience: ["merchant"],
  scope: "payments:write",
  annotations: CREATES,
  input: createPaymentRequestBody,
  output: paymentRequestObject,
  async run(ctx, args) {
    const created = await createPaymentRequest(ctx.services.payments, ctx.principal, args, ctx.requestId);
    return created.ok ? ok(presentPaymentRequest(created.value, ctx.services.clock.nowMs())) : created;
  },
  summary: (r) =>
    `Payment request ${r.id} for ${money(r.amount, r.currency)} for ${r.resource}, open until ` +
    `${new Date(r.expires_at * 1000).toISOString()}; give the agent its jws.`,
});
