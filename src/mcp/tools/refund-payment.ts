import { z } from "zod";
import { ok } from "../../core/result.js";
import { presentRefund, refundBody, refundObject, refundPayment } from "../../payments/index.js";
import { refundKey } from "../keys.js";
import { defineTool, MOVES_MONEY } from "../tool.js";
import { money, paymentIdInput } from "./shared.js";

const input = z.strictObject({
  payment_id: paymentIdInput,
  amount: refundBody.shape.amount,
  refund_reference: z
    .string()
    .min(1)
    .max(128)
    .describe(
      "Identifies this refund, e.g. your return or ticket id. With payment_id and amount it forms the idempotency key: " +
        "repeating the call returns the same refund. Use a new reference only for a genuinely new refund.",
    ),
  reason: refundBody.shape.reason.describe("Why, for the payer and your records."),
});

export const refundPaymentTool = defineTool({
  name: "refund_payment",
  title: "Refund a payment",
  description:
    "MOVES MONEY: returns money from your account to the payer's wallet for a succeeded payment, fully (no amount) or " +
    "partly (amount in integer minor units), within the refund window; several refunds may add up to what was " +
    "captured. The platform fee is not returned. Idempotent per refund_reference.",
  audience: ["merchant"],
  scope: "refunds:write",
  annotations: MOVES_MONEY,
  input,
  output: refundObject,
  async run(ctx, args) {
    const key = refundKey({ paymentId: args.payment_id, amount: args.amount ?? null, refundReference: args.refund_reference });
    const amount = args.amount === undefined ? null : BigInt(args.amount);
    const refunded = await refundPayment(
      ctx.services.payments,
      ctx.principal,
      args.payment_id,
      { amount, reason: args.reason ?? null },
      key,
      ctx.requestId,
    );
    return refunded.ok ? ok(presentRefund(refunded.value)) : refunded;
  },
  summary: (r) => `Refund ${r.id}: ${money(r.amount, r.currency)} returned to the payer of ${r.payment_id}.`,
});
