import { z } from "zod";
import { ok } from "../../../core/result.js";
import { cancelSubscription, viewSubscriptions } from "../../../subscriptions/index.js";
import { defineTool, MOVES_MONEY } from "../../tool.js";
import { mcpSubscriptionObject, presentMcpSubscription, subscriptionIdInput, subscriptionSummary } from "./shared.js";

export const cancelSubscriptionTool = defineTool({
  name: "cancel_subscription",
  title: "Cancel a subscription",
  description:
    "Cancels one of the subscriptions you made, when the user asks. at_period_end true: the period already paid for " +
    "runs out and nothing more is charged after it. at_period_end false (default): it ends now and no further usage is " +
    "accepted; usage already consumed is still billed (in reserve mode captured from the period's hold right away, the " +
    "rest released; in arrears mode at the period's original end). The period's flat fee is not refunded. Canceling " +
    "again returns the canceled subscription.",
  audience: ["agent"],
  scope: "subscriptions:write",
  annotations: MOVES_MONEY,
  input: z.strictObject({
    subscription_id: subscriptionIdInput,
    at_period_end: z.boolean().default(false).describe("true: end after the current period; false: end now."),
  }),
  output: mcpSubscriptionObject,
  async run(ctx, args) {
    const s = await cancelSubscription(ctx.services.subscriptions, ctx.principal, args.subscription_id, args.at_period_end, ctx.requestId);
    if (!s.ok) return s;
    const [view] = await viewSubscriptions(ctx.services.subscriptions, [s.value]);
    return ok(await presentMcpSubscription(ctx, view!));
  },
  summary: subscriptionSummary,
});
