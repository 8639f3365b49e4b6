import { z } from "zod";
import { invoiceUbl, type InvoiceDeps } from "../../../invoices/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";
import { invoiceIdParams } from "./invoices-get.js";

export function invoiceUblRoute(app: AppInstance, deps: InvoiceDeps): void {
  app.get(
    "/v1/invoices/:id/ubl",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "An invoice as UBL 2.1 XML (EN 16931)",
        description:
          "`application/xml`: a UBL Invoice (380) or CreditNote (381) with the EN 16931 core business terms, for " +
          "e-invoicing and ERP import. Same access as retrieving the invoice.",
        tags: ["invoices"],
        params: invoiceIdParams,
        response: {
          200: { description: "The UBL 2.1 Invoice or CreditNote.", content: { "application/xml": { schema: z.string() } } },
        },
      },
    },
    async (request, reply) => {
      const xml = unwrap(await invoiceUbl(deps, callerOf(request).principal, request.params.id));
      return reply.type("application/xml; charset=utf-8").send(xml);
    },
  );
}
