import { createPaymentRequest, createPaymentRequestBody, paymentRequestObject, presentPaymentRequest } from "../../paywall/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function createPaymentRequestRoute(app: AppInstance): void {
  app.post(
    "/v1/payment_requests",
    {
      onRequest: requireAccess({ scope: "payments:write", types: ["merchant"] }),
      schema: {
        summary: "Request a payment for a resource (merchants; HTTP 402)",
        description:
          "Creates a payment request for one resource — amount, currency, the URL or path it pays for, an expiry and a " +
          "random nonce — signed by AgentPay as a compact JWS (`jws`, typ `agentpay-payment-request+jwt`). Hand the JWS to " +
          "the agent in your 402 answer; the agent pays it with POST /v1/payment_requests/pay and comes back with a receipt " +
          "whose `order_reference` is this request's id. Moves no money. An `Idempotency-Key` is optional.",
        tags: ["payment requests"],
        body: createPaymentRequestBody,
        response: { 200: paymentRequestObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const created = unwrap(await createPaymentRequest(app.deps.payments, principal, request.body, requestId));
      return presentPaymentRequest(created, app.deps.clock.nowMs());
    },
  );
}
