/**
 * `agentpay mcp`: the MCP server on stdin/stdout for the key in AGENTPAY_API_KEY, over the
 * database in DATABASE_URL (as `serve`). Stdout carries the protocol only; anything else goes to
 * stderr. The key is checked at start (a wrong key fails at once) and again on every request.
 */
import { randomUUID } from "node:crypto";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { authenticate } from "../keys/index.js";
import { openRuntime } from "../runtime.js";
import { loadConfig } from "../store/index.js";
import { MCP_TOOL_NAMES, toolsetRefusal } from "./registry.js";
import { createMcpServer } from "./server.js";
import { loadMcpSettings } from "./settings.js";

/** Serves until stdin closes or a signal arrives; then closes the runtime and exits. */
export async function serveStdio(env: NodeJS.ProcessEnv, version: string): Promise<void> {
  const secret = env.AGENTPAY_API_KEY?.trim() ?? "";
  if (secret === "") throw new Error("set AGENTPAY_API_KEY to an agent's or a merchant's API key");
  const settings = loadMcpSettings(env, MCP_TOOL_NAMES);
  const config = loadConfig(env);
  const runtime = await openRuntime(config.database);
  const authDeps = { database: runtime.database, operatorKey: config.operatorKey ?? null };
  try {
    const first = await authenticate(authDeps, secret);
    if (!first.ok) throw new Error(first.error.message);
    const refusal = toolsetRefusal(first.value.principal);
    if (refusal !== null) throw new Error(refusal);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const server = createMcpServer({
    services: runtime,
    settings,
    version,
    caller: () => authenticate(authDeps, secret),
    requestId: () => `req_${randomUUID().replaceAll("-", "")}`,
    onError: (error) => process.stderr.write(`agentpay mcp: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  });
  let closing: Promise<void> | null = null;
  const shutdown = () => {
    closing ??= (async () => {
      await server.close();
      await runtime.close();
      process.exit(0);
    })();
  };
  process.stdin.once("end", shutdown);
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await server.connect(new StdioServerTransport());
}
