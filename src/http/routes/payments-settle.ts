import { z } from "zod";
import { cancelPayment, captureBody, capturePayment, paymentObject, presentPayment } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

const params = z.strictObject({ id: z.string().min(1).max(64) });

export function settlePaymentRoutes(app: AppInstance): void {
  app.post(
    "/v1/payments/:id/capture",
    {
      onRequest: requireAccess({ scope: "payments:write", types: ["merchant", "operator"], operatorRoles: ["admin", "finance"] }),
      schema: {
        summary: "Capture an authorised payment (merchants)",
        description: "Posts the hold, fully or partly (`amount`); the rest is released. The platform fee is taken now. Capturing again answers the captured payment.",
        tags: ["payments"],
        params,
        // Fastify hands a missing body to validation as null: a bare POST captures everything.
        body: captureBody.nullish(),
        response: { 200: paymentObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const amount = request.body?.amount;
      const payment = await capturePayment(app.deps.payments, principal, request.params.id, amount === undefined ? null : BigInt(amount), requestId);
      return presentPayment(unwrap(payment));
    },
  );
  app.post(
    "/v1/payments/:id/cancel",
    {
      onRequest: requireAccess({ scope: "payments:write" }),
      schema: {
        summary: "Cancel a payment that is not captured",
        description: "Voids an uncaptured hold (or withdraws a payment waiting for the user's confirmation); budgets and wallet are released.",
        tags: ["payments"],
        params,
        response: { 200: paymentObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      return presentPayment(unwrap(await cancelPayment(app.deps.payments, principal, request.params.id, requestId)));
    },
  );
}
