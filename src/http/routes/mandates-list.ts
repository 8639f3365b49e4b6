import { z } from "zod";
import { listMandates, MANDATE_PAGE_SIZE_MAX, mandateObject, presentMandate } from "../../mandates/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function listMandatesRoute(app: AppInstance): void {
  app.get(
    "/v1/mandates",
    {
      onRequest: requireAccess({ scope: "mandates:read", types: ["user", "agent", "operator"] }),
      schema: {
        summary: "List mandates, newest first",
        description: "A user sees the mandates they granted, an agent those granted to it, an operator all.",
        tags: ["mandates"],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(MANDATE_PAGE_SIZE_MAX).default(20),
          starting_after: z.string().min(1).max(64).optional(),
          user_id: z.string().min(1).max(64).optional(),
          agent_id: z.string().min(1).max(64).optional(),
        }),
        response: { 200: z.object({ object: z.literal("list"), data: z.array(mandateObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listMandates(app.deps.mandates, callerOf(request).principal, {
          limit: q.limit,
          startingAfter: q.starting_after,
          userId: q.user_id,
          agentId: q.agent_id,
        }),
      );
      return {
        object: "list" as const,
        data: page.data.map((v) => presentMandate(v.mandate, v.status, v.remaining)),
        has_more: page.hasMore,
      };
    },
  );
}
