/**
 * The MCP server over the AgentPay services, on the official SDK. One server serves one key:
 * the stdio process for its lifetime, or one HTTP request (stateless Streamable HTTP).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { ApiError } from "../core/errors.js";
import type { Result } from "../core/result.js";
import type { Authenticated } from "../keys/index.js";
import type { Services } from "../runtime.js";
import { toolsFor } from "./registry.js";
import type { McpSettings } from "./settings.js";
import { type McpTool, toolError } from "./tool.js";

export interface McpServerOptions {
  readonly services: Services;
  readonly settings: McpSettings;
  /** The server version announced to clients. */
  readonly version: string;
  /** Who is calling, asked on every request, so that a revoked key or a suspended agent stops at once. */
  readonly caller: () => Promise<Result<Authenticated, ApiError>>;
  /** A new request id for a tool call's audit events. */
  readonly requestId: () => string;
  /** Reports an unexpected failure (a bug, a lost database); the caller gets an internal_error tool error. */
  readonly onError: (error: unknown) => void;
}

const INSTRUCTIONS =
  "AgentPay moves real money. Agents pay merchants from the wallet of the user they act for, under mandates the user " +
  "granted; merchants capture and refund. Amounts are integers in minor units of the currency (1234 with CNY is " +
  "¥12.34). Read get_wallet before paying; pay only amounts the user or the merchant stated; give every create_payment " +
  "the user's intent and an order reference, and keep both on retries: the same call returns the same payment. When a " +
  "payment requires_confirmation, give the user next_action.approval_url and poll get_payment. A decline carries a " +
  "decline_code: tell the user, never work around it.";

export function createMcpServer(o: McpServerOptions): McpServer {
  const mcp = new McpServer({ name: "agentpay", title: "AgentPay", version: o.version }, { instructions: INSTRUCTIONS });
  // Tools are served by our own handlers rather than McpServer.registerTool: the toolset depends on
  // the caller, checked on every request, and a tool validates its own arguments so that a bad one
  // is a tool error in the API's error shape (the SDK's own validation answers with bare text).
  mcp.server.registerCapabilities({ tools: { listChanged: false } });
  mcp.server.setRequestHandler(ListToolsRequestSchema, async () => {
    const caller = await authenticated(o);
    return { tools: toolsFor(caller, o.settings).map(describe) };
  });
  mcp.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const caller = await authenticated(o);
    const name = request.params.name;
    const tool = toolsFor(caller, o.settings).find((t) => t.name === name);
    // Not a tool error: the model cannot fix this by changing arguments (MCP: unknown tool → -32602).
    if (tool === undefined) throw new McpError(ErrorCode.InvalidParams, `Unknown tool '${name}' for this key.`);
    const ctx = { services: o.services, principal: caller.principal, settings: o.settings, requestId: o.requestId() };
    try {
      return await tool.call(ctx, request.params.arguments);
    } catch (error) {
      o.onError(error);
      return toolError(new ApiError("internal_error", "An internal error occurred; it has been logged. Retry the same call later."));
    }
  });
  return mcp;
}

async function authenticated(o: McpServerOptions): Promise<Authenticated> {
  const caller = await o.caller();
  if (!caller.ok) throw new McpError(ErrorCode.InvalidRequest, caller.error.message, { error: caller.error.toBody() });
  return caller.value;
}

function describe(t: McpTool): Tool {
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: t.inputSchema,
    outputSchema: t.outputSchema,
    annotations: { title: t.title, ...t.annotations },
  };
}
