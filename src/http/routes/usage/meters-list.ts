import { z } from "zod";
import { listMeters, METER_STATUSES, meterObject, presentMeter, USAGE_PAGE_SIZE_MAX } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function listMetersRoute(app: AppInstance): void {
  app.get(
    "/v1/meters",
    {
      onRequest: requireAccess({ scope: "billing:read", types: ["merchant", "operator"] }),
      schema: {
        summary: "List meters, newest first",
        description: "A merchant lists its own meters; operators any merchant's (`merchant_id` narrows).",
        tags: ["usage"],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(USAGE_PAGE_SIZE_MAX).default(20),
          starting_after: z.string().min(1).max(64).optional(),
          status: z.enum(METER_STATUSES).optional(),
          merchant_id: z.string().min(1).max(64).optional(),
        }),
        response: { 200: z.object({ object: z.literal("list"), data: z.array(meterObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listMeters(app.deps.usage, callerOf(request).principal, { limit: q.limit, startingAfter: q.starting_after, status: q.status, merchantId: q.merchant_id }),
      );
      return { object: "list" as const, data: page.data.map(presentMeter), has_more: page.hasMore };
    },
  );
}
