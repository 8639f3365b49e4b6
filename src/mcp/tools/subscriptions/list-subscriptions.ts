import { z } from "zod";
import { ok } from "../../../core/result.js";
import { listSubscriptions, SUBSCRIPTION_PAGE_SIZE_MAX, SUBSCRIPTION_STATUSES } from "../../../subscriptions/index.js";
import { defineTool, READS } from "../../tool.js";
import { LIST_LIMIT_DEFAULT } from "../shared.js";
import { mcpSubscriptionObject, presentMcpSubscription, subscriptionSummary } from "./shared.js";

const output = z.object({ object: z.literal("list"), data: z.array(mcpSubscriptionObject), has_more: z.boolean() });

export const listSubscriptionsTool = defineTool({
  name: "list_subscriptions",
  title: "List subscriptions",
  description:
    "Lists the subscriptions you made for the user, newest first: status, current period, cancellation, the " +
    "reservation held per period (reserve mode) and any payment waiting for the user's confirmation. Read-only.",
  audience: ["agent"],
  scope: "billing:read",
  annotations: READS,
  input: z.strictObject({
    limit: z.int().min(1).max(SUBSCRIPTION_PAGE_SIZE_MAX).default(LIST_LIMIT_DEFAULT).describe("How many subscriptions, newest first."),
    starting_after: z.string().min(1).max(64).optional().describe("The last subscription id of the previous page."),
    status: z.enum(SUBSCRIPTION_STATUSES).optional().describe("Only subscriptions in this status."),
  }),
  output,
  async run(ctx, args) {
    const page = await listSubscriptions(ctx.services.subscriptions, ctx.principal, {
      limit: args.limit,
      startingAfter: args.starting_after,
      status: args.status,
      planId: undefined,
    });
    if (!page.ok) return page;
    const data = await Promise.all(page.value.data.map((v) => presentMcpSubscription(ctx, v)));
    return ok({ object: "list" as const, data, has_more: page.value.hasMore });
  },
  summary: (list) =>
    list.data.length === 0
      ? "No subscriptions."
      : list.data.map(subscriptionSummary).join("\n") + (list.has_more ? "\nMore subscriptions follow; pass starting_after." : ""),
});
