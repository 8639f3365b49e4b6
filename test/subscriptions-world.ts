/**
 * Shared set-up of the subscriptions suites: a merchant with meters and plans, a funded user
 * whose agent holds a recurring mandate, usage reported through the API, the billing worker
 * driven by hand, and read-backs of what the ledger, the payments and the invoices hold.
 */
import { expect } from "vitest";
import { sweepSubscriptions } from "../src/subscriptions/index.js";
import { type Seeded, seedAgent, seedMerchant, seedUser, type TestServer } from "./http-harness.js";
import { DAY_MS, expectStatus, grantMandate, newKey, topUp } from "./fixtures/payments-world.js";

export { DAY_MS, expectStatus, newKey };

/** Wednesday 2027-03-10 12:00 in Asia/Shanghai: mid-month, mid-week. */
export const T0_MS = Date.parse("2027-03-10T04:00:00Z");

export interface Party {
  readonly user: Seeded;
  readonly agent: Seeded;
  readonly mandateId: string;
}

export async function merchant(server: TestServer, body: Record<string, unknown> = {}): Promise<Seeded> {
  return seedMerchant(server, { legal_name: "Cloud API Ltd", country: "CN", category: "software", ...body });
}

export async function meter(server: TestServer, m: Seeded, body: Record<string, unknown> = {}): Promise<any> {
  const res = await server.callAs(m.key, "POST", "/v1/meters", {
    name: "API calls",
    event_type: `call_${newKey("t").replace(/[^a-z0-9]/gi, "_")}`,
    aggregation: "count",
    ...body,
  });
  expectStatus(res, 200);
  return res.json;
}

export async function plan(server: TestServer, m: Seeded, body: Record<string, unknown>): Promise<any> {
  const res = await server.callAs(m.key, "POST", "/v1/plans", { name: "Pro", currency: "CNY", interval: "month", ...body });
  expectStatus(res, 200);
  return res.json;
}

/** A funded user, their agent and a mandate recurring every `interval` (more constraints in `mandate`). */
export async function party(
  server: TestServer,
  options: { topUp?: number; interval?: string; mandate?: Record<string, unknown> } = {},
): Promise<Party> {
  const user = await seedUser(server, { name: "Payer", kyc_level: 3 });
  const agent = await seedAgent(server, user);
  await topUp(server, user, options.topUp ?? 1_000_000);
  const recurrence = { frequency: options.interval ?? "month" };
  const m = await grantMandate(server, user, agent.id, { recurrence, ...options.mandate });
  return { user, agent, mandateId: m.id };
}

export function subscribe(
  server: TestServer,
  p: Party,
  planId: string,
  over: Record<string, unknown> = {},
  key = newKey("sub"),
): Promise<{ status: number; json: any }> {
  const body = { mandate_id: p.mandateId, plan_id: planId, intent: { id: "int_sub", instruction: "subscribe me to the Pro API plan" }, ...over };
  return server.call("POST", "/v1/subscriptions", body, { authorization: `Bearer ${p.agent.key}`, "idempotency-key": key });
}

export async function subscribed(server: TestServer, p: Party, planId: string, over: Record<string, unknown> = {}): Promise<any> {
  const res = await subscribe(server, p, planId, over);
  expectStatus(res, 200);
  return res.json;
}

const BATCH_EVENTS_MAX = 1_000;

/** Reports `count` events of `type` now, as the merchant, in batches; answers the batches' results summed. */
export async function report(
  server: TestServer,
  m: Seeded,
  subscriptionId: string,
  type: string,
  count: number,
  extra: Record<string, unknown> = {},
): Promise<{ accepted: number; rejected: number; results: any[]; ids: string[] }> {
  const prefix = newKey("ev");
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const total = { accepted: 0, rejected: 0, results: [] as any[], ids };
  for (let start = 0; start < count; start += BATCH_EVENTS_MAX) {
    const events = ids.slice(start, start + BATCH_EVENTS_MAX).map((id) => ({ id, subscription_id: subscriptionId, type, ...extra }));
    const res = await server.callAs(m.key, "POST", "/v1/usage_events", { events });
    expect([200, 402], JSON.stringify(res.json)).toContain(res.status);
    const batch = res.status === 200 ? res.json : res.json.error;
    total.accepted += batch.accepted ?? 0;
    total.rejected += batch.rejected ?? events.length;
    total.results.push(...(batch.results ?? [{ error: { code: res.json.error.code } }]));
  }
  return total;
}

/** One billing worker pass, as the background worker would run it. */
export async function sweep(server: TestServer): Promise<number> {
  return sweepSubscriptions(server.runtime.subscriptions);
}

export async function getSubscription(server: TestServer, key: string, id: string): Promise<any> {
  const res = await server.callAs(key, "GET", `/v1/subscriptions/${id}`);
  expectStatus(res, 200);
  return res.json;
}

export async function postingsOf(server: TestServer, key: string, subscriptionId: string): Promise<any[]> {
  const res = await server.callAs(key, "GET", `/v1/billing_postings?subscription_id=${subscriptionId}&limit=100`);
  expectStatus(res, 200);
  return (res.json.data as any[]).reverse();
}

/** The subscription's payments (oldest first) as the payments table holds them. */
export async function paymentsOf(server: TestServer, subscriptionId: string): Promise<any[]> {
  return server.runtime.database.db
    .selectFrom("payments")
    .selectAll()
    .where("subscription_id", "=", subscriptionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function invoicesOf(server: TestServer, subscriptionId: string): Promise<any[]> {
  return server.runtime.database.db.selectFrom("invoices").selectAll().where("subscription_id", "=", subscriptionId).orderBy("id").execute();
}

/**
 * Invoices equal ledger postings: what the subscription's paid invoices total, less its paid
 * credit notes, is what its payments captured less what was refunded. And per posting: one that
 * was refused (void, uncollectible) moved nothing net on its own payments, and one settled moved
 * its total less the credits settled against its period — so money moved under a posting that
 * has no paid invoice for it cannot hide behind another posting's.
 */
export async function expectInvoicesMatchLedger(server: TestServer, subscriptionId: string): Promise<bigint> {
  const invoices = await invoicesOf(server, subscriptionId);
  const invoiced = invoices
    .filter((i) => i.status === "paid")
    .reduce((sum, i) => sum + (i.type_code === "381" ? -1n : 1n) * BigInt(i.total_amount), 0n);
  const payments = await paymentsOf(server, subscriptionId);
  const net = (p: any) => BigInt(p.amount_captured) - BigInt(p.amount_refunded);
  const moved = payments.reduce((sum, p) => sum + net(p), 0n);
  expect(invoiced).toBe(moved);
  const postings = await server.runtime.database.db.selectFrom("billing_postings").selectAll().where("subscription_id", "=", subscriptionId).execute();
  const credited = (n: bigint) =>
    postings.filter((c) => c.kind === "credit" && c.status === "settled" && c.period_number === n).reduce((sum, c) => sum - BigInt(c.total_amount), 0n);
  for (const p of postings.filter((x) => x.kind !== "credit")) {
    const own = payments.filter((x) => x.order_reference === p.id).reduce((sum, x) => sum + net(x), 0n);
    const label = `${p.kind} ${p.period_number} (${p.status})`;
    if (p.status === "void" || p.status === "uncollectible") expect(own, label).toBe(0n);
    if (p.status === "settled") expect(own, label).toBe(BigInt(p.total_amount) - (p.kind === "period" ? credited(p.period_number) : 0n));
    if (p.status === "settled" && BigInt(p.total_amount) > 0n) expect(invoices.some((i) => i.posting_id === p.id && i.status === "paid"), label).toBe(true);
  }
  return moved;
}

/**
 * The subscriptions' dependencies with a hook on their database's transactions: `before` runs
 * once just before the next transaction (a concurrent writer landing between a read and its
 * write), and transaction number `failOn` throws instead (the process dies there).
 */
export function hooked(server: TestServer): { deps: TestServer["runtime"]["subscriptions"]; state: { before: (() => Promise<void>) | null; failOn: number; calls: number } } {
  const real = server.runtime.subscriptions;
  const state: { before: (() => Promise<void>) | null; failOn: number; calls: number } = { before: null, failOn: -1, calls: 0 };
  const database = new Proxy(real.database, {
    get(target, key) {
      if (key === "transaction") {
        return async (fn: any) => {
          state.calls++;
          if (state.calls === state.failOn) throw new Error("the process died here");
          if (state.before !== null) {
            const hook = state.before;
            state.before = null;
            await hook();
          }
          return target.transaction(fn);
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { deps: { ...real, database }, state };
}
