import { changeOutcomes, outcomeBatchObject, outcomeBody } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function reverseUsageRoute(app: AppInstance): void {
  app.post(
    "/v1/usage_events/reverse",
    {
      onRequest: requireAccess({ scope: "usage:write", types: ["merchant", "operator"], operatorRoles: ["admin"] }),
      schema: {
        summary: "Reverse usage events",
        description:
          "Takes events back out of the bill: a pending event at any time, a confirmed one within its meter's dispute " +
          "window (`dispute_window_closed` after it; `not_reversible` if the meter has none). Reversing confirmed usage of " +
          "a period already settled credits the payer the difference. One already reversed is `unchanged`. Safe to retry.",
        tags: ["usage"],
        body: outcomeBody,
        response: { 200: outcomeBatchObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const { subscription_id: subscriptionId, event_ids: eventIds } = request.body;
      return unwrap(await changeOutcomes(app.deps.usage, principal, "reverse", subscriptionId, eventIds, requestId));
    },
  );
}
