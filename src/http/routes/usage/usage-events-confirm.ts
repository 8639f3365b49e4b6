import { changeOutcomes, outcomeBatchObject, outcomeBody } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function confirmUsageRoute(app: AppInstance): void {
  app.post(
    "/v1/usage_events/confirm",
    {
      onRequest: requireAccess({ scope: "usage:write", types: ["merchant", "operator"], operatorRoles: ["admin"] }),
      schema: {
        summary: "Confirm pending outcome events",
        description:
          "Outcome-based usage (a resolved ticket) bills once confirmed. Each named pending event becomes `confirmed` " +
          "(`changed`); one already confirmed is `unchanged`; a reversed or unknown one is `rejected`. A pending event of a " +
          "period that has been settled counts in the current period and is billed with it (within its limits and " +
          "reservation). Safe to retry.",
        tags: ["usage"],
        body: outcomeBody,
        response: { 200: outcomeBatchObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const { subscription_id: subscriptionId, event_ids: eventIds } = request.body;
      return unwrap(await changeOutcomes(app.deps.usage, principal, "confirm", subscriptionId, eventIds, requestId));
    },
  );
}
