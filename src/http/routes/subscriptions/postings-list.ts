import { z } from "zod";
import { listPostings, PAGE_SIZE_DEFAULT, POSTING_PAGE_SIZE_MAX, postingObject, presentPosting } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function listPostingsRoute(app: AppInstance): void {
  app.get(
    "/v1/billing_postings",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "List billing postings, newest first",
        description:
          "The aggregated charges (and credits) the ledger received for subscriptions: one per period, whatever the number " +
          "of usage events behind it. Of one subscription with subscription_id; visible to whoever sees the subscription.",
        tags: ["subscriptions"],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(POSTING_PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
          starting_after: z.string().min(1).max(64).optional(),
          subscription_id: z.string().min(1).max(64).optional(),
        }),
        response: { 200: z.object({ object: z.literal("list"), data: z.array(postingObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listPostings(app.deps.subscriptions, callerOf(request).principal, {
          limit: q.limit,
          startingAfter: q.starting_after,
          subscriptionId: q.subscription_id,
        }),
      );
      return { object: "list" as const, data: page.data.map(presentPosting), has_more: page.hasMore };
    },
  );
}
