import { z } from "zod";
import { getPayment, paymentObject, presentPayment } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getPaymentRoute(app: AppInstance): void {
  app.get(
    "/v1/payments/:id",
    {
      onRequest: requireAccess({ scope: "payments:read" }),
      schema: {
        summary: "Retrieve a payment",
        description: "Its agent, its user, its merchant and operators; anyone else gets 404. Agents poll this after `requires_confirmation`.",
        tags: ["payments"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: paymentObject },
      },
    },
    async (request) => presentPayment(unwrap(await getPayment(app.deps.payments, callerOf(request).principal, request.params.id))),
  );
}
