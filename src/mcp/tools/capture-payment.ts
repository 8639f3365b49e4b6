import { z } from "zod";
import { ok } from "../../core/result.js";
import { captureBody, capturePayment } from "../../payments/index.js";
import { defineTool, MOVES_MONEY } from "../tool.js";
import { mcpPaymentObject, paymentIdInput, paymentSummary, presentMcpPayment } from "./shared.js";

export const capturePaymentTool = defineTool({
  name: "capture_payment",
  title: "Capture an authorised payment",
  description:
    "MOVES MONEY: captures a payment an agent authorised to you (status requires_capture), moving the held money to " +
    "your account minus the platform fee. amount (integer minor units, 1234 with CNY is ¥12.34) may be less than " +
    "authorised; the rest goes back to the payer. Capturing again returns the captured payment and moves nothing more.",
  audience: ["merchant"],
  scope: "payments:write",
  annotations: MOVES_MONEY,
  input: z.strictObject({ payment_id: paymentIdInput, amount: captureBody.shape.amount }),
  output: mcpPaymentObject,
  async run(ctx, args) {
    const amount = args.amount === undefined ? null : BigInt(args.amount);
    const captured = await capturePayment(ctx.services.payments, ctx.principal, args.payment_id, amount, ctx.requestId);
    return captured.ok ? ok(presentMcpPayment(captured.value, ctx.settings)) : captured;
  },
  summary: paymentSummary,
});
