import { z } from "zod";
import {
  listSubscriptions,
  PAGE_SIZE_DEFAULT,
  presentSubscription,
  SUBSCRIPTION_PAGE_SIZE_MAX,
  SUBSCRIPTION_STATUSES,
  subscriptionObject,
} from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function listSubscriptionsRoute(app: AppInstance): void {
  app.get(
    "/v1/subscriptions",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "List subscriptions, newest first",
        description: "An agent sees the subscriptions it made, a user theirs, a merchant those to its plans; operators all.",
        tags: ["subscriptions"],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(SUBSCRIPTION_PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
          starting_after: z.string().min(1).max(64).optional(),
          status: z.enum(SUBSCRIPTION_STATUSES).optional(),
          plan_id: z.string().min(1).max(64).optional(),
        }),
        response: { 200: z.object({ object: z.literal("list"), data: z.array(subscriptionObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listSubscriptions(app.deps.subscriptions, callerOf(request).principal, {
          limit: q.limit,
          startingAfter: q.starting_after,
          status: q.status,
          planId: q.plan_id,
        }),
      );
      return {
        object: "list" as const,
        data: page.data.map((v) => presentSubscription(v.subscription, v.pendingPaymentId)),
        has_more: page.hasMore,
      };
    },
  );
}
