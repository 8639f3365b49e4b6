import { ApiError } from "../../core/errors.js";
import { DECLINE_MESSAGES, presentPayment } from "../../payments/index.js";
import { paidRequestObject, payPaymentRequest, payPaymentRequestBody, presentPaymentRequest } from "../../paywall/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function payPaymentRequestRoute(app: AppInstance): void {
  app.post(
    "/v1/payment_requests/pay",
    {
      onRequest: requireAccess({ scope: "payments:write", types: ["agent"] }),
      schema: {
        summary: "Pay a payment request from a merchant's 402 answer (agents)",
        description:
          "Checks the request's signature, expiry and status, then pays it under the mandate exactly as POST /v1/payments " +
          "does (mandate, budgets, KYC, risk, step-up), with the request id as `order_reference`. The payment's idempotency " +
          "key is derived from the request id, so paying the same request again returns the same payment: an " +
          "`Idempotency-Key` header is optional. Answers the request, the payment and, once it succeeded, its signed " +
          "`receipt` to send back to the merchant. `requires_confirmation`: the user must approve; call again afterwards " +
          "to get the receipt. A decline answers 402 with a `decline_code`, like POST /v1/payments; an expired, already " +
          "paid or otherwise claimed request answers 409.",
        tags: ["payment requests"],
        body: payPaymentRequestBody,
        response: { 200: paidRequestObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const paid = unwrap(await payPaymentRequest(app.deps.payments, principal, request.body, requestId));
      const payment = paid.payment;
      if (payment.status === "declined" && payment.declineCode !== null) {
        throw new ApiError("payment_declined", DECLINE_MESSAGES[payment.declineCode], undefined, {
          decline_code: payment.declineCode,
          payment: presentPayment(payment),
        });
      }
      return {
        object: "payment_request_payment" as const,
        payment_request: presentPaymentRequest(paid.request, app.deps.clock.nowMs()),
        payment: presentPayment(payment),
        receipt: paid.receipt,
      };
    },
  );
}
