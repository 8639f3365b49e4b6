import { ApiError } from "../../../core/errors.js";
import { DECLINE_MESSAGES, type DeclineCode, presentPayment } from "../../../payments/index.js";
import { createSubscriptionBody, presentSubscription, subscribe, subscriptionObject, viewSubscriptions } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import { requireIdempotencyKey } from "../../idempotency.js";
import type { AppInstance } from "../../types.js";

export function createSubscriptionRoute(app: AppInstance): void {
  app.post(
    "/v1/subscriptions",
    {
      onRequest: requireAccess({ scope: "subscriptions:write", types: ["agent"] }),
      schema: {
        summary: "Subscribe the user to a plan (agents)",
        description:
          "A recurring commitment under one of your mandates: the mandate must recur at the plan's interval and allow its " +
          "merchant and currency; every period's charge is a payment under it (window, budgets, one payment per period, " +
          "max occurrences), and a renewal it refuses ends the subscription. Arrears mode charges the first flat fee now " +
          "and each period's usage with the next fee at the period's end; reserve mode places a hold of reservation_amount " +
          "per period, which usage draws down in real time. Requires an `Idempotency-Key`. Answers `active`, or `incomplete` " +
          "while the first payment waits for the user's confirmation (pending_payment_id); a refused first payment answers " +
          "402 with its decline_code.",
        tags: ["subscriptions"],
        body: createSubscriptionBody,
        response: { 200: subscriptionObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const key = requireIdempotencyKey(request);
      const done = unwrap(await subscribe(app.deps.subscriptions, principal, request.body, key, requestId));
      if (done.refused !== null) {
        const code = (done.refused.declineCode ?? "confirmation_declined") as DeclineCode;
        throw new ApiError("payment_declined", DECLINE_MESSAGES[code] ?? "The first payment was refused.", undefined, {
          decline_code: code,
          payment: presentPayment(done.refused),
        });
      }
      const [view] = await viewSubscriptions(app.deps.subscriptions, [done.subscription]);
      return presentSubscription(view!.subscription, view!.pendingPaymentId);
    },
  );
}
