import { z } from "zod";
import { ok } from "../../core/result.js";
import { getPayment } from "../../payments/index.js";
import { defineTool, READS } from "../tool.js";
import { mcpPaymentObject, paymentIdInput, paymentSummary, presentMcpPayment } from "./shared.js";

export const getPaymentTool = defineTool({
  name: "get_payment",
  title: "Payment status",
  description:
    "Shows one payment: status (requires_confirmation, requires_capture, succeeded, canceled, declined), amounts in " +
    "minor units, captured and refunded amounts, the decline code, and next_action while the user must confirm it. " +
    "Poll this after create_payment answered requires_confirmation (every few seconds, until expires_at). Read-only.",
  audience: ["agent", "merchant"],
  scope: "payments:read",
  annotations: READS,
  input: z.strictObject({ payment_id: paymentIdInput }),
  output: mcpPaymentObject,
  async run(ctx, args) {
    const found = await getPayment(ctx.services.payments, ctx.principal, args.payment_id);
    return found.ok ? ok(presentMcpPayment(found.value, ctx.settings)) : found;
  },
  summary: paymentSummary,
});
