import { z } from "zod";
import { ApiError } from "../../../core/errors.js";
import { DECLINE_MESSAGES, paymentObject, presentPayment } from "../../../payments/index.js";
import { presentSubscription, subscriptionObject, topUpBody, topUpReservation } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import { requireIdempotencyKey } from "../../idempotency.js";
import type { AppInstance } from "../../types.js";

export function topUpReservationRoute(app: AppInstance): void {
  app.post(
    "/v1/subscriptions/:id/reservation",
    {
      onRequest: requireAccess({ scope: "subscriptions:write", types: ["agent", "user"] }),
      schema: {
        summary: "Top up a reservation (reserve mode)",
        description:
          "Places a further hold of `amount` on the user's wallet under the subscription's mandate (every budget and step-up " +
          "apply, no recurrence slot is taken) and raises the period's usage budget once it is live. What the period does " +
          "not use is released at its settlement. Requires an `Idempotency-Key`. A hold waiting for the user's confirmation " +
          "raises the budget when approved; a refused one answers 402 with its decline_code.",
        tags: ["subscriptions"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: topUpBody,
        response: {
          200: z.object({ object: z.literal("reservation_top_up"), subscription: subscriptionObject, payment: paymentObject }),
        },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const key = requireIdempotencyKey(request);
      const done = unwrap(
        await topUpReservation(app.deps.subscriptions, principal, request.params.id, BigInt(request.body.amount), key, requestId),
      );
      const payment = done.payment;
      if (payment.status === "declined" && payment.declineCode !== null) {
        throw new ApiError("payment_declined", DECLINE_MESSAGES[payment.declineCode], undefined, {
          decline_code: payment.declineCode,
          payment: presentPayment(payment),
        });
      }
      return { object: "reservation_top_up" as const, subscription: presentSubscription(done.subscription), payment: presentPayment(payment) };
    },
  );
}
