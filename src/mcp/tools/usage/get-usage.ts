import { z } from "zod";
import { getSubscriptionUsage, OBJECT_ID_LENGTH_MAX, type SubscriptionUsageObject, subscriptionUsageObject, TIMESTAMP_S_MAX } from "../../../usage/index.js";
import { defineTool, READS } from "../../tool.js";

export const getUsageTool = defineTool({
  name: "get_usage",
  title: "Subscription usage",
  description:
    "Shows a subscription's usage for its current period (or an earlier one by period_start, Unix seconds): per meter the " +
    "confirmed quantity that bills, pending outcome quantity, event count, the charge so far and the breakdown by group; " +
    "in reserve mode, the reservation and how much of it is used. Read-only.",
  audience: ["merchant"],
  scope: "billing:read",
  annotations: READS,
  input: z.strictObject({
    subscription_id: z.string().min(1).max(OBJECT_ID_LENGTH_MAX).describe("The subscription (sub_…)."),
    period_start: z.number().min(0).max(TIMESTAMP_S_MAX).optional().describe("The period's start in Unix seconds; default the current period."),
  }),
  output: subscriptionUsageObject,
  async run(ctx, args) {
    const periodStartMs = args.period_start === undefined ? null : Math.round(args.period_start * 1000);
    return getSubscriptionUsage(ctx.services.usage, ctx.principal, args.subscription_id, periodStartMs);
  },
  summary: usageReadSummary,
});

function usageReadSummary(u: SubscriptionUsageObject): string {
  const meters = u.meters.map((m) => `${m.event_type}: ${m.quantity} (${u.currency} ${m.amount})${m.pending_quantity === 0 ? "" : `, ${m.pending_quantity} pending`}`);
  const reservation = u.reservation === null ? "" : ` Reservation: ${u.reservation.consumed} of ${u.reservation.reserved} ${u.currency} used.`;
  const period = new Date(u.period_start * 1000).toISOString();
  return `Usage of ${u.subscription_id} in the period from ${period}${u.current ? " (current)" : ""}: ${meters.join("; ") || "no metered usage"}.${reservation}`;
}
