import { z } from "zod";
import { paymentReceipt } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function receiptRoute(app: AppInstance): void {
  app.get(
    "/v1/payments/:id/receipt",
    {
      onRequest: requireAccess({ scope: "payments:read" }),
      schema: {
        summary: "A succeeded payment's receipt, signed by AgentPay",
        description: "`jws` is a compact JWS (EdDSA); verify it offline with /.well-known/jwks.json. `claims` is its payload.",
        tags: ["payments"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: z.object({ object: z.literal("receipt"), payment_id: z.string(), jws: z.string(), claims: z.record(z.string(), z.unknown()) }) },
      },
    },
    async (request) => {
      const receipt = unwrap(await paymentReceipt(app.deps.payments, callerOf(request).principal, request.params.id));
      return { object: "receipt" as const, payment_id: request.params.id, ...receipt };
    },
  );
}
