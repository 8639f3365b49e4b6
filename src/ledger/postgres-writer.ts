/**
 * PostgreSQL adapter of the ledger writer. Several AgentPay processes may commit batches at
 * once; correctness rests on one rule: a batch locks every account it may touch, in id order,
 * with one SELECT … ORDER BY id FOR UPDATE before it reads anything it decides on. Sorted
 * locking cannot deadlock, and a hold's status is re-read after the locks are held (its
 * accounts are locked too, so nobody can post it meanwhile).
 */
import type pg from "pg";
import { assert } from "../core/assert.js";
import { ACCOUNT_CACHE_SIZE_MAX, BATCH_RETRIES_MAX } from "./limits.js";
import { BatchPlanner, type BatchPlan, type LedgerOp, type OpResult } from "./plan.js";
import { preloadIds } from "./preload.js";
import { applyRowsPostgres } from "./row-writes.js";
import { accountFromRow, TRANSFER_COLUMNS, transferFromRow, transferValues } from "./rows.js";
import { type LedgerWriter, mayHideExisting } from "./storage.js";
import type { Timestamps } from "./timestamps.js";
import type { Account, Transfer } from "./types.js";

/** Serialization failure, deadlock, unique violation (a concurrent writer won a race): retry. */
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01", "23505"]);

const TRANSFER_TYPES = [
  "text", "text", "text", "int8", "text", "int4", "text", "int4", "int4",
  "int8", "text", "text", "text", "text", "text", "text", "int8",
] as const;

const INSERT_TRANSFERS = `INSERT INTO ledger_transfers (${TRANSFER_COLUMNS.join(", ")})
  SELECT * FROM unnest(${TRANSFER_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})
  ON CONFLICT (id) DO NOTHING RETURNING id`;

/** Also answers the row version the update wrote: this transaction's id, the same on every row. */
const UPDATE_ACCOUNTS = `WITH updated AS (UPDATE ledger_accounts AS a SET
  debits_pending = v.dp, debits_posted = v.dpo, credits_pending = v.cp, credits_posted = v.cpo, flags = v.flags
  FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::int8[], $6::int4[]) AS v(id, dp, dpo, cp, cpo, flags)
  WHERE a.id = v.id RETURNING a.xmin)
  SELECT xmin::text AS version FROM updated LIMIT 1`;

const LOCK_ACCOUNTS = "SELECT *, xmin::text AS version FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE";

/**
 * How long a row version this process wrote is trusted to mean "nobody wrote the row since":
 * far less than the time PostgreSQL needs to reuse a 32-bit transaction id.
 */
const OWN_VERSION_TRUST_MS_MAX = 60_000;

interface OwnVersion {
  readonly version: string;
  readonly writtenAtMs: number;
}

interface Locked {
  readonly accounts: Map<string, Account>;
  readonly versions: Map<string, string>;
}

const UPDATE_STATUSES = `UPDATE ledger_transfers AS t SET pending_status = v.status
  FROM unnest($1::text[], $2::text[]) AS v(id, status) WHERE t.id = v.id`;

const INSERT_HISTORY = `INSERT INTO ledger_account_history
  (account_id, timestamp, transfer_id, debits_pending, debits_posted, credits_pending, credits_posted)
  SELECT * FROM unnest($1::text[], $2::int8[], $3::text[], $4::int8[], $5::int8[], $6::int8[], $7::int8[])`;

/** The newest timestamp on any of the accounts: their transfers on either side and their history. */
const LATEST_TIMESTAMP = `SELECT max(greatest(
  (SELECT timestamp FROM ledger_transfers WHERE debit_account_id = a.id ORDER BY timestamp DESC LIMIT 1),
  (SELECT timestamp FROM ledger_transfers WHERE credit_account_id = a.id ORDER BY timestamp DESC LIMIT 1),
  (SELECT timestamp FROM ledger_account_history WHERE account_id = a.id ORDER BY timestamp DESC LIMIT 1))) AS latest
  FROM unnest($1::text[]) AS a(id)`;

export class PostgresLedgerWriter implements LedgerWriter {
  /** Per account, the row version our last commit on it wrote. */
  private readonly ownVersions = new Map<string, OwnVersion>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly timestamps: Timestamps,
  ) {}

  async commit(ops: readonly LedgerOp[]): Promise<OpResult[]> {
    const client = await this.pool.connect();
    try {
      return await this.commitWith(client, ops);
    } finally {
      client.release();
    }
  }

  close(): void {}

  private async commitWith(client: pg.PoolClient, ops: readonly LedgerOp[]): Promise<OpResult[]> {
    const known = new Map<string, Transfer>();
    const preload = [...preloadIds(ops)];
    for (let attempt = 0; ; attempt++) {
      await client.query("BEGIN");
      try {
        const outcome = await this.attempt(client, ops, preload, known);
        if (outcome !== null) {
          await client.query("COMMIT");
          this.adoptVersions(outcome.written, outcome.version);
          return outcome.results;
        }
        await client.query("ROLLBACK");
      } catch (error) {
        await client.query("ROLLBACK");
        const code = (error as { code?: unknown }).code;
        if (typeof code !== "string" || !RETRYABLE_SQLSTATES.has(code) || attempt + 1 >= BATCH_RETRIES_MAX) throw error;
      }
      if (attempt + 1 >= BATCH_RETRIES_MAX) throw new Error(`ledger batch did not converge after ${BATCH_RETRIES_MAX} attempts`);
    }
  }

  /** One try at the batch; null when it found ids that already exist and must be planned again. */
  private async attempt(
    client: pg.PoolClient,
    ops: readonly LedgerOp[],
    preload: readonly string[],
    known: Map<string, Transfer>,
  ): Promise<{ results: OpResult[]; written: readonly Account[]; version: string | null } | null> {
    await this.loadTransfers(client, preload, known);
    const locked = await this.lockAccounts(client, accountIds(ops, known));
    const accounts = locked.accounts;
    await this.followLatestTimestamp(client, locked);
    // Re-read holds now that their accounts are locked: a concurrent batch may have settled them.
    await this.loadTransfers(client, preload, known);
    const plan = new BatchPlanner(
      { account: (id) => accounts.get(id), transfer: (id) => known.get(id) },
      this.timestamps.nowUs(),
      () => this.timestamps.next(),
    ).plan(ops);
    const suspects: string[] = [];
    for (const op of plan.results) {
      if (op.kind === "transfers") for (const r of op.results) if (mayHideExisting(r) && !known.has(r.id)) suspects.push(r.id);
    }
    if ((await this.loadTransfers(client, suspects, known)) > 0) return null;
    const conflicts = await this.insertTransfers(client, plan.inserts);
    if (conflicts.length > 0) {
      await this.loadTransfers(client, conflicts, known);
      return null;
    }
    const written = stampedAccounts(plan, accounts);
    const version = await this.write(client, plan, written);
    return { results: plan.results, written, version };
  }

  private async loadTransfers(client: pg.PoolClient, ids: readonly string[], into: Map<string, Transfer>): Promise<number> {
    if (ids.length === 0) return 0;
    const { rows } = await client.query("SELECT * FROM ledger_transfers WHERE id = ANY($1::text[])", [ids]);
    for (const row of rows) into.set(row.id, transferFromRow(row));
    return rows.length;
  }

  private async lockAccounts(client: pg.PoolClient, ids: readonly string[]): Promise<Locked> {
    const locked: Locked = { accounts: new Map(), versions: new Map() };
    if (ids.length === 0) return locked;
    const { rows } = await client.query(LOCK_ACCOUNTS, [ids]);
    for (const row of rows) {
      locked.accounts.set(row.id, accountFromRow(row));
      locked.versions.set(row.id, row.version);
    }
    return locked;
  }

  /**
   * Another process may have stamped these accounts later than our clock reads; stamping after
   * it keeps each account's transfers and history in commit order. A statement of its own, run
   * once the locks are held, so that it sees what the lock holders before us committed.
   */
  private async followLatestTimestamp(client: pg.PoolClient, locked: Locked): Promise<void> {
    const nowMs = Date.now();
    const ids: string[] = [];
    for (const [id, version] of locked.versions) {
      const own = this.ownVersions.get(id);
      if (own === undefined || own.version !== version || nowMs - own.writtenAtMs > OWN_VERSION_TRUST_MS_MAX) ids.push(id);
    }
    if (ids.length === 0) return;
    const { rows } = await client.query<{ latest: bigint | null }>(LATEST_TIMESTAMP, [ids]);
    const latest = rows[0]?.latest;
    if (latest !== null && latest !== undefined) this.timestamps.observe(latest);
  }

  /** Inserts new transfers, sorted by id so that two writers meet in the same order; returns ids that already existed. */
  private async insertTransfers(client: pg.PoolClient, transfers: readonly Transfer[]): Promise<string[]> {
    if (transfers.length === 0) return [];
    const sorted = [...transfers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const columns: unknown[][] = TRANSFER_COLUMNS.map(() => []);
    for (const t of sorted) transferValues(t).forEach((v, i) => columns[i]!.push(toPg(v)));
    const { rows } = await client.query(INSERT_TRANSFERS, columns);
    const inserted = new Set(rows.map((r: { id: string }) => r.id));
    return sorted.filter((t) => !inserted.has(t.id)).map((t) => t.id);
  }

  /** Returns the row version the account updates wrote (null when there were none). */
  private async write(client: pg.PoolClient, plan: BatchPlan, a: readonly Account[]): Promise<string | null> {
    let version: string | null = null;
    if (a.length > 0) {
      const { rows } = await client.query<{ version: string }>(UPDATE_ACCOUNTS, [
        a.map((x) => x.id),
        a.map((x) => x.debitsPending.toString()),
        a.map((x) => x.debitsPosted.toString()),
        a.map((x) => x.creditsPending.toString()),
        a.map((x) => x.creditsPosted.toString()),
        a.map((x) => x.flags),
      ]);
      version = rows[0]?.version ?? null;
    }
    if (plan.statusUpdates.length > 0) {
      await client.query(UPDATE_STATUSES, [plan.statusUpdates.map((u) => u.id), plan.statusUpdates.map((u) => u.status)]);
    }
    if (plan.history.length > 0) {
      const h = plan.history;
      await client.query(INSERT_HISTORY, [
        h.map((x) => x.accountId),
        h.map((x) => x.timestamp.toString()),
        h.map((x) => x.transferId),
        h.map((x) => x.debitsPending.toString()),
        h.map((x) => x.debitsPosted.toString()),
        h.map((x) => x.creditsPending.toString()),
        h.map((x) => x.creditsPosted.toString()),
      ]);
    }
    await applyRowsPostgres(client, plan.rows);
    return version;
  }

  /** Remembers the row versions a committed batch wrote; see `followLatestTimestamp`. */
  private adoptVersions(written: readonly Account[], version: string | null): void {
    if (version === null) return;
    if (this.ownVersions.size + written.length > ACCOUNT_CACHE_SIZE_MAX) this.ownVersions.clear();
    const entry: OwnVersion = { version, writtenAtMs: Date.now() };
    for (const a of written) this.ownVersions.set(a.id, entry);
  }
}

/**
 * The accounts a batch rewrites: those it changed, and those it stamped yet left as they were (a
 * hold made and voided in the same batch), rewritten unchanged so that every stamp on an account
 * moves its row version.
 */
function stampedAccounts(plan: BatchPlan, locked: ReadonlyMap<string, Account>): Account[] {
  const written = new Map<string, Account>();
  for (const a of plan.accounts) written.set(a.id, a);
  const add = (id: string): void => {
    if (written.has(id)) return;
    const account = locked.get(id);
    assert(account !== undefined, "a stamped account was locked");
    written.set(id, account);
  };
  for (const t of plan.inserts) {
    add(t.debitAccountId);
    add(t.creditAccountId);
  }
  for (const h of plan.history) add(h.accountId);
  return [...written.values()];
}

function toPg(v: string | bigint | number | null): string | number | null {
  return typeof v === "bigint" ? v.toString() : v;
}

/** Every account a batch may touch: named by its transfers, or by the holds they settle. */
function accountIds(ops: readonly LedgerOp[], known: Map<string, Transfer>): string[] {
  const ids = new Set<string>();
  for (const op of ops) {
    if (op.kind === "expire") {
      for (const id of op.pendingIds) addHeld(ids, known.get(id));
      continue;
    }
    for (const t of op.transfers) {
      if (t.debitAccountId !== null) ids.add(t.debitAccountId);
      if (t.creditAccountId !== null) ids.add(t.creditAccountId);
      if (t.pendingId !== null) addHeld(ids, known.get(t.pendingId));
    }
  }
  return [...ids].sort();
}

function addHeld(ids: Set<string>, held: Transfer | undefined): void {
  if (held === undefined) return;
  ids.add(held.debitAccountId);
  ids.add(held.creditAccountId);
}
