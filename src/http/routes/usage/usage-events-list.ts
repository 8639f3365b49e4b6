import { z } from "zod";
import { listSubscriptionEvents, presentUsageEvent, USAGE_PAGE_SIZE_MAX, usageEventListObject } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";
import { periodStartQuery } from "./period.js";

export function listUsageEventsRoute(app: AppInstance): void {
  app.get(
    "/v1/usage_events",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "List a subscription's usage events",
        description:
          "The events behind a subscription's usage (the drill-down of a billed period), in event-id order, optionally of one " +
          "period. Its merchant, its user, its agent and operators.",
        tags: ["usage"],
        querystring: z.strictObject({
          subscription_id: z.string().min(1).max(64),
          period_start: periodStartQuery.optional().describe("Only events counting in the period starting then (Unix seconds); all periods when absent."),
          limit: z.coerce.number().int().min(1).max(USAGE_PAGE_SIZE_MAX).default(20),
          starting_after: z.string().min(1).max(128).optional().describe("An event id: the page after it."),
        }),
        response: { 200: usageEventListObject },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listSubscriptionEvents(app.deps.usage, callerOf(request).principal, {
          subscriptionId: q.subscription_id,
          periodStartMs: q.period_start ?? null,
          startingAfter: q.starting_after ?? null,
          limit: q.limit,
        }),
      );
      return { object: "list" as const, data: page.data.map(presentUsageEvent), has_more: page.hasMore };
    },
  );
}
