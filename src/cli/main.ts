#!/usr/bin/env node
/**
 * `agentpay` — the command line: a thin adapter over the same services the HTTP API uses.
 */
import { randomBytes } from "node:crypto";
import { Command } from "commander";
import { z } from "zod";
import { systemClock } from "../core/clock.js";
import { buildApp, API_VERSION } from "../http/app.js";
import {
  type ApiKey,
  cliCaller,
  createKey,
  createKeyBody,
  keyIdSchema,
  listKeys,
  listKeysQuery,
  presentCreatedKey,
  presentKey,
  revokeKey,
  toCreateKeyInput,
} from "../keys/index.js";
import { type Page, PAGE_SIZE_MAX, presentPage } from "../parties/index.js";
import { loadMcpSettings, MCP_TOOL_NAMES, serveStdio } from "../mcp/index.js";
import { type Database, loadConfig, migrateToLatest, openDatabase } from "../store/index.js";
import { openRuntime } from "../runtime.js";

const program = new Command()
  .name("agentpay")
  .description("AgentPay: the payment layer for AI agents")
  .version(API_VERSION);

program
  .command("serve")
  .description("run the HTTP API (embedded SQLite unless DATABASE_URL=postgres://…)")
  .option("-p, --port <port>", "port to listen on (env PORT, default 8080)")
  .option("-H, --host <host>", "address to bind (env HOST, default 127.0.0.1)")
  .action(async (opts: { port?: string; host?: string }) => {
    const config = loadConfig({
      ...process.env,
      ...(opts.port !== undefined ? { PORT: opts.port } : {}),
      ...(opts.host !== undefined ? { HOST: opts.host } : {}),
    });
    const mcp = loadMcpSettings(process.env, MCP_TOOL_NAMES);
    const runtime = await openRuntime(config.database);
    const operatorKey = config.operatorKey ?? `sk_op_${randomBytes(24).toString("base64url")}`;
    const app = await buildApp(
      { ...runtime, operatorKey },
      { logger: { level: config.logLevel }, mcp },
    );
    const address = await app.listen({ port: config.port, host: config.host });
    const where = config.database.engine === "sqlite" ? config.database.path : "PostgreSQL";
    process.stdout.write(`AgentPay ${API_VERSION} listening on ${address} (database: ${where})\n`);
    process.stdout.write(`API reference: ${address}/docs\n`);
    if (config.operatorKey === undefined) {
      process.stdout.write(`Operator key for this run (set AGENTPAY_OPERATOR_KEY to fix one): ${operatorKey}\n`);
    }
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, "shutting down");
      await app.close();
      await runtime.close();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
  });

program
  .command("mcp")
  .description(
    "serve the MCP tools over stdio for the agent or merchant key in AGENTPAY_API_KEY " +
      "(DATABASE_URL as for serve; AGENTPAY_MCP_TOOLS narrows the tools; AGENTPAY_PUBLIC_URL is where users confirm payments)",
  )
  .action(async () => {
    await serveStdio(process.env, API_VERSION);
  });

program
  .command("migrate")
  .description("bring the database schema to the latest version")
  .action(async () => {
    const config = loadConfig();
    const database = openDatabase(config.database);
    try {
      const result = await migrateToLatest(database);
      const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
      process.stdout.write(applied.length === 0 ? "schema is up to date\n" : `applied: ${applied.join(", ")}\n`);
    } finally {
      await database.close();
    }
  });

/**
 * Key management against the configured database, acting as the local admin (`opr_cli`): whoever
 * runs this has the database already. Input goes through the same schemas and use cases as HTTP.
 */
async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(loadConfig().database);
  try {
    await migrateToLatest(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Parses with a transport schema; a bad value ends the command with the schema's message. */
function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(z.prettifyError(result.error));
  return result.data;
}

function orFail<T>(result: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!result.ok) throw result.error;
  return result.value;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

const keys = program.command("keys").description("issue, list and revoke API keys");

keys
  .command("create")
  .description("issue a key and print it with its secret (shown this once)")
  .requiredOption("--principal <id>", "the usr_/agt_/mer_/opr_ id the key acts as")
  .option("--scopes <list>", "comma-separated scopes (default: all the principal may have)")
  .option("--name <name>", "a label for the key")
  .action(async (opts: { principal: string; scopes?: string; name?: string }) => {
    const body = parsed(createKeyBody, {
      principal: opts.principal,
      ...(opts.scopes !== undefined ? { scopes: opts.scopes.split(",").map((s) => s.trim()) } : {}),
      ...(opts.name !== undefined ? { name: opts.name } : {}),
    });
    const created = await withDatabase(async (database) =>
      orFail(await createKey({ database, clock: systemClock }, cliCaller, toCreateKeyInput(body))),
    );
    print(presentCreatedKey(created));
    process.stderr.write("Store the secret now: it is not shown again.\n");
  });

keys
  .command("list")
  .description("list keys (never their secrets), newest first")
  .option("--principal <id>", "only this principal's keys")
  .action(async (opts: { principal?: string }) => {
    const query = parsed(listKeysQuery, { limit: PAGE_SIZE_MAX, ...(opts.principal !== undefined ? { principal: opts.principal } : {}) });
    await withDatabase(async (database) => {
      const deps = { database, clock: systemClock };
      let startingAfter: string | null = null;
      const all = [];
      for (;;) {
        const page: Page<ApiKey> = orFail(await listKeys(deps, cliCaller, query.principal ?? null, { limit: query.limit, startingAfter }));
        all.push(...presentPage(page, presentKey).data);
        const last = page.data.at(-1);
        if (!page.hasMore || last === undefined) break;
        startingAfter = last.id;
      }
      print(all);
    });
  });

keys
  .command("revoke")
  .description("revoke a key; it stops working from the next request")
  .argument("<key>", "the key id (key_…)")
  .action(async (keyId: string) => {
    const id = parsed(keyIdSchema, keyId);
    const revoked = await withDatabase(async (database) => orFail(await revokeKey({ database, clock: systemClock }, cliCaller, id)));
    print(presentKey(revoked));
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`agentpay: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
