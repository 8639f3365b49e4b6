import { z } from "zod";
import { getPaymentRequest, paymentRequestObject, presentPaymentRequest } from "../../paywall/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getPaymentRequestRoute(app: AppInstance): void {
  app.get(
    "/v1/payment_requests/:id",
    {
      onRequest: requireAccess({ scope: "payments:read", types: ["merchant", "agent", "operator"] }),
      schema: {
        summary: "Retrieve a payment request",
        description:
          "Its merchant, operators, and the agent paying or having paid it; anyone else gets 404. Agents pay a request by " +
          "presenting its JWS, never by looking it up. `status` is open, paid or expired.",
        tags: ["payment requests"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: paymentRequestObject },
      },
    },
    async (request) => {
      const found = unwrap(await getPaymentRequest(app.deps.payments, callerOf(request).principal, request.params.id));
      return presentPaymentRequest(found, app.deps.clock.nowMs());
    },
  );
}
