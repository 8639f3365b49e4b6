/**
 * MCP over Streamable HTTP at `/mcp` on the main server, stateless: every POST carries the
 * bearer API key, is authenticated by the same hook as /v1, and is served by a fresh MCP server
 * and transport that end with the response. No session state is kept, so any number of AgentPay
 * processes behind a load balancer can answer, and there is no session table to bound.
 */
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { ApiError } from "../core/errors.js";
import { ok } from "../core/result.js";
import { authPlugin, callerOf } from "../http/auth.js";
import type { AppInstance } from "../http/types.js";
import { toolsetRefusal } from "./registry.js";
import { createMcpServer } from "./server.js";
import type { McpSettings } from "./settings.js";

export const MCP_PATH = "/mcp";
/** JSON-RPC's implementation-defined server error, as the SDK's own examples answer a wrong method. */
const JSONRPC_SERVER_ERROR = -32_000;
const JSONRPC_INTERNAL_ERROR = -32_603;

export interface McpHttpOptions {
  readonly settings: McpSettings;
  readonly version: string;
}

/** Registers `/mcp` on an encapsulated scope of the app (its auth hook must not leak to other routes). */
export async function mcpHttpRoutes(app: AppInstance, options: McpHttpOptions): Promise<void> {
  await app.register(authPlugin, { deps: app.deps });
  app.post(MCP_PATH, { schema: { hide: true } }, async (request, reply) => {
    const { principal, scopes } = callerOf(request);
    const refusal = toolsetRefusal(principal);
    if (refusal !== null) throw new ApiError("forbidden", refusal);
    const caller = ok({ principal, scopes, keyId: request.keyId });
    const server = createMcpServer({
      services: app.deps,
      settings: options.settings,
      version: options.version,
      caller: async () => caller,
      requestId: () => request.id,
      onError: (error) => request.log.error({ err: error }, "MCP tool call failed"),
    });
    // No sessionIdGenerator: stateless mode. Plain JSON answers: one request, one response, nothing to stream.
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true });
    reply.hijack();
    reply.raw.setHeader("request-id", request.id);
    reply.raw.on("close", () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (error) {
      // The reply is hijacked, so Fastify's error handler cannot answer for us.
      request.log.error({ err: error }, "MCP request failed");
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { "content-type": "application/json" });
        reply.raw.end(JSON.stringify({ jsonrpc: "2.0", error: { code: JSONRPC_INTERNAL_ERROR, message: "Internal error" }, id: null }));
      }
    }
  });
  // Stateless: no server-to-client stream to open (GET) and no session to end (DELETE).
  for (const method of ["GET", "DELETE"] as const) {
    app.route({
      method,
      url: MCP_PATH,
      schema: { hide: true },
      handler: async (_request, reply) =>
        reply
          .status(405)
          .header("allow", "POST")
          .send({
            jsonrpc: "2.0",
            error: { code: JSONRPC_SERVER_ERROR, message: "Method not allowed: this MCP endpoint is stateless; POST to it." },
            id: null,
          }),
    });
  }
}
