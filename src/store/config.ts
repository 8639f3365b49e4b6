import path from "node:path";

export type DatabaseConfig =
  | { readonly engine: "sqlite"; readonly path: string }
  | { readonly engine: "postgres"; readonly url: string; readonly poolSizeMax: number };

export interface Config {
  readonly database: DatabaseConfig;
  readonly host: string;
  readonly port: number;
  /** Bearer key for the operator endpoints until per-principal keys exist (issue 3). */
  readonly operatorKey: string | undefined;
  readonly logLevel: string;
}

export const DEFAULT_SQLITE_PATH = "data/agentpay.sqlite";
export const PG_POOL_SIZE_DEFAULT = 10;

/**
 * `DATABASE_URL` unset → the embedded SQLite file under ./data; `postgres://…` → PostgreSQL;
 * `sqlite:PATH` or `file:PATH` → a SQLite file elsewhere (tests, benchmarks).
 */
export function databaseConfigFrom(url: string | undefined, poolSizeMax = PG_POOL_SIZE_DEFAULT): DatabaseConfig {
  if (url === undefined || url === "") return { engine: "sqlite", path: path.resolve(DEFAULT_SQLITE_PATH) };
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return { engine: "postgres", url, poolSizeMax };
  }
  const match = /^(?:sqlite|file):(.+)$/.exec(url);
  if (match?.[1] !== undefined) return { engine: "sqlite", path: path.resolve(match[1]) };
  throw new Error(`DATABASE_URL must start with postgres://, postgresql://, sqlite: or file: (got "${url}")`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? "8080");
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be 0..65535 (got "${env.PORT}")`);
  const poolSizeMax = Number(env.PG_POOL_SIZE ?? PG_POOL_SIZE_DEFAULT);
  if (!Number.isInteger(poolSizeMax) || poolSizeMax < 1) throw new Error("PG_POOL_SIZE must be a positive integer");
  return {
    database: databaseConfigFrom(env.DATABASE_URL, poolSizeMax),
    host: env.HOST ?? "127.0.0.1",
    port,
    operatorKey: env.AGENTPAY_OPERATOR_KEY === "" ? undefined : env.AGENTPAY_OPERATOR_KEY,
    logLevel: env.LOG_LEVEL ?? "info",
  };
}
