import { z } from "zod";
import { err, ok } from "../../core/result.js";
import { paymentRequestObject, payPaymentRequest, payPaymentRequestBody, presentPaymentRequest, receiptObject } from "../../paywall/index.js";
import { defineTool, MOVES_MONEY } from "../tool.js";
import { declinedError, mcpPaymentObject, money, paymentSummary, presentMcpPayment } from "./shared.js";

const shape = payPaymentRequestBody.shape;

const input = payPaymentRequestBody.safeExtend({
  request: shape.request.describe(
    "The payment request exactly as the merchant's HTTP 402 answer gave it (a compact JWS signed by AgentPay). Never edit it.",
  ),
  intent: z
    .strictObject({
      id: z.string().min(1).max(128).describe("A stable id of the user's instruction; the same for every payment it leads to."),
      instruction: z.string().min(1).max(2_000).describe("The user's instruction in their own words, quoted, not paraphrased."),
      given_at: z.iso.datetime({ offset: true }).optional().describe("When the user gave the instruction (ISO 8601 with offset), if you know it."),
    })
    .describe("The user's intent this payment serves: it links the money to what the person asked for."),
});

const output = z.object({
  object: z.literal("payment_request_payment"),
  payment_request: paymentRequestObject,
  payment: mcpPaymentObject,
  receipt: receiptObject.nullable().describe("Send receipt.jws back to the merchant with the retried request; null until the payment succeeded."),
});

export const payPaymentRequestTool = defineTool({
  name: "pay_payment_request",
  title: "Pay a merchant's 402 payment request",
  description:
    "MOVES MONEY: pays the amount a merchant's HTTP 402 answer asked for (its signed payment request) from the wallet " +
    "of the user you act for, under one of your mandates, with the same checks as create_payment. The server derives " +
    "the idempotency key from the request itself, so calling again with the same request returns the same payment and " +
    "never pays twice. On success you get a signed receipt: retry the merchant's request with it. requires_confirmation: " +
    "give the user next_action.approval_url, poll get_payment, then call this tool again with the same request to get " +
    "the receipt. An expired or already paid request is an error: ask the merchant for a new one.",
  audience: ["agent"],
  scope: "payments:write",
  annotations: MOVES_MONEY,
  input,
  output,
  async run(ctx, args) {
    const paid = await payPaymentRequest(ctx.services.payments, ctx.principal, args, ctx.requestId);
    if (!paid.ok) return paid;
    const declined = declinedError(paid.value.payment);
    if (declined !== null) return err(declined);
    return ok({
      object: "payment_request_payment" as const,
      payment_request: presentPaymentRequest(paid.value.request, ctx.services.clock.nowMs()),
      payment: presentMcpPayment(paid.value.payment, ctx.settings),
      receipt: paid.value.receipt,
    });
  },
  summary: (r) =>
    r.receipt === null
      ? paymentSummary(r.payment)
      : `Paid ${money(r.payment.amount, r.payment.currency)} for ${r.payment_request.resource} (request ` +
        `${r.payment_request.id}, payment ${r.payment.id}); retry the merchant's request with receipt.jws.`,
});
