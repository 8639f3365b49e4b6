/**
 * Opens what a running AgentPay needs — the database (migrated), the ledger — and closes it
 * again in the right order. The server, the CLI and the tests all start from here.
 */
import { sql } from "kysely";
import type { Clock } from "./core/clock.js";
import { Ledger, type LedgerOptions } from "./ledger/index.js";
import { type Database, type DatabaseConfig, migrateToLatest, openDatabase } from "./store/index.js";

export interface Runtime {
  readonly database: Database;
  readonly ledger: Ledger;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly clock?: Clock;
  readonly ledger?: LedgerOptions;
}

export async function openRuntime(config: DatabaseConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const database = openDatabase(config);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const ledgerOptions: LedgerOptions = { ...options.ledger, ...(options.clock ? { clock: options.clock } : {}) };
  const ledger = new Ledger(database, ledgerOptions);
  return {
    database,
    ledger,
    ping: async () => {
      await sql`select 1`.execute(database.db);
    },
    close: async () => {
      await ledger.close();
      await database.close();
    },
  };
}
