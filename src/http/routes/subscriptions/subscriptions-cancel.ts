import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { cancelSubscription, cancelSubscriptionBody, presentSubscription, subscriptionObject, viewSubscriptions } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

const payerSide = requireAccess({ scope: "subscriptions:write", types: ["agent", "user"] });
const merchantSide = requireAccess({ scope: "billing:write", types: ["merchant", "operator"], operatorRoles: ["admin"] });

/** The payer's side cancels with subscriptions:write, the merchant (or an admin) with billing:write. */
async function mayCancel(request: FastifyRequest): Promise<void> {
  const type = callerOf(request).principal.type;
  return type === "agent" || type === "user" ? payerSide(request) : merchantSide(request);
}

export function cancelSubscriptionRoute(app: AppInstance): void {
  app.post(
    "/v1/subscriptions/:id/cancel",
    {
      onRequest: mayCancel,
      schema: {
        summary: "Cancel a subscription",
        description:
          "By its agent, its user, its merchant or an admin operator. at_period_end true: the period already paid for runs " +
          "out and no renewal happens. Otherwise it ends now and no further usage is accepted; what was used is still " +
          "billed (reserve mode at once from the holds, the rest released; arrears mode at the period's original end). " +
          "The flat fee is per started period and is not refunded. Cancelling a canceled subscription answers it as it is.",
        tags: ["subscriptions"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        // Fastify hands a missing body to validation as null: a bare POST cancels at once.
        body: cancelSubscriptionBody.nullish(),
        response: { 200: subscriptionObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const atPeriodEnd = request.body?.at_period_end ?? false;
      const s = unwrap(await cancelSubscription(app.deps.subscriptions, principal, request.params.id, atPeriodEnd, requestId));
      const [view] = await viewSubscriptions(app.deps.subscriptions, [s]);
      return presentSubscription(view!.subscription, view!.pendingPaymentId);
    },
  );
}
