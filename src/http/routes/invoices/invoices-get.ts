import { z } from "zod";
import { getInvoice, type InvoiceDeps, invoiceObject, presentInvoice } from "../../../invoices/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export const invoiceIdParams = z.strictObject({ id: z.string().min(1).max(64).describe("The invoice's id (in_…).") });

export function getInvoiceRoute(app: AppInstance, deps: InvoiceDeps): void {
  app.get(
    "/v1/invoices/:id",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "Retrieve an invoice or credit note",
        description: "Its merchant, its user, the agent whose subscription it bills, and operators; anyone else gets 404.",
        tags: ["invoices"],
        params: invoiceIdParams,
        response: { 200: invoiceObject },
      },
    },
    async (request) => presentInvoice(unwrap(await getInvoice(deps, callerOf(request).principal, request.params.id))),
  );
}
