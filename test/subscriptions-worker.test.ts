/**
 * The billing worker under failure and concurrency: a pass that dies in the middle of a renewal
 * (here: inside the payment, after its idempotency key was claimed) is finished by the next pass
 * with one payment; two AgentPay processes sweeping the same database at once charge each period
 * exactly once; invoices equal the ledger throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { allowAllRisk, type RiskHook } from "../src/payments/index.js";
import { sweepSubscriptions } from "../src/subscriptions/index.js";
import { engines } from "./harness.js";
import { type Seeded, startServer, type TestServer } from "./http-harness.js";
import { walletOf } from "./fixtures/payments-world.js";
import {
  expectInvoicesMatchLedger,
  getSubscription,
  merchant,
  meter,
  party,
  paymentsOf,
  plan,
  postingsOf,
  report,
  subscribed,
  sweep,
  T0_MS,
} from "./subscriptions-world.js";

const APRIL_10 = Date.parse("2027-04-10T04:00:00Z");
const SUBSCRIPTIONS = 6;

describe.each(engines)("the billing worker on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let failNext = false;
  const risk: RiskHook = async (ctx) => {
    if (failNext) {
      failNext = false;
      throw new Error("the process died here");
    }
    return allowAllRisk(ctx);
  };
  let server: TestServer;
  let second: TestServer;
  let shop: Seeded;
  let calls: any;
  let pro: any;

  beforeAll(async () => {
    server = await startServer(engine, { clock, risk, sweep: false, billingWorker: false, webhookWorker: false });
    second = await startServer(engine, { clock, shareDatabaseOf: server, sweep: false, billingWorker: false, webhookWorker: false });
    shop = await merchant(server);
    calls = await meter(server, shop);
    pro = await plan(server, shop, { flat_fee: "10", charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" } }] });
  });
  afterAll(async () => {
    await second.close();
    await server.close();
  });

  it("finishes a renewal that died midway with a single payment", async () => {
    clock.setMs(T0_MS);
    const p = await party(server);
    const sub = await subscribed(server, p, pro.id);
    await report(server, shop, sub.id, calls.event_type, 30);
    clock.setMs(APRIL_10 + 1_000);
    failNext = true;
    await expect(sweep(server)).rejects.toThrow("the process died here");
    const stuck = await postingsOf(server, shop.key, sub.id);
    expect(stuck.find((x) => x.kind === "period" && x.period.number === 1)).toMatchObject({ status: "billing", total_amount: 1_030 });
    expect(await paymentsOf(server, sub.id)).toHaveLength(2);
    await sweep(server);
    await sweep(server);
    const payments = await paymentsOf(server, sub.id);
    expect(payments.map((x) => [x.status, Number(x.amount)])).toEqual([
      ["succeeded", 1_000],
      ["succeeded", 1_030],
    ]);
    expect(await getSubscription(server, p.agent.key, sub.id)).toMatchObject({ status: "active", current_period: { number: 2 } });
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 2_030n, held: 0n });
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(2_030n);
  });

  it("charges each period once when two processes sweep at the same time", async () => {
    clock.setMs(T0_MS);
    const subs: { p: Awaited<ReturnType<typeof party>>; sub: any }[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const p = await party(server);
      const sub = await subscribed(server, p, pro.id);
      await report(server, shop, sub.id, calls.event_type, 10 + i);
      subs.push({ p, sub });
    }
    clock.setMs(APRIL_10 + 1_000);
    await Promise.all([sweepSubscriptions(server.runtime.subscriptions), sweepSubscriptions(second.runtime.subscriptions), sweep(server)]);
    await Promise.all([sweep(server), sweepSubscriptions(second.runtime.subscriptions)]);
    for (const [i, { p, sub }] of subs.entries()) {
      const payments = await paymentsOf(server, sub.id);
      expect(payments.map((x) => [x.status, Number(x.amount)])).toEqual([
        ["succeeded", 1_000],
        ["succeeded", 1_010 + i],
      ]);
      const postings = await postingsOf(server, p.user.key, sub.id);
      expect(postings.map((x) => [x.kind, x.period.number, x.status])).toEqual([
        ["period", 1, "settled"],
        ["opening", 1, "settled"],
        ["period", 2, "open"],
      ]);
      await expectInvoicesMatchLedger(server, sub.id);
    }
  });
});
