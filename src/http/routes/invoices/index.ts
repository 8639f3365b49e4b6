import { type InvoiceSettings, loadInvoiceSettings } from "../../../invoices/index.js";
import type { AppInstance } from "../../types.js";
import { getInvoiceRoute } from "./invoices-get.js";
import { listInvoicesRoute } from "./invoices-list.js";
import { invoicePdfRoute } from "./invoices-pdf.js";
import { invoiceUblRoute } from "./invoices-ubl.js";

/**
 * Registers the invoices routes (one route per file in this folder). This is where the invoices
 * module is configured for HTTP: its settings are read from the environment once, here, unless
 * the caller passes them (tests do).
 */
export function invoiceRoutes(app: AppInstance, settings: InvoiceSettings = loadInvoiceSettings(process.env)): void {
  const deps = { database: app.deps.database, settings };
  listInvoicesRoute(app, deps);
  getInvoiceRoute(app, deps);
  invoicePdfRoute(app, deps);
  invoiceUblRoute(app, deps);
}
