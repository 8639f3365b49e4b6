import { createHash } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../../../core/errors.js";
import { err, ok } from "../../../core/result.js";
import { checkTipRetry, sendTip, sendTipBody, type TipIdentity } from "../../../tips/index.js";
import { MCP_KEY_PREFIX } from "../../keys.js";
import { defineTool, MOVES_MONEY } from "../../tool.js";
import { declinedError, type McpPayment, mcpPaymentObject, money, paymentSummary, presentMcpPayment } from "../shared.js";

const shape = sendTipBody.shape;

/**
 * A tip's idempotency key, derived on the server from what identifies the tip (as src/mcp/keys.ts
 * does for payments): the message is left out, so a retry that rewords it is still the same tip.
 */
export function tipKey(agentId: string, tip: TipIdentity, retryOf: string | null): string {
  const parts = ["tip", agentId, tip.intentId, tip.recipient, tip.reference, tip.amount, tip.currency, retryOf];
  return MCP_KEY_PREFIX + createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** The HTTP body, with the user's words made required: the audit trail links every tip to them. */
const input = sendTipBody.safeExtend({
  amount: shape.amount.describe("Integer minor units: 500 with CNY is ¥5.00. Exactly the amount the user asked for; never more."),
  currency: shape.currency.describe("ISO 4217 code in upper case, e.g. CNY; must be the mandate's currency."),
  message: shape.message.describe(
    "Optional note the recipient reads with the tip (at most 280 characters). Write it for the recipient; never " +
      "include the user's instruction or personal details.",
  ),
  reference: shape.reference.describe(
    "What is tipped: a skill id, an article's URL or id. Keep it on every retry: with your agent id, intent.id, " +
      "recipient, amount and currency it forms the idempotency key, so a repeated call returns the same tip and never " +
      "tips twice. Two separate tips for one instruction need different references.",
  ),
  intent: z
    .strictObject({
      id: z.string().min(1).max(128).describe("A stable id of the user's instruction; the same for every payment it leads to."),
      instruction: z.string().min(1).max(2_000).describe("The user's instruction in their own words, quoted, not paraphrased."),
      given_at: z.iso.datetime({ offset: true }).optional().describe("When the user gave the instruction (ISO 8601 with offset), if you know it."),
    })
    .describe("The user's intent this tip serves: it links the money to what the person asked for."),
  retry_of: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe(
      "Only after a decline whose cause has since gone (the user topped up, a new day began under the caps) and only " +
        "when the user still wants the tip: the id of the declined tip. All other arguments must be the same as in it.",
    ),
});

export const sendTipTool = defineTool({
  name: "send_tip",
  title: "Tip a creator or developer",
  description:
    "MOVES MONEY: tips a creator or developer (a merchant, mer_…) from the wallet of the user you act for, under one " +
    "of your mandates that allows tips. The caps are the user's: the mandate sets how much you may tip one recipient " +
    "per day and in all per day (days in the user's time zone), and the tip must also fit the mandate's other limits, " +
    "the user's KYC limits and risk control. Amounts are integers in minor units (500 with CNY is ¥5.00); tip only an " +
    "amount the user asked for. An optional message goes to the recipient. Idempotent: the server derives the key " +
    "from you, intent.id, recipient, reference, amount and currency, so repeating the call returns the same tip. " +
    "Result status: succeeded (tipped); requires_confirmation (nothing moved yet: give the user " +
    "next_action.approval_url, then poll get_payment). A decline is a tool error with error.decline_code " +
    "(tips_not_allowed, over_tip_cap_recipient, over_tip_cap_day, …): do not retry it with another reference.",
  audience: ["agent"],
  scope: "payments:write",
  annotations: MOVES_MONEY,
  input,
  output: mcpPaymentObject,
  async run(ctx, args) {
    const principal = ctx.principal;
    if (principal.type !== "agent") return err(new ApiError("forbidden", "Only an agent tips under a mandate."));
    const { retry_of: retryOf, ...body } = args;
    const tip: TipIdentity = {
      intentId: body.intent.id,
      recipient: body.recipient,
      reference: body.reference ?? null,
      amount: body.amount,
      currency: body.currency,
    };
    if (retryOf !== undefined) {
      const allowed = await checkTipRetry(ctx.services.payments, principal, retryOf, tip);
      if (!allowed.ok) return allowed;
    }
    const key = tipKey(principal.id, tip, retryOf ?? null);
    const sent = await sendTip(ctx.services.payments, principal, body, key, ctx.requestId);
    if (!sent.ok) return sent;
    const declined = declinedError(sent.value);
    return declined === null ? ok(presentMcpPayment(sent.value, ctx.settings)) : err(declined);
  },
  summary: tipSummary,
});

function tipSummary(p: McpPayment): string {
  if (p.status !== "succeeded") return paymentSummary(p);
  const note = p.tip_message === null ? "" : " with your message";
  return `Tipped ${money(p.amount, p.currency)} to ${p.merchant_id}${note} (payment ${p.id}).`;
}
