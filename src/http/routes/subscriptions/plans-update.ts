import { z } from "zod";
import { planObject, presentPlan, updatePlan, updatePlanBody } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function updatePlanRoute(app: AppInstance): void {
  app.post(
    "/v1/plans/:id",
    {
      onRequest: requireAccess({ scope: "billing:write", types: ["merchant", "operator"], operatorRoles: ["admin", "finance"] }),
      schema: {
        summary: "Rename, describe or archive a plan",
        description:
          "Only name, description and status change: a plan's charges, currency and interval are what its subscribers agreed " +
          "to. An archived plan takes no new subscriptions; existing ones go on.",
        tags: ["subscriptions"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: updatePlanBody,
        response: { 200: planObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      return presentPlan(unwrap(await updatePlan(app.deps.subscriptions, principal, request.params.id, request.body, requestId)));
    },
  );
}
