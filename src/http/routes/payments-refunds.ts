import { z } from "zod";
import { listRefunds, presentRefund, refundBody, refundObject, refundPayment } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import { requireIdempotencyKey } from "../idempotency.js";
import type { AppInstance } from "../types.js";

const params = z.strictObject({ id: z.string().min(1).max(64) });

export function refundRoutes(app: AppInstance): void {
  app.post(
    "/v1/payments/:id/refunds",
    {
      onRequest: requireAccess({ scope: "refunds:write", types: ["merchant", "operator"], operatorRoles: ["admin", "finance"] }),
      schema: {
        summary: "Refund a payment, fully or partly (merchants)",
        description: "Returns money from the merchant to the payer's wallet, within the refund window; several refunds may add up to the captured amount. Requires an Idempotency-Key.",
        tags: ["payments"],
        params,
        // Fastify hands a missing body to validation as null: a bare POST refunds what is left.
        body: refundBody.nullish(),
        response: { 200: refundObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const key = requireIdempotencyKey(request);
      const amount = request.body?.amount;
      const input = { amount: amount === undefined ? null : BigInt(amount), reason: request.body?.reason ?? null };
      return presentRefund(unwrap(await refundPayment(app.deps.payments, principal, request.params.id, input, key, requestId)));
    },
  );
  app.get(
    "/v1/payments/:id/refunds",
    {
      onRequest: requireAccess({ scope: "payments:read" }),
      schema: {
        summary: "List a payment's refunds",
        tags: ["payments"],
        params,
        response: { 200: z.object({ object: z.literal("list"), data: z.array(refundObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const refunds = unwrap(await listRefunds(app.deps.payments, callerOf(request).principal, request.params.id));
      return { object: "list" as const, data: refunds.map(presentRefund), has_more: false };
    },
  );
}
