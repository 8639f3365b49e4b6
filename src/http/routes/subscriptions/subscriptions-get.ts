import { z } from "zod";
import { getSubscription, presentSubscription, subscriptionObject } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function getSubscriptionRoute(app: AppInstance): void {
  app.get(
    "/v1/subscriptions/:id",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "Retrieve a subscription",
        description: "Its agent, its user, its merchant and operators; anyone else gets 404.",
        tags: ["subscriptions"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: subscriptionObject },
      },
    },
    async (request) => {
      const view = unwrap(await getSubscription(app.deps.subscriptions, callerOf(request).principal, request.params.id));
      return presentSubscription(view.subscription, view.pendingPaymentId);
    },
  );
}
