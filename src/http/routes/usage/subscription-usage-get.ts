import { z } from "zod";
import { getSubscriptionUsage, subscriptionUsageObject } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";
import { periodStartQuery } from "./period.js";

export function getSubscriptionUsageRoute(app: AppInstance): void {
  app.get(
    "/v1/subscriptions/:id/usage",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "A subscription's usage in a period",
        description:
          "Per metered meter of the plan: confirmed quantity (what bills), pending quantity (outcomes not yet confirmed), " +
          "event count, the charge so far, and the breakdown by group; in reserve mode, the reservation and what usage has " +
          "drawn from it. The current period by default. Its merchant, its user, its agent and operators.",
        tags: ["usage"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        querystring: z.strictObject({ period_start: periodStartQuery.optional() }),
        response: { 200: subscriptionUsageObject },
      },
    },
    async (request) =>
      unwrap(await getSubscriptionUsage(app.deps.usage, callerOf(request).principal, request.params.id, request.query.period_start ?? null)),
  );
}
