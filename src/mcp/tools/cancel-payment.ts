import { z } from "zod";
import { ok } from "../../core/result.js";
import { cancelPayment } from "../../payments/index.js";
import { defineTool, RELEASES_MONEY } from "../tool.js";
import { mcpPaymentObject, paymentIdInput, paymentSummary, presentMcpPayment } from "./shared.js";

export const cancelPaymentTool = defineTool({
  name: "cancel_payment",
  title: "Cancel an uncaptured payment",
  description:
    "Cancels a payment that has not been captured: releases a hold (status requires_capture) back to the user's " +
    "wallet and budgets, or withdraws a payment still waiting for the user's confirmation. Moves no money to anyone; " +
    "a succeeded payment cannot be canceled (the merchant refunds it). Canceling again returns the canceled payment.",
  audience: ["agent"],
  scope: "payments:write",
  annotations: RELEASES_MONEY,
  input: z.strictObject({ payment_id: paymentIdInput }),
  output: mcpPaymentObject,
  async run(ctx, args) {
    const canceled = await cancelPayment(ctx.services.payments, ctx.principal, args.payment_id, ctx.requestId);
    return canceled.ok ? ok(presentMcpPayment(canceled.value, ctx.settings)) : canceled;
  },
  summary: paymentSummary,
});
