import type { AppInstance } from "../../types.js";

/** Registers the invoices routes (one route per file in this folder). */
export function invoiceRoutes(app: AppInstance): void {
  void app;
}
