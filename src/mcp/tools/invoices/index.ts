import type { McpTool } from "../../tool.js";

/** The invoices tools, in the order they are listed (one tool per file in this folder). */
export const INVOICE_TOOLS: readonly McpTool[] = [];
