import { z } from "zod";
import { getPosting, postingObject, presentPosting } from "../../../subscriptions/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

const params = z.strictObject({ id: z.string().min(1).max(64) });

export function getPostingRoute(app: AppInstance): void {
  app.get(
    "/v1/billing_postings/:id",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "Retrieve a billing posting",
        description:
          "What one aggregated posting billed: per meter quantities and charges, the exact amount before rounding, the " +
          "residual carried in and out, net, tax and total, and the payment, refund and invoice behind it. The payment's " +
          "order_reference is this posting's id; GET /v1/billing_postings/{id}/events lists the usage events it billed.",
        tags: ["subscriptions"],
        params,
        response: { 200: postingObject },
      },
    },
    async (request) => presentPosting(unwrap(await getPosting(app.deps.subscriptions, callerOf(request).principal, request.params.id))),
  );
}
