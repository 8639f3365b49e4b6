import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "./config.js";
import { WriteLock } from "./lock.js";
import type { Tables } from "./tables.js";

/** How long a SQLite writer waits for another process's write lock before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** How long a PostgreSQL statement may run before the server cancels it. */
export const PG_STATEMENT_TIMEOUT_MS = 30_000;
export const PG_CONNECT_TIMEOUT_MS = 5_000;

export type SqliteHandle = SqliteDatabase.Database;

interface DatabaseCommon {
  readonly db: Kysely<Tables>;
  /**
   * Runs `work` in one write transaction. On SQLite it first takes the process's write lock,
   * which the ledger's committer also takes, so no two transactions share the connection.
   */
  transaction<T>(work: (trx: Kysely<Tables>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Database =
  | (DatabaseCommon & { readonly engine: "sqlite"; readonly sqlite: SqliteHandle; readonly writeLock: WriteLock })
  | (DatabaseCommon & { readonly engine: "postgres"; readonly pool: pg.Pool });

export type Engine = Database["engine"];

export function openDatabase(config: DatabaseConfig): Database {
  return config.engine === "sqlite" ? openSqlite(config.path) : openPostgres(config.url, config.poolSizeMax);
}

/**
 * One connection serves the whole process. WAL with synchronous=FULL makes every committed
 * transaction durable before the commit returns, which is what lets the ledger acknowledge a
 * transfer only once it is on disk.
 */
function openSqlite(file: string): Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  // Larger page cache: the ledger's hot indexes stay in memory.
  sqlite.pragma("cache_size = -65536");
  // Checkpoint every 64 MiB of WAL instead of 4 MiB: fewer, larger checkpoints roughly double
  // the write ceiling of this workload (random index pages) on the development machine.
  sqlite.pragma("wal_autocheckpoint = 16384");
  sqlite.defaultSafeIntegers(true);
  const db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  const writeLock = new WriteLock();
  return {
    engine: "sqlite",
    db,
    sqlite,
    writeLock,
    transaction: (work) => writeLock.run(() => db.transaction().execute(work)),
    close: async () => {
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

/**
 * Kysely begins SQLite transactions DEFERRED. A deferred transaction that reads and then writes
 * fails at once with SQLITE_BUSY when another process (a CLI, a stdio MCP server) wrote in
 * between: the busy timeout does not cover that upgrade. Transactions here are write
 * transactions, so they take SQLite's write lock at BEGIN, where the busy timeout waits for it.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** int8 and numeric come back as bigint; everything else as pg parses it by default. */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function openPostgres(url: string, poolSizeMax: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSizeMax,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    statement_timeout: PG_STATEMENT_TIMEOUT_MS,
    types: pgTypes,
    // Durability is the server default; set it explicitly so a tuned server cannot weaken it.
    options: "-c synchronous_commit=on",
  });
  // An idle pooled connection the server closes (restart, failover, DROP DATABASE) is dropped
  // from the pool and replaced on demand; without a listener its error would crash the process.
  pool.on("error", () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: "postgres",
    db,
    pool,
    transaction: (work) => db.transaction().execute(work),
    close: async () => {
      await db.destroy();
    },
  };
}
