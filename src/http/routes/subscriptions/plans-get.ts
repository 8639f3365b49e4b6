import { z } from "zod";
import { getPlan, planObject, presentPlan } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function getPlanRoute(app: AppInstance): void {
  app.get(
    "/v1/plans/:id",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "Retrieve a plan",
        description: "Its merchant and operators; agents and users while it is active. Anyone else gets 404.",
        tags: ["subscriptions"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: planObject },
      },
    },
    async (request) => presentPlan(unwrap(await getPlan(app.deps.subscriptions, callerOf(request).principal, request.params.id))),
  );
}
