/**
 * Reserve then settle over HTTP: the period's hold is placed at subscribe, usage draws its budget
 * down and is refused past it, a top-up raises it, the settlement captures exactly the fee, the
 * usage and the tax (first hold, then the top-up) and releases the rest, and the next period
 * starts with a new hold. Holds outlive neither the ledger's limit nor their period: a month is
 * covered by rotating the hold. Cancelling settles at once; a refused renewal hold ends the
 * subscription with nothing held.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { engines } from "./harness.js";
import { type Seeded, startServer, type TestServer } from "./http-harness.js";
import { merchantOf, walletOf } from "./fixtures/payments-world.js";
import {
  DAY_MS,
  expectInvoicesMatchLedger,
  expectStatus,
  getSubscription,
  merchant,
  meter,
  newKey,
  type Party,
  party,
  paymentsOf,
  plan,
  postingsOf,
  report,
  subscribed,
  sweep,
  T0_MS,
} from "./subscriptions-world.js";

const WEEK_MS = 7 * DAY_MS;
const TOP_UP = 1_000_000n;

describe.each(engines)("reserve then settle on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let shop: Seeded;
  let calls: any;
  let weekly: any;

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, billingWorker: false, webhookWorker: false });
    shop = await merchant(server, { tax_id: "CN91110000", tax_rate_bps: 600 });
    calls = await meter(server, shop);
    weekly = await plan(server, shop, {
      interval: "week",
      charging_mode: "reserve",
      reservation_amount: 2_000,
      flat_fee: "5",
      charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" } }],
    });
  });
  afterAll(async () => server.close());

  const topUp = (p: Party, id: string, amount: number, as = p.agent.key) =>
    server.call("POST", `/v1/subscriptions/${id}/reservation`, { amount }, { authorization: `Bearer ${as}`, "idempotency-key": newKey("top") });

  it("holds, draws down, refuses past the budget, tops up, settles exactly and holds again", async () => {
    clock.setMs(T0_MS);
    const p = await party(server, { interval: "week" });
    const sub = await subscribed(server, p, weekly.id);
    // 2,000 held covers ¥18.86 net with its 6% tax; less the ¥5 fee and a rounding unit: ¥13.85000001 of usage.
    expect(sub).toMatchObject({ status: "active", reservation: { amount: 2_000, usage_budget: "13.85000001", usage_consumed: "0.00" } });
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 2_000n, held: 2_000n });

    expect((await report(server, shop, sub.id, calls.event_type, 1_385)).accepted).toBe(1_385);
    const over = await report(server, shop, sub.id, calls.event_type, 1);
    expect(over.results[0].error.code).toBe("insufficient_reservation");

    const topped = await topUp(p, sub.id, 1_000);
    expectStatus(topped, 200);
    expect(topped.json).toMatchObject({ object: "reservation_top_up", payment: { status: "requires_capture", purpose: "subscription_top_up", amount: 1_000 } });
    expect(topped.json.subscription.reservation).toMatchObject({ usage_budget: "23.29000001", usage_consumed: "13.85" });
    expect((await report(server, shop, sub.id, calls.event_type, 100)).accepted).toBe(100);
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 3_000n, held: 3_000n });

    clock.setMs(T0_MS + WEEK_MS + 1_000);
    await sweep(server);
    // ¥5 fee + 1,485 calls at ¥0.01 = ¥19.85, + 6% = ¥21.04: 2,000 from the first hold, 104 from the top-up.
    const postings = await postingsOf(server, shop.key, sub.id);
    expect(postings.map((x) => [x.period.number, x.status, x.net_amount, x.tax_amount, x.total_amount])).toEqual([
      [1, "settled", 1_985, 119, 2_104],
      [2, "open", 0, 0, 0],
    ]);
    const payments = await paymentsOf(server, sub.id);
    expect(payments.map((x) => [x.purpose, x.status, Number(x.amount), Number(x.amount_captured)])).toEqual([
      ["subscription", "succeeded", 2_000, 2_000],
      ["subscription_top_up", "succeeded", 1_000, 104],
      ["subscription", "requires_capture", 2_000, 0],
    ]);
    expect(postings[0].payment_id).toBe(payments[0].id);
    expect(payments.slice(0, 2).every((x) => x.order_reference === postings[0].id)).toBe(true);
    // The next period is held again; what the first did not use went back.
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 2_104n - 2_000n, held: 2_000n });
    expect(await merchantOf(server, shop.id)).toMatchObject({ pending: 2_000n });
    const renewed = await getSubscription(server, p.agent.key, sub.id);
    expect(renewed).toMatchObject({ status: "active", current_period: { number: 2 }, reservation: { usage_budget: "13.85000001", usage_consumed: "0.00" } });
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(2_104n);
  });

  it("credits a top-up the user had to confirm once they approve it, and refuses a declined one with 402", async () => {
    clock.setMs(T0_MS);
    const p = await party(server, { interval: "week", mandate: { step_up_threshold: 2_500, budget_total: 6_000 } });
    const sub = await subscribed(server, p, weekly.id);
    const waiting = await topUp(p, sub.id, 3_000);
    expectStatus(waiting, 200);
    expect(waiting.json.payment).toMatchObject({ status: "requires_confirmation", purpose: "subscription_top_up" });
    expect(waiting.json.subscription.reservation.usage_budget).toBe("13.85000001");
    expectStatus(await server.callAs(p.user.key, "POST", `/v1/approvals/${waiting.json.payment.approval_id}/approve`), 200);
    await sweep(server);
    // 5,000 held: ¥47.16 net with its tax, less the fee and a rounding unit.
    expect((await getSubscription(server, p.agent.key, sub.id)).reservation.usage_budget).toBe("42.15000001");
    const over = await topUp(p, sub.id, 2_400, p.user.key);
    expectStatus(over, 402);
    expect(over.json.error).toMatchObject({ code: "payment_declined", decline_code: "over_budget_total" });
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 5_000n, held: 5_000n });
  });

  it("cancels at once: settles the period from its hold now and releases the rest", async () => {
    clock.setMs(T0_MS);
    const p = await party(server, { interval: "week" });
    const sub = await subscribed(server, p, weekly.id);
    await report(server, shop, sub.id, calls.event_type, 100);
    clock.setMs(T0_MS + DAY_MS);
    const canceled = await server.callAs(shop.key, "POST", `/v1/subscriptions/${sub.id}/cancel`, {});
    expectStatus(canceled, 200);
    expect(canceled.json).toMatchObject({ status: "canceled", cancel_reason: "requested_by_merchant" });
    // ¥5 fee + ¥1 of calls + 6%.
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 636n, held: 0n });
    expect((await postingsOf(server, p.user.key, sub.id)).map((x) => [x.status, x.total_amount])).toEqual([["settled", 636]]);
    clock.setMs(T0_MS + 2 * WEEK_MS);
    await sweep(server);
    expect(await paymentsOf(server, sub.id)).toHaveLength(1);
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(636n);
  });

  it("cancels at period end: settles then and places no new hold", async () => {
    clock.setMs(T0_MS);
    const p = await party(server, { interval: "week" });
    const sub = await subscribed(server, p, weekly.id);
    expectStatus(await server.callAs(p.user.key, "POST", `/v1/subscriptions/${sub.id}/cancel`, { at_period_end: true }), 200);
    await report(server, shop, sub.id, calls.event_type, 100);
    clock.setMs(T0_MS + WEEK_MS + 1_000);
    await sweep(server);
    expect(await getSubscription(server, p.user.key, sub.id)).toMatchObject({ status: "canceled", cancel_reason: "requested_by_user" });
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 636n, held: 0n });
    expect(await paymentsOf(server, sub.id)).toHaveLength(1);
  });

  it("ends the subscription when the renewal hold is refused, the period settled and nothing held", async () => {
    clock.setMs(T0_MS);
    const p = await party(server, { interval: "week", mandate: { not_after: new Date(T0_MS + 6 * DAY_MS).toISOString() } });
    const sub = await subscribed(server, p, weekly.id);
    await report(server, shop, sub.id, calls.event_type, 100);
    clock.setMs(T0_MS + WEEK_MS + 1_000);
    await sweep(server);
    const ended = await getSubscription(server, p.agent.key, sub.id);
    expect(ended).toMatchObject({ status: "canceled", cancel_reason: "mandate_expired", reservation: { usage_budget: "0.00" } });
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 636n, held: 0n });
    const postings = await postingsOf(server, p.user.key, sub.id);
    expect(postings.map((x) => [x.period.number, x.status, x.decline_code])).toEqual([
      [1, "settled", null],
      [2, "void", "mandate_expired"],
    ]);
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(636n);
  });

  it("refuses a reservation outside the mandate's range or too small for the fee, with nothing written", async () => {
    clock.setMs(T0_MS);
    const p = await party(server, { interval: "week", mandate: { amount_max: 5_000 } });
    const subscribe = (over: Record<string, unknown>) =>
      server.call(
        "POST",
        "/v1/subscriptions",
        { mandate_id: p.mandateId, plan_id: weekly.id, intent: { id: "int_r" }, ...over },
        { authorization: `Bearer ${p.agent.key}`, "idempotency-key": newKey("sub") },
      );
    const tooBig = await subscribe({ reservation_amount: 6_000 });
    expectStatus(tooBig, 400);
    expect(tooBig.json.error).toMatchObject({ code: "validation_error", param: "reservation_amount" });
    const tooSmall = await subscribe({ reservation_amount: 500 });
    expectStatus(tooSmall, 400);
    expect(tooSmall.json.error.param).toBe("reservation_amount");
    const list = await server.callAs(p.agent.key, "GET", "/v1/subscriptions");
    expect(list.json.data).toEqual([]);
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP, held: 0n });
  });

  it("covers a month longer than the ledger's longest hold by rotating it, and settles exactly", async () => {
    clock.setMs(T0_MS);
    const monthly = await plan(server, shop, {
      charging_mode: "reserve",
      reservation_amount: 2_000,
      flat_fee: "5",
      charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" } }],
    });
    const p = await party(server);
    const sub = await subscribed(server, p, monthly.id);
    const [first] = await paymentsOf(server, sub.id);
    // 10 March to 10 April is 31 days: the hold lasts as long as the ledger allows, under 30 days.
    expect(Number(first!.hold_expires_at)).toBeLessThan(T0_MS + 30 * DAY_MS);
    await report(server, shop, sub.id, calls.event_type, 500);
    clock.setMs(T0_MS + 28 * DAY_MS);
    await sweep(server);
    // What the month surely owes already (¥5 fee + ¥5 of calls, less a rounding unit) is taken; the rest held again.
    const rotated = await paymentsOf(server, sub.id);
    expect(rotated.map((x) => [x.purpose, x.status, Number(x.amount), Number(x.amount_captured)])).toEqual([
      ["subscription", "succeeded", 2_000, 999],
      ["subscription_top_up", "requires_capture", 1_001, 0],
    ]);
    expect(Number(rotated[1]!.hold_expires_at)).toBeGreaterThan(Date.parse("2027-04-10T04:00:00Z"));
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 2_000n, held: 1_001n });
    expect((await getSubscription(server, p.agent.key, sub.id)).reservation.usage_budget).toBe("13.85000001");
    await report(server, shop, sub.id, calls.event_type, 100);
    clock.setMs(Date.parse("2027-04-10T04:00:01Z"));
    await sweep(server);
    // ¥5 + ¥6 of calls + 6% = ¥11.66: 999 taken at the rotation, 167 now.
    const settled = await paymentsOf(server, sub.id);
    expect(settled.slice(0, 2).map((x) => [x.status, Number(x.amount_captured)])).toEqual([
      ["succeeded", 999],
      ["succeeded", 167],
    ]);
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 1_166n - 2_000n, held: 2_000n });
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(1_166n);
  });
});
