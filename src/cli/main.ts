#!/usr/bin/env node
/**
 * `agentpay` — the command line: a thin adapter over the same services the HTTP API uses.
 */
import { randomBytes } from "node:crypto";
import { Command } from "commander";
import { buildApp, API_VERSION } from "../http/app.js";
import { openRuntime } from "../runtime.js";
import { loadConfig, migrateToLatest, openDatabase } from "../store/index.js";

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
    const runtime = await openRuntime(config.database);
    const operatorKey = config.operatorKey ?? `sk_op_${randomBytes(24).toString("base64url")}`;
    const app = await buildApp(
      { database: runtime.database, ledger: runtime.ledger, ping: runtime.ping, operatorKey },
      { logger: { level: config.logLevel } },
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

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`agentpay: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
