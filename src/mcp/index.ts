/** The MCP transport: payer and merchant tools over the same services as HTTP, on stdio and Streamable HTTP. */
export { MCP_KEY_PREFIX, paymentKey, refundKey, type PaymentKeyParts, type RefundKeyParts } from "./keys.js";
export { MCP_TOOL_NAMES, MCP_TOOLS, toolsetRefusal, toolsFor } from "./registry.js";
export { createMcpServer, type McpServerOptions } from "./server.js";
export { DEFAULT_MCP_SETTINGS, loadMcpSettings, type McpSettings, PUBLIC_URL_DEFAULT } from "./settings.js";
export { mcpHttpRoutes, MCP_PATH, type McpHttpOptions } from "./http.js";
export { serveStdio } from "./stdio.js";
export { type McpTool, type MoneyAnnotations, type ToolAudience, type ToolContext, toolErrorObject } from "./tool.js";
