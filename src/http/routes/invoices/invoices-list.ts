import { z } from "zod";
import {
  INVOICE_PAGE_SIZE_DEFAULT,
  INVOICE_PAGE_SIZE_MAX,
  INVOICE_STATUSES,
  INVOICE_TYPES,
  invoiceObject,
  type InvoiceDeps,
  listInvoices,
  presentInvoice,
  TYPE_CODES,
} from "../../../invoices/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function listInvoicesRoute(app: AppInstance, deps: InvoiceDeps): void {
  app.get(
    "/v1/invoices",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "List invoices and credit notes, newest first",
        description:
          "A merchant sees the invoices it issued, a user those addressed to them, an agent those of the subscriptions it " +
          "created; finance, support and admin operators all. Filter by subscription, status or type.",
        tags: ["invoices"],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(INVOICE_PAGE_SIZE_MAX).default(INVOICE_PAGE_SIZE_DEFAULT),
          starting_after: z.string().min(1).max(64).optional().describe("The last invoice id of the previous page."),
          subscription_id: z.string().min(1).max(64).optional(),
          status: z.enum(INVOICE_STATUSES).optional(),
          type: z.enum(INVOICE_TYPES).optional(),
        }),
        response: { 200: z.object({ object: z.literal("list"), data: z.array(invoiceObject), has_more: z.boolean() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listInvoices(deps, callerOf(request).principal, {
          limit: q.limit,
          startingAfter: q.starting_after,
          subscriptionId: q.subscription_id,
          status: q.status,
          typeCode: q.type === undefined ? undefined : TYPE_CODES[q.type],
        }),
      );
      return { object: "list" as const, data: page.data.map(presentInvoice), has_more: page.hasMore };
    },
  );
}
