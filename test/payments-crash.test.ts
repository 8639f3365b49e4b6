/**
 * Crash safety of payments over HTTP: an AgentPay server process is killed with SIGKILL while
 * agents' payments are in flight. After a restart on the same database:
 * - every payment the client got a 200 for exists, succeeded, with its money moved exactly once;
 * - there is no half-payment: every succeeded payment has its ledger money leg, and every money
 *   leg belongs to a succeeded payment; wallet, merchant, budget and the ledger's zero sum agree;
 * - retrying every request with its same Idempotency-Key converges: the same payment for each
 *   one answered before, one payment per key, and no second movement of money.
 * Each round reuses the database the earlier rounds left behind.
 */
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ledgerBase } from "../src/payments/store.js";
import type { Database } from "../src/store/index.js";
import { killLiveServers, type ServerProcess, spawnServer } from "./fixtures/payments-process.js";
import { createTestDatabase, engines, type TestDatabase } from "./harness.js";

const OPERATOR_KEY = "sk_op_crash_test_key";
const REQUESTS = 240;
const CONCURRENCY = 24;
const TOP_UP = 100_000_000;
const BUDGET_TOTAL = 50_000_000;
const FEE_BPS = 100n;
/** Kill after so many answered payments plus a delay, so that the kills land at different moments. */
const KILLS = [
  { afterAnswers: 15, delayMs: 0 },
  { afterAnswers: 60, delayMs: 5 },
];

interface Api {
  (key: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
}

function apiAt(url: string): Api {
  return async (key, method, path, body, headers = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === "" ? null : JSON.parse(text) };
  };
}

interface Party {
  readonly id: string;
  readonly key: string;
}

interface World {
  readonly user: Party;
  readonly agent: Party;
  readonly merchant: Party;
  readonly mandateId: string;
}

async function created(api: Api, key: string, path: string, body: unknown, headers?: Record<string, string>): Promise<any> {
  const res = await api(key, "POST", path, body, headers);
  if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

async function party(api: Api, path: string, body: unknown): Promise<Party> {
  const object = await created(api, OPERATOR_KEY, path, body);
  const key = await created(api, OPERATOR_KEY, "/v1/keys", { principal: object.id });
  return { id: object.id, key: key.secret };
}

async function seed(api: Api, round: number): Promise<World> {
  const user = await party(api, "/v1/users", { name: `Crash ${round}`, residency_region: "cn", timezone: "Asia/Shanghai", kyc_level: 3 });
  const agent = await party(api, "/v1/agents", { user: user.id, display_name: `Crash agent ${round}` });
  const merchant = await party(api, "/v1/merchants", { legal_name: `Crash Shop ${round}`, country: "CN", category: "software" });
  await created(api, user.key, "/v1/topups", { amount: TOP_UP, currency: "CNY" }, { "idempotency-key": `top-${round}` });
  const mandate = await created(api, user.key, "/v1/mandates", {
    agent_id: agent.id,
    instruction: "Pay for my API calls",
    currency: "CNY",
    amount_max: 100_000,
    budget_total: BUDGET_TOTAL,
    not_after: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
  });
  return { user, agent, merchant, mandateId: mandate.id };
}

interface Request {
  readonly key: string;
  readonly body: Record<string, unknown>;
}

function requestsOf(w: World, round: number): Request[] {
  return Array.from({ length: REQUESTS }, (_, i) => ({
    key: `crash-${round}-${i}`,
    body: {
      mandate_id: w.mandateId,
      merchant_id: w.merchant.id,
      amount: 100 + ((i * 7919) % 900),
      currency: "CNY",
      order_reference: `o-${round}-${i}`,
      intent: { id: `int_${round}_${i}`, instruction: "pay for this call" },
    },
  }));
}

type Answer = { status: number; id: string | null } | "lost";

describe.each(engines)("payments survive a killed server on %s", (engine) => {
  let tdb: TestDatabase;
  let round = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
  });
  afterEach(killLiveServers);
  afterAll(async () => {
    killLiveServers();
    await tdb.drop();
  });

  /** Sends the requests CONCURRENCY at a time until `stop()` says so; records each answer (or its loss). */
  async function load(api: Api, w: World, requests: Request[], answers: Map<string, Answer>, stop: () => boolean, onAnswer: () => void): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (!stop() && next < requests.length) {
        const r = requests[next++]!;
        try {
          const res = await api(w.agent.key, "POST", "/v1/payments", r.body, { "idempotency-key": r.key });
          answers.set(r.key, { status: res.status, id: res.json?.id ?? res.json?.error?.payment?.id ?? null });
          onAnswer();
        } catch {
          answers.set(r.key, "lost");
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  /** The money of this round's payer, as the database holds it, with every cross-check. */
  async function verify(w: World, requests: Request[], answers: Map<string, Answer>): Promise<Map<string, string>> {
    const db: Database = await tdb.open();
    try {
      if (db.engine === "sqlite") expect(db.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      let rows = await db.db.selectFrom("payments").selectAll().where("agent_id", "=", w.agent.id).execute();
      const byKey = new Map(rows.map((r) => [r.idempotency_key!, r]));
      expect(byKey.size).toBe(rows.length);

      // Every 200 the client got is a succeeded payment, the same one.
      for (const [key, a] of answers) {
        if (a === "lost" || a.status !== 200) continue;
        expect(byKey.get(key), key).toMatchObject({ id: a.id, status: "succeeded" });
      }
      // A request killed before its money moved leaves only its claim (`processing`, no money leg:
      // checked below); its retry completes it.
      expect(rows.filter((r) => r.status !== "succeeded" && r.status !== "processing")).toEqual([]);

      // No half-payment: succeeded payments and money legs match one to one, amounts included.
      const legs = await db.db
        .selectFrom("ledger_transfers")
        .selectAll()
        .where("code", "=", 1001n)
        .where("debit_account_id", "=", `wallet:${w.user.id}:CNY`)
        .execute();
      const legsById = new Map(legs.map((l) => [l.id, l]));
      expect(legsById.size).toBe(legs.length);
      const claims = rows.filter((r) => r.status === "processing");
      for (const r of claims) expect(legsById.has(`${ledgerBase(w.agent.id, r.idempotency_key!)}:money`), `claim ${r.id}`).toBe(false);
      rows = rows.filter((r) => r.status === "succeeded");
      for (const r of rows) {
        const leg = legsById.get(`${ledgerBase(w.agent.id, r.idempotency_key!)}:money`);
        expect(leg, `money leg of ${r.id}`).toBeDefined();
        expect(leg!.amount).toBe(r.amount);
        expect(JSON.parse(leg!.metadata!).payment_id).toBe(r.id);
      }
      expect(legs.length).toBe(rows.length);
      const bodies = new Map(requests.map((r) => [r.key, BigInt(r.body.amount as number)]));
      for (const r of rows) expect(r.amount, r.idempotency_key!).toBe(bodies.get(r.idempotency_key!));

      // Balances follow: wallet, merchant (less fees), the mandate's total budget.
      const spent = rows.reduce((sum, r) => sum + r.amount, 0n);
      const fees = rows.reduce((sum, r) => sum + (r.amount * FEE_BPS) / 10_000n, 0n);
      const account = async (id: string) => db.db.selectFrom("ledger_accounts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const wallet = await account(`wallet:${w.user.id}:CNY`);
      expect(wallet.credits_posted - wallet.debits_posted).toBe(BigInt(TOP_UP) - spent);
      expect(wallet.debits_pending).toBe(0n);
      const merchant = await account(`merchant:${w.merchant.id}:CNY`);
      expect(merchant.credits_posted - merchant.debits_posted).toBe(spent - fees);
      const budget = await account(`budget:${w.mandateId}:total`);
      expect(budget.debits_posted).toBe(spent);

      // Every succeeded payment has exactly one payment.succeeded event.
      const events = await db.db.selectFrom("audit_events").select("payment_id").where("action", "=", "payment.succeeded").where("user_id", "=", w.user.id).execute();
      expect(events.length).toBe(rows.length);
      expect(new Set(events.map((e) => e.payment_id))).toEqual(new Set(rows.map((r) => r.id)));

      // The whole ledger still sums to zero, posted and pending.
      const sums = await sql<{ posted: string; pending: string }>`
        select sum(credits_posted - debits_posted) as posted, sum(credits_pending - debits_pending) as pending
        from ledger_accounts where currency = 'CNY'`.execute(db.db);
      expect(BigInt(sums.rows[0]!.posted)).toBe(0n);
      expect(BigInt(sums.rows[0]!.pending)).toBe(0n);
      return new Map(rows.map((r) => [r.idempotency_key!, r.id]));
    } finally {
      await db.close();
    }
  }

  it.each(KILLS)("SIGKILL $delayMs ms after $afterAnswers answers, then a restart and every request retried", async ({ afterAnswers, delayMs }) => {
    round++;
    const first: ServerProcess = await spawnServer(tdb.url, OPERATOR_KEY);
    const w = await seed(apiAt(first.url), round);
    const requests = requestsOf(w, round);
    const answers = new Map<string, Answer>();
    let answered = 0;
    let killed = false;
    let kill: Promise<unknown> | null = null;
    await load(apiAt(first.url), w, requests, answers, () => killed, () => {
      if (++answered === afterAnswers) {
        kill = new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => {
          killed = true;
          return first.kill();
        });
      }
    });
    expect(await kill).toMatchObject({ signal: "SIGKILL" });
    expect(answered).toBeGreaterThanOrEqual(afterAnswers);
    expect(answered).toBeLessThan(REQUESTS);
    expect([...answers.values()].filter((a) => a !== "lost" && a.status !== 200)).toEqual([]);
    const before = await verify(w, requests, answers);
    // The kill landed with requests in flight (committed or not, they were never answered).
    expect([...answers.values()].filter((a) => a === "lost").length).toBeGreaterThan(0);
    expect(before.size).toBeGreaterThanOrEqual([...answers.values()].filter((a) => a !== "lost").length);

    // Restart; retry every request, answered, lost or never sent, with its own key.
    const second = await spawnServer(tdb.url, OPERATOR_KEY);
    const retried = new Map<string, Answer>();
    await load(apiAt(second.url), w, requests, retried, () => false, () => undefined);
    for (const r of requests) {
      const a = retried.get(r.key)!;
      expect(a, r.key).toMatchObject({ status: 200 });
      const earlier = answers.get(r.key);
      if (earlier !== undefined && earlier !== "lost") expect((a as { id: string }).id, r.key).toBe(earlier.id);
      if (before.has(r.key)) expect((a as { id: string }).id, r.key).toBe(before.get(r.key));
    }
    // A second retry moves nothing more.
    const again = new Map<string, Answer>();
    await load(apiAt(second.url), w, requests.slice(0, 40), again, () => false, () => undefined);
    for (const [key, a] of again) expect(a).toEqual(retried.get(key));
    await second.kill();
    const after = await verify(w, requests, retried);
    expect(after.size).toBe(REQUESTS);
  });
});
