/**
 * The ledger suite. On each engine, each scenario on a fresh database:
 *
 * - `ceiling`: the fastest plain loop that writes what a transfer writes (one transfer row, two
 *   balance updates) 1,000 transfers per transaction, same tables, same durability. Every other
 *   scenario reports its throughput as a ratio to this one.
 * - `baseline.one_tx_per_transfer` (PostgreSQL): one transaction per transfer from 8 connections,
 *   the design group commit must beat.
 * - `ledger.uniform`: transfers between uniformly random distinct accounts through
 *   `Ledger.submitTransfers`, from many concurrent in-process submitters.
 * - `ledger.hot`: the same, but 90% of the transfers credit one account.
 */
import { sql } from "kysely";
import type pg from "pg";
import { Ledger, NO_TAGS, type AccountInput, type TransferInput } from "../src/ledger/index.js";
import type { Database, Engine, SqliteHandle } from "../src/store/index.js";
import {
  type BenchOptions,
  collectGarbage,
  emit,
  freshDatabase,
  Latencies,
  log,
  nowMs,
  random,
  round,
  sampleRss,
  type ScenarioReport,
  type Timed,
  timed,
} from "./harness.js";

const ACCOUNT_COUNT = 10_000;
/** Under SQLite's 32,766 bound variables per statement (11 columns per account). */
const ACCOUNTS_PER_REQUEST = 2_000;
const HOT_SHARE = 0.9;
const CEILING_BATCH_TRANSFERS = 1_000;
const BASELINE_CONNECTIONS = 8;
/** The one-transaction-per-transfer baseline is an order of magnitude slower: it runs fewer. */
const BASELINE_OPS_DIVISOR = 5;
/** Defaults keep each engine's suite within about two minutes on a busy 2-core machine. */
const OPS_DEFAULT: Readonly<Record<Engine, number>> = { sqlite: 300_000, postgres: 100_000 };
/**
 * 180 callers of 1..10 transfers (5.5 on average) keep about 1,000 transfers in flight, so the
 * ledger's batches are as large as the ceiling's 1,000-transfer transactions and the ratio between
 * them measures the ledger's own cost, not a difference in transaction size.
 */
const CONCURRENCY_DEFAULT = 180;
const CURRENCY = "CNY";
const CODE = 1;
const AMOUNT_MAX = 1_000;
const SEED = 42;

type Pick = "uniform" | "hot";

interface Measured extends Timed {
  readonly ops: number;
  readonly latencies: Latencies;
  readonly extra: Record<string, unknown>;
}

export async function run(options: BenchOptions): Promise<void> {
  for (const engine of options.engines) {
    const ops = options.ops ?? OPS_DEFAULT[engine];
    const ceiling = await scenario(engine, "ceiling", () => runCeiling(engine, options, ops), null);
    if (engine === "postgres") {
      const baselineOps = Math.max(1, Math.floor(ops / BASELINE_OPS_DIVISOR));
      await scenario(engine, "baseline.one_tx_per_transfer", () => runBaseline(options, baselineOps), ceiling);
    }
    await scenario(engine, "ledger.uniform", () => runLedger(engine, options, ops, "uniform"), ceiling);
    await scenario(engine, "ledger.hot", () => runLedger(engine, options, ops, "hot"), ceiling);
  }
}

/** Runs one measurement and prints its line; returns its throughput. */
async function scenario(engine: Engine, name: string, measure: () => Promise<Measured>, ceiling: number | null): Promise<number> {
  collectGarbage();
  log(`${engine} ${name}: running`);
  const m = await measure();
  const opsPerSec = m.ops / (m.elapsedMs / 1000);
  const ceilingOpsPerSec = ceiling ?? opsPerSec;
  const report: ScenarioReport = {
    name,
    engine,
    ops: m.ops,
    ops_per_sec: Math.round(opsPerSec),
    p50_ms: m.latencies.percentile(50),
    p99_ms: m.latencies.percentile(99),
    rss_mb_max: m.rssMbMax,
    ceiling_ops_per_sec: Math.round(ceilingOpsPerSec),
    ratio: round(opsPerSec / ceilingOpsPerSec, 3),
    elapsed_s: round(m.elapsedMs / 1000, 2),
    process_cpu_us_per_op: round((m.processCpuMs * 1000) / m.ops, 1),
    ...m.extra,
  };
  emit(report);
  return opsPerSec;
}

/** Transfers between accounts `acc_00000…`; the same stream for every scenario of a kind. */
class TransferStream {
  private readonly next = random(SEED);
  private sequence = 0;

  constructor(private readonly pick: Pick) {}

  transfer(): TransferInput {
    const [debit, credit] = this.pair();
    return {
      id: `tr_${(this.sequence++).toString(36).padStart(8, "0")}`,
      debitAccountId: accountId(debit),
      creditAccountId: accountId(credit),
      amount: BigInt(1 + Math.floor(this.next() * AMOUNT_MAX)),
      currency: CURRENCY,
      code: CODE,
      pendingId: null,
      timeoutS: 0,
      flags: 0,
      tags: NO_TAGS,
      metadata: null,
    };
  }

  requestSize(max: number): number {
    return 1 + Math.floor(this.next() * max);
  }

  private pair(): [number, number] {
    if (this.pick === "hot" && this.next() < HOT_SHARE) return [1 + Math.floor(this.next() * (ACCOUNT_COUNT - 1)), 0];
    const debit = Math.floor(this.next() * ACCOUNT_COUNT);
    const credit = Math.floor(this.next() * (ACCOUNT_COUNT - 1));
    return [debit, credit >= debit ? credit + 1 : credit];
  }
}

function accountId(n: number): string {
  return `acc_${n.toString().padStart(5, "0")}`;
}

async function createAccounts(ledger: Ledger): Promise<void> {
  for (let start = 0; start < ACCOUNT_COUNT; start += ACCOUNTS_PER_REQUEST) {
    const inputs: AccountInput[] = [];
    for (let n = start; n < Math.min(ACCOUNT_COUNT, start + ACCOUNTS_PER_REQUEST); n++) {
      inputs.push({ id: accountId(n), currency: CURRENCY, code: CODE, ownerRef: null, flags: 0, metadata: null });
    }
    const results = await ledger.createAccounts(inputs);
    if (results.some((r) => r.result !== "ok")) throw new Error("account creation failed");
  }
}

/** Accounts for the raw loops, created through the ledger so that they are the same rows. */
async function seedAccounts(db: Database): Promise<void> {
  const ledger = new Ledger(db, { expirySweep: false });
  try {
    await createAccounts(ledger);
  } finally {
    await ledger.close();
  }
}

/**
 * Callers modelled on an HTTP server under load: `concurrency` requests in flight at once (180 by
 * default, see CONCURRENCY_DEFAULT), each a payment of 1..requestTransfersMax transfers (a charge with
 * its fee and tax legs, or a merchant posting a few aggregated usage charges), the next one
 * submitted as soon as the previous one answered. Latency is submit → resolve of one request.
 * The service runs as shipped: default batch wait, expiry sweeper on.
 */
async function runLedger(engine: Engine, options: BenchOptions, ops: number, pick: Pick): Promise<Measured> {
  const bench = await freshDatabase(engine, options);
  const ledger = new Ledger(bench.db);
  try {
    await createAccounts(ledger);
    const stream = new TransferStream(pick);
    const latencies = new Latencies(ops);
    let issued = 0;
    let failed = 0;
    const submitter = async (): Promise<void> => {
      while (issued < ops) {
        const size = Math.min(ops - issued, stream.requestSize(options.requestTransfersMax));
        const request: TransferInput[] = [];
        for (let i = 0; i < size; i++) request.push(stream.transfer());
        issued += size;
        const started = nowMs();
        const results = await ledger.submitTransfers(request);
        latencies.record(nowMs() - started);
        for (const r of results) if (r.result !== "ok") failed++;
      }
    };
    const concurrency = options.concurrency ?? CONCURRENCY_DEFAULT;
    const t = await timed(() => Promise.all(Array.from({ length: concurrency }, submitter)).then(() => undefined));
    if (failed > 0) throw new Error(`${failed} transfers failed`);
    await verify(bench.db, ops);
    const stats = ledger.stats;
    const extra = {
      latency_of: "request",
      concurrency,
      request_transfers_max: options.requestTransfersMax,
      batches: stats.batches,
      transfers_per_batch: round(stats.transfers / stats.batches, 1),
    };
    return { ...t, ops, latencies, extra };
  } finally {
    await ledger.close();
    await bench.dispose();
  }
}

/** Every transfer landed once and the books balance. */
async function verify(db: Database, ops: number): Promise<void> {
  const count = await sql<{ n: bigint | string }>`SELECT count(*) AS n FROM ledger_transfers`.execute(db.db);
  const sums = await sql<{ d: bigint | string; c: bigint | string }>`
    SELECT sum(debits_posted) AS d, sum(credits_posted) AS c FROM ledger_accounts`.execute(db.db);
  const n = BigInt(count.rows[0]!.n);
  const { d, c } = sums.rows[0]!;
  if (n !== BigInt(ops) || BigInt(d) !== BigInt(c)) throw new Error(`verification failed: ${n} rows, debits ${d}, credits ${c}`);
}

async function runCeiling(engine: Engine, options: BenchOptions, ops: number): Promise<Measured> {
  const bench = await freshDatabase(engine, options);
  try {
    await seedAccounts(bench.db);
    const stream = new TransferStream("uniform");
    const latencies = new Latencies(Math.ceil(ops / CEILING_BATCH_TRANSFERS));
    const db = bench.db;
    const t = await timed(() =>
      db.engine === "sqlite" ? sqliteCeiling(db.sqlite, stream, ops, latencies) : postgresCeiling(db.pool, stream, ops, latencies),
    );
    await verify(bench.db, ops);
    return { ...t, ops, latencies, extra: { latency_of: `transaction of ${CEILING_BATCH_TRANSFERS}` } };
  } finally {
    await bench.dispose();
  }
}

const TRANSFER_COLUMNS =
  "id, debit_account_id, credit_account_id, amount, currency, code, pending_id, timeout_s, flags, expires_at, " +
  "pending_status, business_unit, cost_centre, session_id, intent_id, metadata, timestamp";

/**
 * Prepared single-row statements in one BEGIN IMMEDIATE … COMMIT per 1,000 transfers. (Measured
 * faster here than multi-row VALUES or json_each inserts: the B-tree work dominates, not the
 * calls into SQLite.)
 */
function sqliteCeiling(sqlite: SqliteHandle, stream: TransferStream, ops: number, latencies: Latencies): void {
  const begin = sqlite.prepare("BEGIN IMMEDIATE");
  const commit = sqlite.prepare("COMMIT");
  const insert = sqlite.prepare(
    `INSERT INTO ledger_transfers (${TRANSFER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?)`,
  );
  const debit = sqlite.prepare("UPDATE ledger_accounts SET debits_posted = debits_posted + ? WHERE id = ?");
  const credit = sqlite.prepare("UPDATE ledger_accounts SET credits_posted = credits_posted + ? WHERE id = ?");
  let timestamp = BigInt(Date.now()) * 1_000n;
  for (let done = 0; done < ops; ) {
    const started = nowMs();
    const size = Math.min(CEILING_BATCH_TRANSFERS, ops - done);
    begin.run();
    for (let i = 0; i < size; i++) {
      const t = stream.transfer();
      insert.run(t.id, t.debitAccountId, t.creditAccountId, t.amount, t.currency, t.code, timestamp++);
      debit.run(t.amount, t.debitAccountId);
      credit.run(t.amount, t.creditAccountId);
    }
    commit.run();
    done += size;
    latencies.record(nowMs() - started);
    sampleRss();
  }
}

const PG_CEILING_INSERT = `INSERT INTO ledger_transfers (${TRANSFER_COLUMNS})
  SELECT id, d, c, amount, currency, code, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ts
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::int4[], $7::int8[])
    AS v(id, d, c, amount, currency, code, ts)`;

const PG_CEILING_UPDATE = `UPDATE ledger_accounts AS a
  SET debits_posted = a.debits_posted + v.d, credits_posted = a.credits_posted + v.c
  FROM unnest($1::text[], $2::int8[], $3::int8[]) AS v(id, d, c) WHERE a.id = v.id`;

/**
 * One connection, one transaction per 1,000 transfers: one multi-row insert and one multi-row
 * update with each account's net change (an UPDATE … FROM applies one row per account).
 */
async function postgresCeiling(pool: pg.Pool, stream: TransferStream, ops: number, latencies: Latencies): Promise<void> {
  const client = await pool.connect();
  let timestamp = BigInt(Date.now()) * 1_000n;
  try {
    for (let done = 0; done < ops; ) {
      const started = nowMs();
      const size = Math.min(CEILING_BATCH_TRANSFERS, ops - done);
      const columns: string[][] = [[], [], [], [], [], [], []];
      const deltas = new Map<string, [bigint, bigint]>();
      for (let i = 0; i < size; i++) {
        const t = stream.transfer();
        const row = [t.id, t.debitAccountId!, t.creditAccountId!, t.amount!.toString(), t.currency!, String(t.code), (timestamp++).toString()];
        for (let k = 0; k < row.length; k++) columns[k]!.push(row[k]!);
        addDelta(deltas, t.debitAccountId!, t.amount!, 0);
        addDelta(deltas, t.creditAccountId!, t.amount!, 1);
      }
      const ids = [...deltas.keys()].sort();
      await client.query("BEGIN");
      await client.query(PG_CEILING_INSERT, columns);
      await client.query(PG_CEILING_UPDATE, [
        ids,
        ids.map((id) => deltas.get(id)![0].toString()),
        ids.map((id) => deltas.get(id)![1].toString()),
      ]);
      await client.query("COMMIT");
      done += size;
      latencies.record(nowMs() - started);
    }
  } finally {
    client.release();
  }
}

function addDelta(deltas: Map<string, [bigint, bigint]>, id: string, amount: bigint, side: 0 | 1): void {
  let d = deltas.get(id);
  if (d === undefined) deltas.set(id, (d = [0n, 0n]));
  d[side] += amount;
}

/**
 * What a service without group commit does: every transfer is its own transaction (insert, then
 * both balance updates in id order so that two transfers cannot deadlock), one fsync each, from
 * 8 connections at once.
 */
async function runBaseline(options: BenchOptions, ops: number): Promise<Measured> {
  const bench = await freshDatabase("postgres", options, BASELINE_CONNECTIONS);
  try {
    await seedAccounts(bench.db);
    if (bench.db.engine !== "postgres") throw new Error("the baseline runs on PostgreSQL");
    const pool = bench.db.pool;
    const stream = new TransferStream("uniform");
    const latencies = new Latencies(ops);
    let issued = 0;
    let timestamp = BigInt(Date.now()) * 1_000n;
    const connection = async (): Promise<void> => {
      const client = await pool.connect();
      try {
        while (issued < ops) {
          issued++;
          const t = stream.transfer();
          const started = nowMs();
          await oneTransaction(client, t, timestamp++);
          latencies.record(nowMs() - started);
        }
      } finally {
        client.release();
      }
    };
    const t = await timed(() => Promise.all(Array.from({ length: BASELINE_CONNECTIONS }, connection)).then(() => undefined));
    await verify(bench.db, ops);
    return { ...t, ops, latencies, extra: { latency_of: "transaction", connections: BASELINE_CONNECTIONS } };
  } finally {
    await bench.dispose();
  }
}

const BASELINE_INSERT = `INSERT INTO ledger_transfers (${TRANSFER_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, $7)`;
const BASELINE_DEBIT = "UPDATE ledger_accounts SET debits_posted = debits_posted + $1 WHERE id = $2";
const BASELINE_CREDIT = "UPDATE ledger_accounts SET credits_posted = credits_posted + $1 WHERE id = $2";

async function oneTransaction(client: pg.PoolClient, t: TransferInput, timestamp: bigint): Promise<void> {
  const amount = t.amount!.toString();
  const debit = [BASELINE_DEBIT, [amount, t.debitAccountId]] as const;
  const credit = [BASELINE_CREDIT, [amount, t.creditAccountId]] as const;
  const [first, second] = t.debitAccountId! < t.creditAccountId! ? [debit, credit] : [credit, debit];
  await client.query("BEGIN");
  await client.query(BASELINE_INSERT, [t.id, t.debitAccountId, t.creditAccountId, amount, t.currency, t.code, timestamp.toString()]);
  await client.query(first[0], [...first[1]]);
  await client.query(second[0], [...second[1]]);
  await client.query("COMMIT");
}
