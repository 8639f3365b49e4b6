import { z } from "zod";
import { listPayments, PAYMENT_PAGE_SIZE_MAX, PAYMENT_PURPOSES, PAYMENT_STATUSES, paymentObject, presentPayment } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function listPaymentsRoute(app: AppInstance): void {
  app.get(
    "/v1/payments",
    {
      onRequest: requireAccess({ scope: "payments:read" }),
      schema: {
        summary: "List payments, newest first",
        description: "An agent sees its payments, a user theirs, a merchant those it received; operators all.",
        tags: ["payments"],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(PAYMENT_PAGE_SIZE_MAX).default(20),
          starting_after: z.string().min(1).max(64).optional(),
          status: z.enum(PAYMENT_STATUSES).optional(),
          mandate_id: z.string().min(1).max(64).optional(),
          purpose: z.enum(PAYMENT_PURPOSES).optional().describe("Only payments of this purpose; `tip` lists tips (a merchant's: those it received)."),
        }),
        response: { 200: z.object({ object: z.literal("list"), data: z.array(paymentObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listPayments(app.deps.payments, callerOf(request).principal, {
          limit: q.limit,
          startingAfter: q.starting_after,
          status: q.status,
          mandateId: q.mandate_id,
          purpose: q.purpose,
        }),
      );
      return { object: "list" as const, data: page.data.map(presentPayment), has_more: page.hasMore };
    },
  );
}
