/**
 * SQLite adapter of the ledger writer: the whole batch runs synchronously inside one
 * BEGIN IMMEDIATE … COMMIT, so nothing else in the process can touch the connection meanwhile.
 *
 * Accounts are served from an in-process cache. The cache is exact because every balance change
 * in this process goes through this writer, and `PRAGMA data_version` tells us at the start of
 * each transaction whether another process committed since, in which case the cache is dropped.
 */
import type { Statement } from "better-sqlite3";
import type { SqliteHandle } from "../store/index.js";
import { ACCOUNT_CACHE_SIZE_MAX, BATCH_RETRIES_MAX } from "./limits.js";
import { BatchPlanner, type BatchPlan, type LedgerOp, type OpResult, type PlanSource } from "./plan.js";
import { accountFromRow, TRANSFER_COLUMNS, transferFromRow, transferValues } from "./rows.js";
import { type LedgerWriter, mayHideExisting } from "./storage.js";
import type { Timestamps } from "./timestamps.js";
import type { Account, Transfer } from "./types.js";
import type { LedgerAccountRow, LedgerTransferRow } from "../store/index.js";
import { preloadIds } from "./preload.js";
import { SqliteRowWriter } from "./row-writes.js";

/** The newest timestamp on an account: its transfers on either side and its history (expiries). */
const LATEST_TIMESTAMP_SQL = `SELECT max(
  coalesce((SELECT timestamp FROM ledger_transfers WHERE debit_account_id = @id ORDER BY timestamp DESC LIMIT 1), 0),
  coalesce((SELECT timestamp FROM ledger_transfers WHERE credit_account_id = @id ORDER BY timestamp DESC LIMIT 1), 0),
  coalesce((SELECT timestamp FROM ledger_account_history WHERE account_id = @id ORDER BY timestamp DESC LIMIT 1), 0))`;

export class SqliteLedgerWriter implements LedgerWriter {
  private readonly cache = new Map<string, Account>();
  private readonly rowWriter: SqliteRowWriter;
  private dataVersion = -1n;
  private readonly stmt: {
    begin: Statement;
    commit: Statement;
    rollback: Statement;
    dataVersion: Statement<[], bigint>;
    account: Statement<[string], LedgerAccountRow>;
    latestTimestamp: Statement<{ id: string }, bigint | null>;
    transfer: Statement<[string], LedgerTransferRow>;
    insertTransfer: Statement;
    updateAccount: Statement;
    updateStatus: Statement;
    insertHistory: Statement;
  };

  constructor(
    private readonly sqlite: SqliteHandle,
    private readonly timestamps: Timestamps,
  ) {
    this.rowWriter = new SqliteRowWriter(sqlite);
    const placeholders = TRANSFER_COLUMNS.map(() => "?").join(", ");
    this.stmt = {
      begin: sqlite.prepare("BEGIN IMMEDIATE"),
      commit: sqlite.prepare("COMMIT"),
      rollback: sqlite.prepare("ROLLBACK"),
      dataVersion: sqlite.prepare<[], bigint>("PRAGMA data_version").pluck(),
      account: sqlite.prepare<[string], LedgerAccountRow>("SELECT * FROM ledger_accounts WHERE id = ?"),
      latestTimestamp: sqlite.prepare<{ id: string }, bigint | null>(LATEST_TIMESTAMP_SQL).pluck(),
      transfer: sqlite.prepare<[string], LedgerTransferRow>("SELECT * FROM ledger_transfers WHERE id = ?"),
      insertTransfer: sqlite.prepare(
        `INSERT INTO ledger_transfers (${TRANSFER_COLUMNS.join(", ")}) VALUES (${placeholders}) ON CONFLICT (id) DO NOTHING`,
      ),
      updateAccount: sqlite.prepare(
        "UPDATE ledger_accounts SET debits_pending = ?, debits_posted = ?, credits_pending = ?, credits_posted = ?, flags = ? WHERE id = ?",
      ),
      updateStatus: sqlite.prepare("UPDATE ledger_transfers SET pending_status = ? WHERE id = ?"),
      insertHistory: sqlite.prepare(
        "INSERT INTO ledger_account_history (account_id, timestamp, transfer_id, debits_pending, debits_posted, credits_pending, credits_posted) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
    };
  }

  commit(ops: readonly LedgerOp[]): Promise<OpResult[]> {
    try {
      return Promise.resolve(this.commitSync(ops));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): void {
    this.cache.clear();
  }

  private commitSync(ops: readonly LedgerOp[]): OpResult[] {
    const known = new Map<string, Transfer>();
    for (let attempt = 0; attempt < BATCH_RETRIES_MAX; attempt++) {
      this.stmt.begin.run();
      let committed = false;
      try {
        this.refreshCache();
        for (const id of preloadIds(ops)) this.loadTransfer(id, known);
        const plan = new BatchPlanner(this.source(known), this.timestamps.nowUs(), () => this.timestamps.next()).plan(ops);
        if (this.discoverExisting(plan, known)) continue;
        this.write(plan);
        this.stmt.commit.run();
        committed = true;
        this.adopt(plan.accounts);
        return plan.results;
      } finally {
        if (!committed && this.sqlite.inTransaction) this.stmt.rollback.run();
      }
    }
    throw new Error(`ledger batch did not converge after ${BATCH_RETRIES_MAX} attempts`);
  }

  /**
   * The planner assumed unknown ids were new. Failed results are checked here; successful ones
   * are checked by the insert itself. Any id found to exist is added to `known` and the batch
   * is planned again.
   */
  private discoverExisting(plan: BatchPlan, known: Map<string, Transfer>): boolean {
    let found = false;
    for (const op of plan.results) {
      if (op.kind !== "transfers") continue;
      for (const r of op.results) {
        if (mayHideExisting(r) && !known.has(r.id) && this.loadTransfer(r.id, known)) found = true;
      }
    }
    if (found) return true;
    for (const t of plan.inserts) {
      if (this.stmt.insertTransfer.run(...transferValues(t)).changes === 0) {
        this.loadTransfer(t.id, known);
        found = true;
      }
    }
    return found;
  }

  private write(plan: BatchPlan): void {
    for (const a of plan.accounts) {
      this.stmt.updateAccount.run(a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted, a.flags, a.id);
    }
    for (const u of plan.statusUpdates) this.stmt.updateStatus.run(u.status, u.id);
    for (const h of plan.history) {
      this.stmt.insertHistory.run(
        h.accountId,
        h.timestamp,
        h.transferId,
        h.debitsPending,
        h.debitsPosted,
        h.creditsPending,
        h.creditsPosted,
      );
    }
    this.rowWriter.apply(plan.rows);
  }

  private source(known: Map<string, Transfer>): PlanSource {
    return {
      account: (id) => this.account(id),
      transfer: (id) => known.get(id),
    };
  }

  private account(id: string): Account | undefined {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const row = this.stmt.account.get(id);
    if (row === undefined) return undefined;
    const account = accountFromRow(row);
    // Not cached: another connection may have stamped it since; our next timestamps follow its.
    const latest = this.stmt.latestTimestamp.get({ id });
    if (latest !== null && latest !== undefined) this.timestamps.observe(latest);
    if (this.cache.size >= ACCOUNT_CACHE_SIZE_MAX) this.cache.clear();
    this.cache.set(id, account);
    return account;
  }

  private loadTransfer(id: string, known: Map<string, Transfer>): boolean {
    const row = this.stmt.transfer.get(id);
    if (row === undefined) return false;
    known.set(id, transferFromRow(row));
    return true;
  }

  /** Another connection committed since our last transaction: cached balances may be stale. */
  private refreshCache(): void {
    const version = this.stmt.dataVersion.get()!;
    if (version !== this.dataVersion) this.cache.clear();
    this.dataVersion = version;
  }

  /** The planner's final account states become the cache, only once they are committed. */
  private adopt(accounts: readonly Account[]): void {
    for (const a of accounts) this.cache.set(a.id, a);
  }
}
