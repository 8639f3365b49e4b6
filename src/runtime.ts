/**
 * Opens what a running AgentPay needs — the database (migrated), the ledger, the signing key,
 * the services built on them — and closes it again in the right order. The server, the CLI and
 * the tests all start from here.
 */
import { sql } from "kysely";
import { type Clock, systemClock } from "./core/clock.js";
import { Ledger, type LedgerOptions } from "./ledger/index.js";
import { BudgetAccounts, type MandateDeps, type PartiesPort } from "./mandates/index.js";
import { findAgent, findMerchant, findUser } from "./parties/index.js";
import { loadSigner } from "./signing/index.js";
import { type Database, type DatabaseConfig, migrateToLatest, openDatabase } from "./store/index.js";

export interface Runtime {
  readonly database: Database;
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly mandates: MandateDeps;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly clock?: Clock;
  readonly ledger?: LedgerOptions;
}

export async function openRuntime(config: DatabaseConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const database = openDatabase(config);
  const clock = options.clock ?? systemClock;
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const ledger = new Ledger(database, { ...options.ledger, clock });
  const signer = await loadSigner(database, clock.nowMs());
  const mandates: MandateDeps = {
    database,
    ledger,
    signer,
    clock,
    budgets: new BudgetAccounts(ledger),
    parties: partiesPort(database),
  };
  return {
    database,
    ledger,
    clock,
    mandates,
    ping: async () => {
      await sql`select 1`.execute(database.db);
    },
    close: async () => {
      await ledger.close();
      await database.close();
    },
  };
}

function partiesPort(database: Database): PartiesPort {
  return {
    agent: async (id) => findAgent(database.db, id),
    user: async (id) => findUser(database.db, id),
    unknownMerchants: async (ids) => {
      const found = await Promise.all(ids.map((id) => findMerchant(database.db, id)));
      return ids.filter((_, i) => found[i] === undefined);
    },
  };
}
