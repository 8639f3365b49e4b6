import { z } from "zod";
import { ok } from "../../core/result.js";
import { paymentReceipt } from "../../payments/index.js";
import { defineTool, READS } from "../tool.js";
import { paymentIdInput } from "./shared.js";

const output = z.object({
  object: z.literal("receipt"),
  payment_id: z.string(),
  jws: z.string().describe("The receipt signed by AgentPay (compact JWS, EdDSA); verify it with /.well-known/jwks.json."),
  claims: z.record(z.string(), z.unknown()).describe("The JWS payload: amount (minor units), currency, merchant, intent, capture time."),
});

export const getReceiptTool = defineTool({
  name: "get_receipt",
  title: "Signed receipt",
  description:
    "Returns the receipt of a succeeded payment, signed by AgentPay: proof for the user or the merchant that it was " +
    "paid, with the amount (minor units), merchant, intent and time. Read-only.",
  audience: ["agent"],
  scope: "payments:read",
  annotations: READS,
  input: z.strictObject({ payment_id: paymentIdInput }),
  output,
  async run(ctx, args) {
    const receipt = await paymentReceipt(ctx.services.payments, ctx.principal, args.payment_id);
    return receipt.ok ? ok({ object: "receipt" as const, payment_id: args.payment_id, ...receipt.value }) : receipt;
  },
  summary: (r) => `Receipt for ${r.payment_id}, signed by AgentPay (JWS in jws; verify with /.well-known/jwks.json).`,
});
