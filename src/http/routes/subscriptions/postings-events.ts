import { z } from "zod";
import { getPosting, PAGE_SIZE_DEFAULT, POSTING_PAGE_SIZE_MAX } from "../../../subscriptions/index.js";
import { listUsageEvents, presentUsageEvent, usageEventObject } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

const params = z.strictObject({ id: z.string().min(1).max(64) });

export function listPostingEventsRoute(app: AppInstance): void {
  app.get(
    "/v1/billing_postings/:id/events",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "List the usage events behind a billing posting",
        description:
          "The drill-down from an aggregated posting to the events it billed: its period's events in event-id order (pending " +
          "and reversed ones included, with their status). An opening posting bills a fee only and lists none.",
        tags: ["subscriptions"],
        params,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(POSTING_PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
          starting_after: z.string().min(1).max(128).optional(),
        }),
        response: { 200: z.object({ object: z.literal("list"), data: z.array(usageEventObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const posting = unwrap(await getPosting(app.deps.subscriptions, callerOf(request).principal, request.params.id));
      if (posting.kind === "opening") return { object: "list" as const, data: [], has_more: false };
      const page = await listUsageEvents(app.deps.database.db, {
        subscriptionId: posting.subscriptionId,
        periodStartMs: posting.periodStartMs,
        startingAfter: request.query.starting_after ?? null,
        limit: request.query.limit,
      });
      return { object: "list" as const, data: page.data.map(presentUsageEvent), has_more: page.hasMore };
    },
  );
}
