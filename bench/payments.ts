/**
 * The payments suite. On each engine, parties are seeded once through the API (100 merchants;
 * 1,000 users, each with a topped-up wallet, an agent with its own API key and a mandate with
 * generous budgets) and every scenario runs on a fresh copy of that database:
 *
 * - `ceiling.payment_chain`: what a payment writes and nothing else — its linked chain (budget
 *   legs, KYC day leg, money leg, fee leg) with the payment row and audit event as effects of
 *   the same batch — submitted to the Ledger by many concurrent in-process callers. The ceiling
 *   of `payments.inprocess`.
 * - `payments.inprocess`: `createPayment` through the runtime's services, no HTTP, by the same
 *   number of concurrent callers: one-step payments by the 1,000 agents across the 100
 *   merchants, a fresh idempotency key each.
 * - `baseline.http_minimal`: a bare Fastify route that validates the same body with the same zod
 *   schema and group-commits the same rows (chain, payment, audit event, idempotency record),
 *   with no authentication, mandate logic or risk. The ceiling of `payments.http`. (The real path
 *   writes its payment row twice: first the `processing` claim of the idempotency key.)
 * - `payments.http`: the real server (`buildApp`) on 127.0.0.1 under autocannon in a separate
 *   process, 64 connections: API-key auth, mandates, Idempotency-Key headers, audit.
 *
 * HTTP scenarios run a warm-up of 2,000 requests, then are measured for about `--duration`
 * seconds, in rounds of a set number of requests so that every request is answered and counted.
 * Latency is the load generator's, request to response. `ops` counts payments attempted, `errors`
 * the non-2xx answers and failed requests, `ops_per_sec` the payments that succeeded per second,
 * `process_cpu_us_per_op` this process's CPU per payment (over HTTP the server's, not the load
 * generator's). After each scenario the books are checked: exactly the succeeded payments landed,
 * each with its audit event (and stored response, over HTTP), and wallets, merchants and fee
 * revenue moved by their sums.
 */
import { fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { buildApp } from "../src/http/app.js";
import type { AppInstance } from "../src/http/types.js";
import { type CreatePaymentBody, createPayment } from "../src/payments/index.js";
import { openRuntime, type Runtime } from "../src/runtime.js";
import { databaseConfigFrom, type Engine } from "../src/store/index.js";
import type { FastifyInstance } from "fastify";
import type { LoadMessage, LoadPlan, LoadResult } from "./fixtures/load.js";
import { minimalApp, minimalPayment, type PayerContext, payerContexts } from "./fixtures/minimal.js";
import { checkBooks, PAYMENT_AMOUNT_MAX_MINOR, paymentBody, readBooks, type SeededParties, seedParties } from "./fixtures/seed.js";
import {
  type BenchOptions,
  type Measured,
  runScenario,
  type DatabaseTemplate,
  databaseTemplate,
  Latencies,
  log,
  nowMs,
  random,
  round,
  type Timed,
  timed,
} from "./harness.js";

const AGENT_COUNT = 1_000;
const MERCHANT_COUNT = 100;
const HTTP_CONNECTIONS = 64;
/**
 * Every agent pays at least once before the measurement (first-use account checks are not
 * measured); the second half of the warm-up sets the pace of the first measured round.
 */
const WARMUP_REQUESTS = 2_000;
const DURATION_S_DEFAULT = 12;
/** In-process callers: enough to keep the committer's batches full. */
const INPROCESS_CONCURRENCY_DEFAULT = 256;
/** In-process payments per scenario: about ten seconds at this machine's rates, under a second at the 50,000/s target. */
const INPROCESS_OPS_DEFAULT: Readonly<Record<Engine, number>> = { sqlite: 20_000, postgres: 15_000 };
/** PostgreSQL connections while seeding (scenarios run with the server's default pool). */
const SEED_POOL_SIZE = 32;
const OPERATOR_KEY = `sk_bench_${randomBytes(8).toString("hex")}`;
const LOAD_SCRIPT = fileURLToPath(new URL("./fixtures/load.ts", import.meta.url));

interface Seeded {
  readonly template: DatabaseTemplate;
  readonly parties: SeededParties;
}

export async function run(options: BenchOptions): Promise<void> {
  for (const engine of options.engines) {
    const seeded = await seed(engine, options);
    const wanted = (name: string): boolean => options.scenarios === null || options.scenarios.includes(name);
    try {
      const chain = wanted("ceiling.payment_chain") ? await runScenario(engine, "ceiling.payment_chain", null, () => runChainCeiling(seeded, options)) : null;
      if (wanted("payments.inprocess")) await runScenario(engine, "payments.inprocess", chain, () => runInprocess(seeded, options));
      const baseline = wanted("baseline.http_minimal") ? await runScenario(engine, "baseline.http_minimal", null, () => runHttp(seeded, options, "minimal")) : null;
      if (wanted("payments.http")) await runScenario(engine, "payments.http", baseline, () => runHttp(seeded, options, "real"));
    } finally {
      await seeded.template.dispose();
    }
  }
}

async function seed(engine: Engine, options: BenchOptions): Promise<Seeded> {
  const started = nowMs();
  const template = await databaseTemplate(engine, options);
  try {
    const parties = await seedThrough(template.url);
    log(`${engine}: seeded ${AGENT_COUNT} agents and ${MERCHANT_COUNT} merchants in ${round((nowMs() - started) / 1000, 1)} s`);
    return { template, parties };
  } catch (error) {
    await template.dispose();
    throw error;
  }
}

async function seedThrough(url: string): Promise<SeededParties> {
  const runtime = await openRuntime(databaseConfigFrom(url, SEED_POOL_SIZE), { webhookWorker: false });
  // Seeding is set-up, not measurement: on SQLite its thousands of small transactions skip the
  // fsync. Every scenario opens its copy afresh, with the shipped durability (synchronous=FULL).
  if (runtime.database.engine === "sqlite") runtime.database.sqlite.pragma("synchronous = OFF");
  try {
    const app = await buildApp({ ...runtime, operatorKey: OPERATOR_KEY });
    const parties = await seedParties(app, OPERATOR_KEY, AGENT_COUNT, MERCHANT_COUNT);
    await app.close();
    return parties;
  } finally {
    await runtime.close();
  }
}

/** A runtime as a server runs it (payment sweeper and hold expiry on) over a fresh copy of the seeded database. */
async function withRuntime<T>(seeded: Seeded, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const copy = await seeded.template.clone();
  try {
    const runtime = await openRuntime(databaseConfigFrom(copy.url), { webhookWorker: false });
    try {
      return await work(runtime);
    } finally {
      await runtime.close();
    }
  } finally {
    await copy.dispose();
  }
}

/** One-step payments in turn by every agent, each to a random merchant, with a random amount. */
class PaymentStream {
  private sequence = 0;
  private readonly next = random(11);

  constructor(
    private readonly parties: SeededParties,
    private readonly runTag: string,
  ) {}

  payment(): { agent: SeededParties["agents"][number]; body: CreatePaymentBody; key: string } {
    const n = this.sequence++;
    const agent = this.parties.agents[n % this.parties.agents.length]!;
    const merchantId = this.parties.merchantIds[Math.floor(this.next() * this.parties.merchantIds.length)]!;
    const amount = 1 + Math.floor(this.next() * PAYMENT_AMOUNT_MAX_MINOR);
    return { agent, body: paymentBody(agent.mandateId, merchantId, amount, `order-${n}`), key: `${this.runTag}-${n}` };
  }
}

/** `concurrency` callers each make `pay` calls back to back until `ops` have been issued. */
async function closedLoop(
  label: string,
  ops: number,
  concurrency: number,
  pay: () => Promise<boolean>,
): Promise<{ t: Timed; latencies: Latencies; failed: number }> {
  const latencies = new Latencies(ops);
  let issued = 0;
  let failed = 0;
  const caller = async (): Promise<void> => {
    while (issued < ops) {
      issued++;
      const started = nowMs();
      if (!(await pay())) failed++;
      latencies.record(nowMs() - started);
    }
  };
  const t = await timed(() => Promise.all(Array.from({ length: concurrency }, caller)).then(() => undefined), label);
  return { t, latencies, failed };
}

function inprocessResult(ops: number, concurrency: number, run: Awaited<ReturnType<typeof closedLoop>>, batches: number): Measured {
  return {
    ...run.t,
    ops,
    errors: run.failed,
    elapsedS: run.t.elapsedMs / 1000,
    p50Ms: run.latencies.percentile(50),
    p99Ms: run.latencies.percentile(99),
    extra: { latency_of: "payment", concurrency, payments_per_batch: round(ops / Math.max(1, batches), 1) },
  };
}

async function runChainCeiling(seeded: Seeded, options: BenchOptions): Promise<Measured> {
  return withRuntime(seeded, async (runtime) => {
    const payers = await payerContexts(runtime.database);
    const { ops, concurrency } = inprocessLoad(runtime.database.engine, options);
    const stream = new PaymentStream(seeded.parties, "chain");
    const before = await readBooks(runtime.database);
    const batchesBefore = runtime.ledger.stats.batches;
    const loop = await closedLoop(`${runtime.database.engine}-ceiling.payment_chain`, ops, concurrency, async () => {
      const { agent, body, key } = stream.payment();
      return (await minimalPayment(runtime.ledger, payerOf(payers, agent.mandateId), body, key)).ok;
    });
    checkBooks(before, await readBooks(runtime.database), { succeeded: ops - loop.failed, storesResponses: false });
    return inprocessResult(ops, concurrency, loop, runtime.ledger.stats.batches - batchesBefore);
  });
}

async function runInprocess(seeded: Seeded, options: BenchOptions): Promise<Measured> {
  return withRuntime(seeded, async (runtime) => {
    const { ops, concurrency } = inprocessLoad(runtime.database.engine, options);
    const stream = new PaymentStream(seeded.parties, "inprocess");
    const before = await readBooks(runtime.database);
    const batchesBefore = runtime.ledger.stats.batches;
    const loop = await closedLoop(`${runtime.database.engine}-payments.inprocess`, ops, concurrency, async () => {
      const { agent, body, key } = stream.payment();
      const actor = { type: "agent" as const, id: agent.agentId, userId: agent.userId };
      const result = await createPayment(runtime.payments, actor, body, key, null);
      return result.ok && result.value.status === "succeeded";
    });
    checkBooks(before, await readBooks(runtime.database), { succeeded: ops - loop.failed, storesResponses: false });
    return inprocessResult(ops, concurrency, loop, runtime.ledger.stats.batches - batchesBefore);
  });
}

function inprocessLoad(engine: Engine, options: BenchOptions): { ops: number; concurrency: number } {
  return { ops: options.ops ?? INPROCESS_OPS_DEFAULT[engine], concurrency: options.concurrency ?? INPROCESS_CONCURRENCY_DEFAULT };
}

function payerOf(payers: ReadonlyMap<string, PayerContext>, mandateId: string): PayerContext {
  const payer = payers.get(mandateId);
  if (payer === undefined) throw new Error(`no seeded payment for mandate ${mandateId}`);
  return payer;
}

/** Starts the server of a scenario on 127.0.0.1, drives it from the load generator and checks the books. */
async function runHttp(seeded: Seeded, options: BenchOptions, kind: "minimal" | "real"): Promise<Measured> {
  return withRuntime(seeded, async (runtime) => {
    const server: FastifyInstance | AppInstance =
      kind === "real" ? await buildApp({ ...runtime, operatorKey: OPERATOR_KEY }) : await minimalApp(runtime.ledger, await payerContexts(runtime.database));
    await server.listen({ port: 0, host: "127.0.0.1" });
    const before = await readBooks(runtime.database);
    let driven: Awaited<ReturnType<typeof drive>>;
    try {
      const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
      const label = `${runtime.database.engine}-${kind === "real" ? "payments.http" : "baseline.http_minimal"}`;
      driven = await drive(loadPlan(url, seeded.parties, options, kind), runtime, label);
    } finally {
      await server.close();
    }
    const { result, t, batches } = driven;
    checkBooks(before, await readBooks(runtime.database), { succeeded: result.warmup.ok + result.measured.ok, storesResponses: true });
    return httpResult(result, t, batches);
  });
}

function loadPlan(url: string, parties: SeededParties, options: BenchOptions, kind: string): LoadPlan {
  return {
    url,
    path: "/v1/payments",
    connections: HTTP_CONNECTIONS,
    warmupRequests: WARMUP_REQUESTS,
    durationS: options.durationS ?? DURATION_S_DEFAULT,
    runTag: `${kind}-${randomBytes(4).toString("hex")}`,
    agents: parties.agents.map((a) => ({ key: a.key, mandateId: a.mandateId })),
    merchantIds: parties.merchantIds,
  };
}

/** Forks the load generator; times (this process's memory and CPU) only the measured period. */
async function drive(plan: LoadPlan, runtime: Runtime, label: string): Promise<{ result: LoadResult; t: Timed; batches: number }> {
  const child = fork(LOAD_SCRIPT, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  try {
    const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`the load generator exited with ${code}`))));
    exited.catch(() => undefined);
    const message = (kind: LoadMessage["kind"]) =>
      Promise.race([exited, new Promise<LoadMessage>((resolve) => child.on("message", (m: LoadMessage) => m.kind === kind && resolve(m)))]);
    const warm = message("warm");
    const done = message("done");
    child.send(plan);
    await warm;
    const batchesBefore = runtime.ledger.stats.batches;
    let result: LoadResult | null = null;
    const t = await timed(async () => {
      const m = await done;
      if (m.kind === "done") result = m.result;
    }, label);
    if (result === null) throw new Error("the load generator answered no result");
    return { result, t, batches: runtime.ledger.stats.batches - batchesBefore };
  } finally {
    // It exits by itself once it has answered; this is for a run that failed halfway.
    if (child.exitCode === null) child.kill();
  }
}

function httpResult(r: LoadResult, t: Timed, batches: number): Measured {
  const m = r.measured;
  const ops = m.responses + m.errors;
  return {
    ...t,
    ops,
    errors: m.non2xx + m.errors,
    elapsedS: m.elapsedMs / 1000,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    extra: {
      latency_of: "http request",
      connections: HTTP_CONNECTIONS,
      warmup_requests: WARMUP_REQUESTS,
      status_codes: m.statusCodes,
      payments_per_batch: round(m.ok / Math.max(1, batches), 1),
    },
  };
}
