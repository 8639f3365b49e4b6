import type { McpTool } from "../../tool.js";
import { listInvoicesTool } from "./list-invoices.js";

/** The invoices tools, in the order they are listed (one tool per file in this folder). */
export const INVOICE_TOOLS: readonly McpTool[] = [listInvoicesTool];
