import { z } from "zod";
import { listPlans, PAGE_SIZE_DEFAULT, PLAN_PAGE_SIZE_MAX, PLAN_STATUSES, planObject, presentPlan } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function listPlansRoute(app: AppInstance): void {
  app.get(
    "/v1/plans",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "List plans, newest first",
        description: "A merchant lists its own plans; agents and users the active plans (of one merchant with merchant_id); operators all.",
        tags: ["subscriptions"],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(PLAN_PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
          starting_after: z.string().min(1).max(64).optional(),
          merchant_id: z.string().min(1).max(64).optional(),
          status: z.enum(PLAN_STATUSES).optional(),
        }),
        response: { 200: z.object({ object: z.literal("list"), data: z.array(planObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listPlans(app.deps.subscriptions, callerOf(request).principal, {
          limit: q.limit,
          startingAfter: q.starting_after,
          merchantId: q.merchant_id,
          status: q.status,
        }),
      );
      return { object: "list" as const, data: page.data.map(presentPlan), has_more: page.hasMore };
    },
  );
}
