import { z } from "zod";
import { invoicePdf, type InvoiceDeps } from "../../../invoices/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";
import { invoiceIdParams } from "./invoices-get.js";

/** The bytes as they are sent (fastify passes a Buffer through unserialised); binary in OpenAPI. */
const pdfBytes = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: "string", format: "binary" });

export function invoicePdfRoute(app: AppInstance, deps: InvoiceDeps): void {
  app.get(
    "/v1/invoices/:id/pdf",
    {
      onRequest: requireAccess({ scope: "billing:read" }),
      schema: {
        summary: "An invoice as PDF",
        description: "`application/pdf`: the printable invoice or credit note. Same access as retrieving the invoice.",
        tags: ["invoices"],
        params: invoiceIdParams,
        response: {
          200: { description: "The PDF document.", content: { "application/pdf": { schema: pdfBytes } } },
        },
      },
    },
    async (request, reply) => {
      const pdf = unwrap(await invoicePdf(deps, callerOf(request).principal, request.params.id));
      return reply.type("application/pdf").header("content-disposition", `inline; filename="${request.params.id}.pdf"`).send(pdf);
    },
  );
}
