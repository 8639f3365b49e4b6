import { createPlan, createPlanBody, planObject, presentPlan } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function createPlanRoute(app: AppInstance): void {
  app.post(
    "/v1/plans",
    {
      onRequest: requireAccess({ scope: "billing:write", types: ["merchant"] }),
      schema: {
        summary: "Publish a plan (merchants)",
        description:
          "A flat fee per period and usage charges on your active meters (price, units included per period, hard limit). " +
          "Currency, interval and charges never change once created; agents subscribe their users to active plans under a " +
          "mandate that recurs at the plan's interval.",
        tags: ["subscriptions"],
        body: createPlanBody,
        response: { 200: planObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      return presentPlan(unwrap(await createPlan(app.deps.subscriptions, principal, request.body, requestId)));
    },
  );
}
