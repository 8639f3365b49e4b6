/** Connects the official MCP client to AgentPay over stdio (a child `agentpay mcp`) or Streamable HTTP. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { TestServer } from "./http-harness.js";

export type McpTransportKind = "stdio" | "http";
export const mcpTransports: McpTransportKind[] = ["stdio", "http"];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const PAYER_TOOLS = [
  "cancel_payment",
  "cancel_subscription",
  "create_payment",
  "get_payment",
  "get_receipt",
  "get_wallet",
  "list_invoices",
  "list_mandates",
  "list_payments",
  "list_subscriptions",
  "pay_payment_request",
  "send_tip",
  "subscribe",
];
export const MERCHANT_TOOLS = [
  "capture_payment",
  "create_payment_request",
  "get_payment",
  "get_usage",
  "list_invoices",
  "list_payments",
  "refund_payment",
  "report_usage",
];

/**
 * An MCP client for `key`. Over stdio the child serves the test server's database (DATABASE_URL),
 * as a second AgentPay process would; `env` adds variables for the child (stdio only).
 */
export async function connectMcp(
  server: TestServer,
  kind: McpTransportKind,
  key: string,
  env: Record<string, string> = {},
  stderr: "inherit" | "ignore" = "inherit",
): Promise<Client> {
  const client = new Client({ name: "agentpay-test", version: "0.0.0" });
  if (kind === "http") {
    const headers = { authorization: `Bearer ${key}` };
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers } }));
    return client;
  }
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", "src/cli/main.ts", "mcp"],
    cwd: repoRoot,
    env: { DATABASE_URL: server.databaseUrl, AGENTPAY_API_KEY: key, ...env },
    stderr,
  });
  await client.connect(transport);
  return client;
}

/** A tool call's result, read loosely as tests read JSON. */
export interface ToolResult {
  readonly isError: boolean;
  readonly structured: any;
  readonly text: string;
}

export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const result = await client.callTool({ name, arguments: args });
  const content = (result.content ?? []) as { type: string; text?: string }[];
  return {
    isError: result.isError === true,
    structured: result.structuredContent,
    text: content.map((c) => c.text ?? "").join("\n"),
  };
}

/** Calls a tool that must succeed and returns its structured content. */
export async function ok(client: Client, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = await call(client, name, args);
  if (result.isError) throw new Error(`${name} failed: ${result.text}`);
  return result.structured;
}
