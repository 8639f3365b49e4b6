/**
 * What every benchmark suite shares: fresh databases on each engine, peak-memory sampling,
 * latency percentiles, garbage collection between scenarios, and the one-JSON-line report.
 * Results go to stdout, one line per scenario; everything else goes to stderr.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import pg from "pg";
import { type Database, type Engine, databaseConfigFrom, migrateToLatest, openDatabase } from "../src/store/index.js";

export interface BenchOptions {
  readonly engines: readonly Engine[];
  /** Overrides each scenario's default number of operations when set. */
  readonly ops: number | null;
  /** The PostgreSQL server to create benchmark databases on; null runs SQLite only. */
  readonly pgAdminUrl: string | null;
  /** Concurrent in-process submitters for the ledger scenarios. */
  readonly concurrency: number;
  /** Each request carries 1..requestTransfersMax transfers. */
  readonly requestTransfersMax: number;
}

export interface ScenarioReport {
  readonly name: string;
  readonly engine: Engine;
  readonly ops: number;
  readonly ops_per_sec: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly rss_mb_max: number;
  readonly ceiling_ops_per_sec: number;
  readonly ratio: number;
  readonly [extra: string]: unknown;
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function emit(report: ScenarioReport): void {
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** A fresh, migrated database that is deleted (file) or dropped (PostgreSQL) afterwards. */
export interface BenchDatabase {
  readonly db: Database;
  /** A DATABASE_URL that opens the same database. */
  readonly url: string;
  dispose(): Promise<void>;
}

export async function freshDatabase(engine: Engine, options: BenchOptions, poolSizeMax = 10): Promise<BenchDatabase> {
  const name = `agentpay_bench_${randomBytes(6).toString("hex")}`;
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentpay-bench-"));
    const url = `sqlite:${path.join(dir, `${name}.sqlite`)}`;
    const db = openDatabase(databaseConfigFrom(url));
    await migrateToLatest(db);
    return {
      db,
      url,
      dispose: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = options.pgAdminUrl;
  if (adminUrl === null) throw new Error("PostgreSQL scenarios need DATABASE_URL=postgres://…");
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openDatabase(databaseConfigFrom(url.toString(), poolSizeMax));
  await migrateToLatest(db);
  return {
    db,
    url: url.toString(),
    dispose: async () => {
      // The pool reports its ending once it has asked its connections to close, not once they
      // are closed; the forced drop may terminate one that is still closing. That is expected.
      if (db.engine === "postgres") db.pool.on("error", () => undefined);
      await db.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The peak resident memory seen since the current scenario started. */
let rssBytesMax = 0;

/** Records resident memory now; the timer below calls it, and loops that never yield call it too. */
export function sampleRss(): void {
  const rss = process.memoryUsage.rss();
  if (rss > rssBytesMax) rssBytesMax = rss;
}

/** SQLite commits block the event loop, so timer samples land between batches. */
const RSS_SAMPLE_INTERVAL_MS = 5;

export interface Timed {
  readonly elapsedMs: number;
  readonly rssMbMax: number;
  /** CPU this process used (user + system): the database server's CPU is not in it. */
  readonly processCpuMs: number;
}

/** Runs the timed part of a scenario: wall time, peak resident memory and this process's CPU. */
export async function timed(work: () => Promise<void> | void): Promise<Timed> {
  rssBytesMax = 0;
  sampleRss();
  const sampler = setInterval(sampleRss, RSS_SAMPLE_INTERVAL_MS);
  const cpuBefore = process.cpuUsage();
  const started = nowMs();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  const elapsedMs = nowMs() - started;
  const cpu = process.cpuUsage(cpuBefore);
  sampleRss();
  return { elapsedMs, rssMbMax: round(rssBytesMax / (1024 * 1024), 1), processCpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Latencies in milliseconds, kept in a preallocated array so that recording does not allocate. */
export class Latencies {
  private readonly values: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  record(ms: number): void {
    if (this.count < this.values.length) this.values[this.count++] = ms;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const sorted = this.values.slice(0, this.count).sort();
    const index = Math.min(this.count - 1, Math.ceil((p / 100) * this.count) - 1);
    return round(sorted[Math.max(0, index)]!, 3);
  }
}

export function nowMs(): number {
  return performance.now();
}

let gcFunction: (() => void) | null | undefined;

/** Collects garbage between scenarios so one scenario's garbage is not charged to the next. */
export function collectGarbage(): void {
  if (gcFunction === undefined) gcFunction = findGc();
  gcFunction?.();
}

function findGc(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed;
  try {
    // Not started with --expose-gc (tsx): expose it now; a fresh context picks the flag up.
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A small fast deterministic generator (mulberry32) so that runs are repeatable. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
