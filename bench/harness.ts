/**
 * What every benchmark suite shares: fresh databases on each engine, peak-memory sampling,
 * latency percentiles, garbage collection between scenarios, and the one-JSON-line report.
 * Results go to stdout, one line per scenario; everything else goes to stderr.
 */
import fs from "node:fs";
import inspector from "node:inspector/promises";
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
  /** Concurrent in-process callers; null leaves each suite its own default. */
  readonly concurrency: number | null;
  /** Seconds each load-driven scenario is measured for; null leaves each suite its own default. */
  readonly durationS: number | null;
  /** Only the scenarios with these names (the others are skipped); null runs them all. */
  readonly scenarios: readonly string[] | null;
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

/**
 * A database seeded once and copied for each scenario, so that every scenario starts from the
 * same state without paying for the seeding again: a file copy on SQLite, CREATE DATABASE …
 * TEMPLATE on PostgreSQL. Whoever seeds it must have closed every connection to it before the
 * first `clone`.
 */
export interface DatabaseTemplate {
  /** A DATABASE_URL of the (empty, unmigrated) template, to seed it through. */
  readonly url: string;
  /** A fresh copy of the template; `dispose` deletes it. */
  clone(): Promise<{ readonly url: string; dispose(): Promise<void> }>;
  dispose(): Promise<void>;
}

/** How long CREATE DATABASE … TEMPLATE waits for the template's last connections to close. */
const TEMPLATE_BUSY_RETRIES_MAX = 50;
const TEMPLATE_BUSY_WAIT_MS = 100;

export async function databaseTemplate(engine: Engine, options: BenchOptions): Promise<DatabaseTemplate> {
  const name = `agentpay_bench_${randomBytes(6).toString("hex")}`;
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentpay-bench-"));
    const file = path.join(dir, `${name}.sqlite`);
    let copies = 0;
    return {
      url: `sqlite:${file}`,
      clone: async () => {
        const copy = path.join(dir, `copy-${copies++}.sqlite`);
        fs.copyFileSync(file, copy);
        const remove = async () => {
          for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${copy}${suffix}`, { force: true });
        };
        return { url: `sqlite:${copy}`, dispose: remove };
      },
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = options.pgAdminUrl;
  if (adminUrl === null) throw new Error("PostgreSQL scenarios need DATABASE_URL=postgres://…");
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const urlOf = (db: string): string => {
    const url = new URL(adminUrl);
    url.pathname = `/${db}`;
    return url.toString();
  };
  let copies = 0;
  return {
    url: urlOf(name),
    clone: async () => {
      const copy = `${name}_${copies++}`;
      await createFromTemplate(adminUrl, copy, name);
      return { url: urlOf(copy), dispose: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`) };
    },
    dispose: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The template's pool may still be closing its connections: PostgreSQL refuses to copy until they are gone. */
async function createFromTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      const busy = (error as { code?: unknown }).code === "55006";
      if (!busy || attempt >= TEMPLATE_BUSY_RETRIES_MAX) throw error;
      await new Promise((resolve) => setTimeout(resolve, TEMPLATE_BUSY_WAIT_MS));
    }
  }
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

/**
 * SQLite commits block the event loop, so timer samples land between batches. Reading RSS is a
 * system call: at 5 ms it took 3% of the payments server's main thread, at 20 ms under 1%.
 */
const RSS_SAMPLE_INTERVAL_MS = 20;

export interface Timed {
  readonly elapsedMs: number;
  readonly rssMbMax: number;
  /** CPU this process used (user + system): the database server's CPU is not in it. */
  readonly processCpuMs: number;
}

/**
 * Runs the timed part of a scenario: wall time, peak resident memory and this process's CPU.
 * With BENCH_CPU_PROFILE=<dir> set, the timed part (and only it) is also CPU-profiled into
 * `<dir>/<label>.cpuprofile`; summarise one with `tsx bench/profile.ts <file>`.
 */
export async function timed(work: () => Promise<void> | void, label = "scenario"): Promise<Timed> {
  const profiler = await startProfiler();
  rssBytesMax = 0;
  sampleRss();
  const sampler = setInterval(sampleRss, RSS_SAMPLE_INTERVAL_MS);
  const cpuBefore = process.cpuUsage();
  const started = nowMs();
  let elapsedMs: number;
  let cpu: NodeJS.CpuUsage;
  try {
    await work();
  } finally {
    clearInterval(sampler);
    elapsedMs = nowMs() - started;
    cpu = process.cpuUsage(cpuBefore);
    // Written after the measurement: serialising a profile takes a while.
    await profiler?.stop(label);
  }
  sampleRss();
  return { elapsedMs, rssMbMax: round(rssBytesMax / (1024 * 1024), 1), processCpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Sampling period of BENCH_CPU_PROFILE profiles: finer than the default 1 ms, still cheap. */
const PROFILE_SAMPLING_INTERVAL_US = 250;

async function startProfiler(): Promise<{ stop(label: string): Promise<void> } | null> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (dir === undefined || dir === "") return null;
  const session = new inspector.Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: PROFILE_SAMPLING_INTERVAL_US });
  await session.post("Profiler.start");
  return {
    stop: async (label) => {
      const { profile } = await session.post("Profiler.stop");
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${label}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      log(`profile: ${file}`);
    },
  };
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

/** What one scenario measured; `elapsedS` is the span throughput is counted over (the load generator's for HTTP). */
export interface Measured extends Timed {
  readonly ops: number;
  readonly errors: number;
  readonly elapsedS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly extra: Record<string, unknown>;
}

/** Runs one measurement and prints its JSON line, with its ratio to `ceiling` (itself when null); returns its throughput. */
export async function runScenario(
  engine: Engine,
  name: string,
  ceiling: { name: string; opsPerSec: number } | null,
  measure: () => Promise<Measured>,
): Promise<{ name: string; opsPerSec: number }> {
  collectGarbage();
  log(`${engine} ${name}: running`);
  const m = await measure();
  const opsPerSec = (m.ops - m.errors) / m.elapsedS;
  const report: ScenarioReport = {
    name,
    engine,
    ops: m.ops,
    errors: m.errors,
    ops_per_sec: Math.round(opsPerSec),
    p50_ms: m.p50Ms,
    p99_ms: m.p99Ms,
    rss_mb_max: m.rssMbMax,
    ceiling_ops_per_sec: Math.round(ceiling?.opsPerSec ?? opsPerSec),
    ratio: round(opsPerSec / (ceiling?.opsPerSec ?? opsPerSec), 3),
    ceiling_of: ceiling?.name ?? name,
    elapsed_s: round(m.elapsedS, 2),
    process_cpu_us_per_op: round((m.processCpuMs * 1000) / Math.max(1, m.ops), 2),
    ...m.extra,
  };
  emit(report);
  return { name, opsPerSec };
}
