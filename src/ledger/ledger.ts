/**
 * The ledger service: the one door to balances. Transfers go through the group committer;
 * accounts and reads are ordinary queries. A sweeper voids holds whose timeout has passed.
 */
import { assert } from "../core/assert.js";
import { type Clock, systemClock } from "../core/clock.js";
import type { Database } from "../store/index.js";
import { GroupCommitter } from "./committer.js";
import {
  assertLedgerLimits,
  BATCH_WAIT_MS_DEFAULT,
  BATCH_WAIT_MS_MAX,
  EXPIRY_SWEEP_BATCH_MAX,
  EXPIRY_SWEEP_INTERVAL_MS,
  REQUEST_ACCOUNTS_MAX,
  REQUEST_TRANSFERS_MAX,
} from "./limits.js";
import { assertTransferInput } from "./plan.js";
import { PostgresLedgerWriter } from "./postgres-writer.js";
import type { RowWrite } from "./row-writes.js";
import { SqliteLedgerWriter } from "./sqlite-writer.js";
import { LedgerQueries, type LedgerWriter, type TransferCursor } from "./storage.js";
import { Timestamps } from "./timestamps.js";
import type {
  Account,
  AccountInput,
  AccountResult,
  BalanceSnapshot,
  Transfer,
  TransferInput,
  TransferResult,
} from "./types.js";

/** The SQLite writer's batches queue behind write transactions of other modules on the same connection. */
function sqliteWriter(database: Extract<Database, { engine: "sqlite" }>, timestamps: Timestamps): LedgerWriter {
  const writer = new SqliteLedgerWriter(database.sqlite, timestamps);
  return {
    commit: (ops) => database.writeLock.run(() => writer.commit(ops)),
    close: () => writer.close(),
  };
}

export interface LedgerOptions {
  readonly clock?: Clock;
  /** How long the committer lingers for more transfers before committing (0 = not at all). */
  readonly batchWaitMs?: number;
  /** Void expired holds in the background (on by default; tests drive `expireDue` themselves). */
  readonly expirySweep?: boolean;
}

export class Ledger {
  private readonly queries: LedgerQueries;
  private readonly writer: LedgerWriter;
  private readonly committer: GroupCommitter;
  private readonly timestamps: Timestamps;
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;

  constructor(database: Database, options: LedgerOptions = {}) {
    assertLedgerLimits();
    const clock = options.clock ?? systemClock;
    const batchWaitMs = options.batchWaitMs ?? BATCH_WAIT_MS_DEFAULT;
    assert(batchWaitMs >= 0 && batchWaitMs <= BATCH_WAIT_MS_MAX, `batchWaitMs must be 0..${BATCH_WAIT_MS_MAX}`);
    this.timestamps = new Timestamps(() => clock.nowMs());
    this.queries = new LedgerQueries(database.db, this.timestamps);
    this.writer = database.engine === "sqlite" ? sqliteWriter(database, this.timestamps) : new PostgresLedgerWriter(database.pool, this.timestamps);
    this.committer = new GroupCommitter(this.writer, batchWaitMs);
    if (options.expirySweep ?? true) {
      this.sweeper = setInterval(() => void this.expireDue().catch(() => undefined), EXPIRY_SWEEP_INTERVAL_MS);
      this.sweeper.unref();
    }
  }

  get stats() {
    return this.committer.stats;
  }

  async createAccounts(inputs: readonly AccountInput[]): Promise<AccountResult[]> {
    assert(inputs.length <= REQUEST_ACCOUNTS_MAX, "too many accounts in one request");
    return this.queries.createAccounts(inputs);
  }

  /**
   * Submits transfers in order; resolves once they are durably committed (or rejected).
   * `effects` turns the transfers' results into rows committed in the same transaction; it may
   * be called more than once while the batch is planned, so it must be free of side effects.
   */
  async submitTransfers(
    inputs: readonly TransferInput[],
    options: { readonly effects?: (results: readonly TransferResult[]) => readonly RowWrite[] } = {},
  ): Promise<TransferResult[]> {
    assert(inputs.length <= REQUEST_TRANSFERS_MAX, "too many transfers in one request");
    for (const input of inputs) assertTransferInput(input);
    if (inputs.length === 0 && options.effects === undefined) return [];
    const op = options.effects === undefined
      ? { kind: "transfers" as const, transfers: inputs }
      : { kind: "transfers" as const, transfers: inputs, effects: options.effects };
    const result = await this.committer.submit(op);
    assert(result.kind === "transfers", "a transfers op answers with transfer results");
    return result.results;
  }

  /** Voids holds whose timeout has passed; returns how many. Runs one sweep at a time. */
  expireDue(): Promise<number> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const due = await this.queries.dueHolds(this.timestamps.nowUs(), EXPIRY_SWEEP_BATCH_MAX);
      if (due.length === 0) return total;
      const result = await this.committer.submit({ kind: "expire", pendingIds: due });
      assert(result.kind === "expire", "an expire op answers with expired ids");
      total += result.expired.length;
      // Another process may have expired them first; stop rather than spin on the same rows.
      if (result.expired.length === 0) return total;
    }
  }

  account(id: string): Promise<Account | undefined> {
    return this.queries.account(id);
  }

  accounts(ids: readonly string[]): Promise<Account[]> {
    return this.queries.accounts(ids);
  }

  /** Accounts whose owner reference is `ownerRef` (a user's wallets, a merchant's accounts). */
  accountsOwnedBy(ownerRef: string): Promise<Account[]> {
    return this.queries.accountsOwnedBy(ownerRef);
  }

  transfer(id: string): Promise<Transfer | undefined> {
    return this.queries.transfer(id);
  }

  accountTransfers(accountId: string, limit: number, after: TransferCursor | null): Promise<Transfer[]> {
    return this.queries.accountTransfers(accountId, limit, after);
  }

  balanceAt(accountId: string, timestampUs: bigint): Promise<BalanceSnapshot | undefined> {
    return this.queries.balanceAt(accountId, timestampUs);
  }

  /** Finishes committing accepted work and stops the sweeper. The database stays open. */
  async close(): Promise<void> {
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.sweeping;
    await this.committer.close();
    this.writer.close();
  }
}
