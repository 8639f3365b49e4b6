import { ApiError } from "../../core/errors.js";
import { createPayment, createPaymentBody, DECLINE_MESSAGES, paymentObject, presentPayment } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import { requireIdempotencyKey } from "../idempotency.js";
import type { AppInstance } from "../types.js";

export function createPaymentRoute(app: AppInstance): void {
  app.post(
    "/v1/payments",
    {
      onRequest: requireAccess({ scope: "payments:write", types: ["agent"] }),
      schema: {
        summary: "Pay a merchant under a mandate (agents)",
        description:
          "Moves the user's money to the merchant if the payment fits the mandate (status, window, payee, amount range, " +
          "every budget), the user's KYC limits and risk control. Requires an `Idempotency-Key`: a retry with the same key " +
          "returns the same payment and never pays twice. Answers `succeeded` (capture true), `requires_capture` (capture " +
          "false: a hold), or `requires_confirmation` (the user must approve; poll the payment). A decline answers 402 with " +
          "a machine-readable `decline_code` and the declined payment.",
        tags: ["payments"],
        body: createPaymentBody,
        response: { 200: paymentObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const key = requireIdempotencyKey(request);
      const payment = unwrap(await createPayment(app.deps.payments, principal, request.body, key, requestId));
      if (payment.status === "declined" && payment.declineCode !== null) {
        throw new ApiError("payment_declined", DECLINE_MESSAGES[payment.declineCode], undefined, {
          decline_code: payment.declineCode,
          payment: presentPayment(payment),
        });
      }
      return presentPayment(payment);
    },
  );
}
