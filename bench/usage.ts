/**
 * The usage suite: ingestion of metered usage events. On each engine one merchant with a `sum`
 * meter (tokens) and 100 subscriptions in arrears is seeded once, and every scenario runs on a
 * fresh copy of that database. Every batch holds 1,000 events, 10 per subscription, each with a
 * new id, the current time and `{"tokens": n}`:
 *
 * - `baseline.raw_insert`: the same event rows inserted with their dedup key (the primary key
 *   (subscription_id, event_id), ON CONFLICT DO NOTHING), 1,000 per transaction, with the same
 *   connection settings and durability (SQLite: WAL, synchronous=FULL; PostgreSQL:
 *   synchronous_commit=on), and nothing else: no validation, no subscription or meter lookup, no
 *   aggregation, no audit. SQLite: one prepared insert per row inside BEGIN IMMEDIATE … COMMIT;
 *   PostgreSQL: one INSERT … SELECT FROM json_to_recordset(…) ON CONFLICT DO NOTHING RETURNING per
 *   batch, the statement ingestion uses. The ceiling of both scenarios below.
 * - `usage.ingest`: `recordUsage` through the runtime's services, in-process, no HTTP, by 4
 *   concurrent callers: the shape of each event checked, subscriptions, meters and plan read,
 *   deduplication, the aggregate rows read and upserted, the batch's audit event. On SQLite the
 *   batches that wait while one commits share the next transaction (group commit, as the ledger
 *   does); `usage.ingest_serial` is the same with one caller, a transaction per batch like the
 *   baseline.
 * - `usage.ingest_http`: the real server (`buildApp`) on 127.0.0.1 driven by autocannon in a
 *   separate process (this file, forked with `--usage-load`): API-key authentication, JSON
 *   parsing of 1,000-event bodies, the same ingestion, the batch result serialised back.
 *
 * `ops` counts events, `ops_per_sec` events recorded per second, latencies are per batch
 * (request, over HTTP). After each scenario the store is checked: exactly the events reported
 * accepted are stored, and the aggregates count each of them once.
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { sql } from "kysely";
import { buildApp } from "../src/http/app.js";
import { openRuntime, type Runtime } from "../src/runtime.js";
import { type Database, databaseConfigFrom, type Engine, openDatabase } from "../src/store/index.js";
import { recordUsage } from "../src/usage/index.js";
import {
  type BenchOptions,
  type Measured,
  runScenario,
  type DatabaseTemplate,
  databaseTemplate,
  Latencies,
  log,
  nowMs,
  round,
  type Timed,
  timed,
} from "./harness.js";

const SUBSCRIPTION_COUNT = 100;
const BATCH_EVENTS = 1_000;
const EVENT_TYPE = "llm.tokens";
/** Events per in-process scenario by default: a few seconds at this machine's rates. */
const INGEST_EVENTS_DEFAULT: Readonly<Record<Engine, number>> = { sqlite: 300_000, postgres: 100_000 };
/**
 * In-process callers, as many as the HTTP scenario's connections: on SQLite the batches that
 * wait while one commits share the next transaction (group commit); on PostgreSQL they are
 * concurrent transactions. `usage.ingest_serial` runs one caller: a transaction per batch, as the
 * baseline.
 */
const INGEST_CONCURRENCY_DEFAULT = 4;
const HTTP_CONNECTIONS = 4;
const WARMUP_REQUESTS = 40;
const DURATION_S_DEFAULT = 10;
/** One measured autocannon run lasts about this long; runs repeat until the duration has passed. */
const ROUND_S = 2.5;
const ROUND_REQUESTS_MIN = 20;
const REQUEST_TIMEOUT_S = 30;
const LATENCY_SAMPLES_MAX = 1_000_000;
const OPERATOR_KEY = `sk_bench_${randomBytes(8).toString("hex")}`;
const LOAD_FLAG = "--usage-load";
const PERIOD_MS = 30 * 24 * 3_600_000;

interface Seeded {
  readonly template: DatabaseTemplate;
  readonly merchantId: string;
  readonly merchantKey: string;
  readonly meterId: string;
  readonly subscriptionIds: readonly string[];
  readonly periodStartMs: number;
}

export async function run(options: BenchOptions): Promise<void> {
  for (const engine of options.engines) {
    const seeded = await seed(engine, options);
    const wanted = (name: string): boolean => options.scenarios === null || options.scenarios.includes(name);
    try {
      const baseline = await runScenario(engine, "baseline.raw_insert", null, () => runRawInsert(seeded, options));
      if (wanted("usage.ingest")) await runScenario(engine, "usage.ingest", baseline, () => runIngest(seeded, options, false));
      if (wanted("usage.ingest_serial")) await runScenario(engine, "usage.ingest_serial", baseline, () => runIngest(seeded, options, true));
      if (wanted("usage.ingest_http")) await runScenario(engine, "usage.ingest_http", baseline, () => runHttp(seeded, options));
    } finally {
      await seeded.template.dispose();
    }
  }
}

// ---- seeding ----------------------------------------------------------------------------------

async function seed(engine: Engine, options: BenchOptions): Promise<Seeded> {
  const started = nowMs();
  const template = await databaseTemplate(engine, options);
  try {
    const runtime = await openRuntime(databaseConfigFrom(template.url), { webhookWorker: false, sweep: false });
    try {
      const seeded = await seedThrough(runtime, template);
      log(`${engine}: seeded a merchant, a meter and ${SUBSCRIPTION_COUNT} subscriptions in ${round((nowMs() - started) / 1000, 1)} s`);
      return seeded;
    } finally {
      await runtime.close();
    }
  } catch (error) {
    await template.dispose();
    throw error;
  }
}

async function seedThrough(runtime: Runtime, template: DatabaseTemplate): Promise<Seeded> {
  const app = await buildApp({ ...runtime, operatorKey: OPERATOR_KEY });
  const call = async (method: "POST", url: string, body: unknown, key = OPERATOR_KEY): Promise<Record<string, unknown>> => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, payload: JSON.stringify(body) });
    if (res.statusCode !== 200) throw new Error(`seeding ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  const merchantId = (await call("POST", "/v1/merchants", { legal_name: "Bench Tokens Ltd", country: "CN", category: "software" })).id as string;
  const merchantKey = (await call("POST", "/v1/keys", { principal: merchantId })).secret as string;
  const userId = (await call("POST", "/v1/users", { name: "Bench User", residency_region: "cn", timezone: "Asia/Shanghai" })).id as string;
  const agentId = (await call("POST", "/v1/agents", { user: userId, display_name: "Bench Agent" })).id as string;
  const meter = await call("POST", "/v1/meters", { name: "LLM tokens", event_type: EVENT_TYPE, aggregation: "sum", value_property: "tokens" }, merchantKey);
  await app.close();
  const periodStartMs = Date.now() - 24 * 3_600_000;
  const subscriptionIds = await insertSubscriptions(runtime.database, { merchantId, userId, agentId, meterId: meter.id as string, periodStartMs });
  return { template, merchantId, merchantKey, meterId: meter.id as string, subscriptionIds, periodStartMs };
}

/**
 * A plan billing the meter per token and its subscriptions, inserted directly: the suite
 * measures ingestion, and the rows carry what ingestion reads (merchant, plan, status, mode,
 * current period).
 */
async function insertSubscriptions(
  database: Database,
  s: { merchantId: string; userId: string; agentId: string; meterId: string; periodStartMs: number },
): Promise<string[]> {
  const now = BigInt(Date.now());
  const planId = "pln_bench_tokens";
  const charges = [{ meter_id: s.meterId, price: { model: "per_unit", unit_price: "0.0001" }, included_quantity: 0, limit_quantity: null }];
  await database.db
    .insertInto("plans")
    .values({
      id: planId, merchant_id: s.merchantId, name: "Tokens", description: null, currency: "CNY", interval: "month",
      billing_anchor: "anniversary", charging_mode: "arrears", flat_fee_fine: 0n, reservation_amount: null,
      charges: JSON.stringify(charges), status: "active", metadata: null, created_at: now, updated_at: now,
    })
    .execute();
  const ids = Array.from({ length: SUBSCRIPTION_COUNT }, (_, i) => `sub_bench_${String(i).padStart(22, "0")}`);
  await database.db
    .insertInto("subscriptions")
    .values(
      ids.map((id, i) => ({
        id, merchant_id: s.merchantId, plan_id: planId, user_id: s.userId, agent_id: s.agentId, mandate_id: `mdt_bench_${i}`,
        currency: "CNY", status: "active", charging_mode: "arrears", billing_anchor: "anniversary", timezone: "UTC",
        anchor_at: BigInt(s.periodStartMs), period_number: 1n, current_period_start: BigInt(s.periodStartMs),
        current_period_end: BigInt(s.periodStartMs + PERIOD_MS), cancel_at_period_end: 0n, cancel_reason: null, canceled_at: null,
        ended_at: null, reservation_amount: null, reserved_fine: 0n, consumed_fine: 0n, residual_fine: 0n, intent_id: "int_bench",
        intent_hash: null, idempotency_key: `bench-${i}`, request_hash: "bench", buyer: null, metadata: null, created_at: now, updated_at: now,
      })),
    )
    .execute();
  return ids;
}

// ---- events -----------------------------------------------------------------------------------

interface BenchEvent {
  id: string;
  subscription_id: string;
  type: string;
  timestamp: number;
  properties: { tokens: number };
}

/** Batches of 1,000 events, 10 per subscription, each with a new id and the current time. */
class EventStream {
  private sequence = 0;

  constructor(
    private readonly subscriptionIds: readonly string[],
    private readonly runTag: string,
  ) {}

  batch(): BenchEvent[] {
    const timestamp = Date.now() / 1000;
    const events = new Array<BenchEvent>(BATCH_EVENTS);
    for (let i = 0; i < BATCH_EVENTS; i++) {
      const n = this.sequence++;
      events[i] = { id: `${this.runTag}-${n}`, subscription_id: this.subscriptionIds[i % this.subscriptionIds.length]!, type: EVENT_TYPE, timestamp, properties: { tokens: 1 + (n % 997) } };
    }
    return events;
  }
}

// ---- scenarios --------------------------------------------------------------------------------

/** A fresh copy of the seeded database, opened as `work` wants it, deleted afterwards. */
async function withCopy<T>(seeded: Seeded, work: (url: string) => Promise<T>): Promise<T> {
  const copy = await seeded.template.clone();
  try {
    return await work(copy.url);
  } finally {
    await copy.dispose();
  }
}

function ingestLoad(engine: Engine, options: BenchOptions, concurrency = options.concurrency ?? INGEST_CONCURRENCY_DEFAULT): { batches: number; concurrency: number } {
  const events = options.ops ?? INGEST_EVENTS_DEFAULT[engine];
  return { batches: Math.max(1, Math.round(events / BATCH_EVENTS)), concurrency };
}

/** `concurrency` callers run `batch` back to back until `batches` have been issued. */
async function closedLoop(label: string, batches: number, concurrency: number, batch: () => Promise<number>): Promise<{ t: Timed; latencies: Latencies; accepted: number }> {
  const latencies = new Latencies(batches);
  let issued = 0;
  let accepted = 0;
  const caller = async (): Promise<void> => {
    while (issued < batches) {
      issued++;
      const started = nowMs();
      // Awaited first: `accepted += await …` would read `accepted` before the await and lose
      // what a concurrent caller added meanwhile.
      const n = await batch();
      accepted += n;
      latencies.record(nowMs() - started);
    }
  };
  const t = await timed(() => Promise.all(Array.from({ length: concurrency }, caller)).then(() => undefined), label);
  return { t, latencies, accepted };
}

function loopResult(batches: number, concurrency: number, loop: Awaited<ReturnType<typeof closedLoop>>): Measured {
  const ops = batches * BATCH_EVENTS;
  return {
    ...loop.t,
    ops,
    errors: ops - loop.accepted,
    elapsedS: loop.t.elapsedMs / 1000,
    p50Ms: loop.latencies.percentile(50),
    p99Ms: loop.latencies.percentile(99),
    extra: { latency_of: "batch of 1000 events", events_per_batch: BATCH_EVENTS, subscriptions: SUBSCRIPTION_COUNT, concurrency },
  };
}

async function runRawInsert(seeded: Seeded, options: BenchOptions): Promise<Measured> {
  return withCopy(seeded, async (url) => {
    const database = openDatabase(databaseConfigFrom(url));
    try {
      const engine = database.engine;
      // The baseline's rows are written synchronously: concurrent callers would only take turns.
      const { batches, concurrency } = ingestLoad(engine, options, engine === "sqlite" ? 1 : (options.concurrency ?? INGEST_CONCURRENCY_DEFAULT));
      const stream = new EventStream(seeded.subscriptionIds, "raw");
      const insert = rawInserter(database, seeded);
      const loop = await closedLoop(`${engine}-baseline.raw_insert`, batches, concurrency, () => insert(stream.batch()));
      await checkStored(database, loop.accepted, false);
      return loopResult(batches, concurrency, loop);
    } finally {
      await database.close();
    }
  });
}

/** Inserts one batch's rows as ingestion stores them, with nothing around it; answers how many were new. */
function rawInserter(database: Database, seeded: Seeded): (events: readonly BenchEvent[]) => Promise<number> {
  const columns = "subscription_id, event_id, meter_id, timestamp, period_start, quantity, group_key, status, properties, ingested_at";
  if (database.engine === "sqlite") {
    const { sqlite } = database;
    const begin = sqlite.prepare("BEGIN IMMEDIATE");
    const commit = sqlite.prepare("COMMIT");
    const insert = sqlite.prepare(`INSERT INTO usage_events (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    return async (events) => {
      const ingestedAt = Date.now();
      let inserted = 0;
      begin.run();
      for (const e of events) {
        const ms = Math.round(e.timestamp * 1000);
        inserted += insert.run(e.subscription_id, e.id, seeded.meterId, ms, seeded.periodStartMs, BigInt(e.properties.tokens), "[]", "confirmed", JSON.stringify(e.properties), ingestedAt).changes;
      }
      commit.run();
      return inserted;
    };
  }
  // The statement ingestion uses: the rows as one JSON document, ON CONFLICT DO NOTHING RETURNING.
  const types = "subscription_id text, event_id text, meter_id text, timestamp int8, period_start int8, quantity int8, group_key text, status text, properties text, ingested_at int8";
  return async (events) => {
    const ingestedAt = Date.now();
    const rows = events.map((e) => ({
      subscription_id: e.subscription_id, event_id: e.id, meter_id: seeded.meterId, timestamp: Math.round(e.timestamp * 1000), period_start: seeded.periodStartMs,
      quantity: e.properties.tokens, group_key: "[]", status: "confirmed", properties: JSON.stringify(e.properties), ingested_at: ingestedAt,
    }));
    const result = await database.transaction((trx) =>
      sql<{ event_id: string }>`INSERT INTO usage_events (${sql.raw(columns)}) SELECT ${sql.raw(columns)} FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(${sql.raw(types)})
        ORDER BY subscription_id, event_id ON CONFLICT DO NOTHING RETURNING subscription_id, event_id`.execute(trx),
    );
    return result.rows.length;
  };
}

async function runIngest(seeded: Seeded, options: BenchOptions, serial: boolean): Promise<Measured> {
  return withCopy(seeded, async (url) => {
    const runtime = await openRuntime(databaseConfigFrom(url), { webhookWorker: false });
    try {
      const engine = runtime.database.engine;
      const { batches, concurrency } = serial ? ingestLoad(engine, options, 1) : ingestLoad(engine, options);
      const stream = new EventStream(seeded.subscriptionIds, "inprocess");
      const merchant = { type: "merchant" as const, id: seeded.merchantId };
      const loop = await closedLoop(`${engine}-usage.ingest${serial ? "_serial" : ""}`, batches, concurrency, async () => {
        const result = await recordUsage(runtime.usage, merchant, stream.batch());
        return result.ok ? result.value.accepted : 0;
      });
      await checkStored(runtime.database, loop.accepted, true);
      return loopResult(batches, concurrency, loop);
    } finally {
      await runtime.close();
    }
  });
}

/** Exactly the accepted events are stored, and (after ingestion) the aggregates count each once. */
async function checkStored(database: Database, accepted: number, aggregated: boolean): Promise<void> {
  const one = async (query: ReturnType<typeof sql<{ v: bigint | string | number | null }>>): Promise<bigint> => BigInt((await query.execute(database.db)).rows[0]?.v ?? 0);
  const stored = await one(sql`SELECT count(*) AS v FROM usage_events`);
  const failures: string[] = [];
  if (stored !== BigInt(accepted)) failures.push(`${stored} events stored, ${accepted} accepted`);
  if (aggregated) {
    const counted = await one(sql`SELECT coalesce(sum(event_count), 0) AS v FROM usage_aggregates`);
    const tokens = await one(sql`SELECT coalesce(sum(quantity), 0) AS v FROM usage_aggregates`);
    const eventTokens = await one(sql`SELECT coalesce(sum(quantity), 0) AS v FROM usage_events`);
    if (counted !== stored) failures.push(`aggregates count ${counted} events, ${stored} stored`);
    if (tokens !== eventTokens) failures.push(`aggregates hold ${tokens} tokens, the events ${eventTokens}`);
  }
  if (failures.length > 0) throw new Error(`the usage store does not add up: ${failures.join("; ")}`);
}

// ---- HTTP -------------------------------------------------------------------------------------

interface LoadPlan {
  readonly url: string;
  readonly key: string;
  readonly subscriptionIds: readonly string[];
  readonly runTag: string;
  readonly durationS: number;
}

interface LoadPhase {
  readonly responses: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly statusCodes: Record<string, number>;
  readonly elapsedMs: number;
}

type LoadMessage =
  | { readonly kind: "warm" }
  | { readonly kind: "done"; readonly warmupOk: number; readonly measured: LoadPhase; readonly p50Ms: number; readonly p99Ms: number };

async function runHttp(seeded: Seeded, options: BenchOptions): Promise<Measured> {
  return withCopy(seeded, async (url) => {
    const runtime = await openRuntime(databaseConfigFrom(url), { webhookWorker: false });
    try {
      const app = await buildApp({ ...runtime, operatorKey: OPERATOR_KEY });
      await app.listen({ port: 0, host: "127.0.0.1" });
      let driven: { done: Extract<LoadMessage, { kind: "done" }>; t: Timed };
      try {
        const plan: LoadPlan = {
          url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
          key: seeded.merchantKey,
          subscriptionIds: seeded.subscriptionIds,
          runTag: `http-${randomBytes(4).toString("hex")}`,
          durationS: options.durationS ?? DURATION_S_DEFAULT,
        };
        driven = await drive(plan, `${runtime.database.engine}-usage.ingest_http`);
      } finally {
        await app.close();
      }
      const m = driven.done.measured;
      // Every answered 200 recorded its 1,000 events (their ids are new).
      await checkStored(runtime.database, (driven.done.warmupOk + m.ok) * BATCH_EVENTS, true);
      const ops = (m.responses + m.errors) * BATCH_EVENTS;
      return {
        ...driven.t,
        ops,
        errors: (m.non2xx + m.errors) * BATCH_EVENTS,
        elapsedS: m.elapsedMs / 1000,
        p50Ms: driven.done.p50Ms,
        p99Ms: driven.done.p99Ms,
        extra: { latency_of: "http request of 1000 events", events_per_batch: BATCH_EVENTS, subscriptions: SUBSCRIPTION_COUNT, connections: HTTP_CONNECTIONS, warmup_requests: WARMUP_REQUESTS, status_codes: m.statusCodes },
      };
    } finally {
      await runtime.close();
    }
  });
}

/** Forks the load generator; times (this process's memory and CPU) only the measured period. */
async function drive(plan: LoadPlan, label: string): Promise<{ done: Extract<LoadMessage, { kind: "done" }>; t: Timed }> {
  const child = fork(fileURLToPath(import.meta.url), [LOAD_FLAG], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  try {
    const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`the load generator exited with ${code}`))));
    exited.catch(() => undefined);
    const message = <K extends LoadMessage["kind"]>(kind: K) =>
      Promise.race([exited, new Promise<Extract<LoadMessage, { kind: K }>>((resolve) => child.on("message", (m: LoadMessage) => m.kind === kind && resolve(m as Extract<LoadMessage, { kind: K }>)))]);
    const warm = message("warm");
    const done = message("done");
    child.send(plan);
    await warm;
    let result: Extract<LoadMessage, { kind: "done" }> | null = null;
    const t = await timed(async () => {
      result = await done;
    }, label);
    if (result === null) throw new Error("the load generator answered no result");
    return { done: result, t };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

// ---- the load generator (a separate process) ----------------------------------------------------

/** Request bodies built as text: the generator must not be what limits the server. */
class BodyStream {
  private sequence = 0;
  constructor(private readonly plan: LoadPlan) {}

  body(): string {
    const timestamp = Date.now() / 1000;
    const subs = this.plan.subscriptionIds;
    const parts = new Array<string>(BATCH_EVENTS);
    for (let i = 0; i < BATCH_EVENTS; i++) {
      const n = this.sequence++;
      parts[i] = `{"id":"${this.plan.runTag}-${n}","subscription_id":"${subs[i % subs.length]}","type":"${EVENT_TYPE}","timestamp":${timestamp},"properties":{"tokens":${1 + (n % 997)}}}`;
    }
    return `{"events":[${parts.join(",")}]}`;
  }
}

async function phase(plan: LoadPlan, stream: BodyStream, requests: number, latencies: Float64Array | null): Promise<{ stats: LoadPhase; recorded: number }> {
  let recorded = 0;
  const started = nowMs();
  const instance = autocannon({
    url: plan.url,
    connections: HTTP_CONNECTIONS,
    amount: requests,
    timeout: REQUEST_TIMEOUT_S,
    requests: [
      {
        method: "POST",
        path: "/v1/usage_events",
        setupRequest: (req) => {
          req.headers = { "content-type": "application/json", authorization: `Bearer ${plan.key}` };
          req.body = stream.body();
          return req;
        },
      },
    ],
  });
  if (latencies !== null) {
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      if (recorded < latencies.length) latencies[recorded++] = responseTimeMs;
    });
  }
  const result = await instance;
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count;
  const ok = result["2xx"];
  return { stats: { responses: ok + result.non2xx, ok, non2xx: result.non2xx, errors: result.errors + result.timeouts, statusCodes, elapsedMs: nowMs() - started }, recorded };
}

function sumPhases(a: LoadPhase, b: LoadPhase): LoadPhase {
  const statusCodes: Record<string, number> = { ...a.statusCodes };
  for (const [code, count] of Object.entries(b.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return { responses: a.responses + b.responses, ok: a.ok + b.ok, non2xx: a.non2xx + b.non2xx, errors: a.errors + b.errors, statusCodes, elapsedMs: a.elapsedMs + b.elapsedMs };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[index]!, 3);
}

async function load(plan: LoadPlan): Promise<void> {
  const stream = new BodyStream(plan);
  const warm = await phase(plan, stream, WARMUP_REQUESTS, null);
  process.send!({ kind: "warm" } satisfies LoadMessage);
  const latencies = new Float64Array(LATENCY_SAMPLES_MAX);
  let recorded = 0;
  let measured: LoadPhase = { responses: 0, ok: 0, non2xx: 0, errors: 0, statusCodes: {}, elapsedMs: 0 };
  let ratePerS = warm.stats.responses / (warm.stats.elapsedMs / 1000);
  while (measured.elapsedMs < plan.durationS * 1000) {
    const roundS = Math.min(ROUND_S, plan.durationS - measured.elapsedMs / 1000);
    const requests = Math.max(ROUND_REQUESTS_MIN, HTTP_CONNECTIONS, Math.round(ratePerS * roundS));
    const r = await phase(plan, stream, requests, latencies.subarray(recorded));
    recorded += r.recorded;
    ratePerS = r.stats.responses / (r.stats.elapsedMs / 1000);
    measured = sumPhases(measured, r.stats);
  }
  const sorted = latencies.slice(0, recorded).sort();
  const done: LoadMessage = { kind: "done", warmupOk: warm.stats.ok, measured, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
  process.send!(done, () => process.exit(0));
}

if (process.argv.includes(LOAD_FLAG)) {
  process.once("message", (plan: LoadPlan) => {
    load(plan).catch((error: unknown) => {
      process.stderr.write(`usage load generator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
  });
}
