/**
 * Subscriptions under crashes and races, each a regression of a defect found in review:
 * - a first fee charged before a crash is settled with its invoice, even once canceled (1);
 * - a reservation that no longer covers the fee at the current tax rate ends the renewal
 *   before any hold; holds that cannot pay a period capture nothing (2);
 * - a credit is never voided once money moved, nor refunded beyond what is refundable (3);
 * - cancelling withdraws an arrears renewal waiting for the user; its usage is billed alone (4);
 * - a renewal processed late keeps the recurrence slot it was due in (5);
 * - no writer overwrites the usage counters or the residual from a stale snapshot (6);
 * - a settlement's own refund is not bound by the merchant's refund window (8).
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { cancelSubscription, subscribe as subscribeService } from "../src/subscriptions/index.js";
import { engines } from "./harness.js";
import { type Seeded, startServer, type TestServer } from "./http-harness.js";
import { walletOf } from "./fixtures/payments-world.js";
import {
  DAY_MS,
  expectInvoicesMatchLedger,
  expectStatus,
  getSubscription,
  hooked,
  invoicesOf,
  merchant,
  meter,
  newKey,
  party,
  paymentsOf,
  plan,
  postingsOf,
  report,
  subscribed,
  sweep,
  T0_MS,
} from "./subscriptions-world.js";

const FUNDS = 1_000_000n;
const APRIL_10 = Date.parse("2027-04-10T04:00:00Z");

describe.each(engines)("subscriptions under crashes and races on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer | null = null;
  let shop: Seeded;

  async function start(payments: Record<string, unknown> = {}, atMs = T0_MS): Promise<TestServer> {
    clock.setMs(atMs);
    server = await startServer(engine, { clock, sweep: false, billingWorker: false, webhookWorker: false, payments });
    shop = await merchant(server, { tax_id: "CN91110000", tax_rate_bps: 600 });
    return server;
  }
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  const reverse = (s: TestServer, subscriptionId: string, ids: string[]) =>
    s.callAs(shop.key, "POST", "/v1/usage_events/reverse", { subscription_id: subscriptionId, event_ids: ids });
  const refundsOf = (s: TestServer, paymentId: string) =>
    s.runtime.database.db.selectFrom("refunds").select(["amount", "reason"]).where("payment_id", "=", paymentId).orderBy("created_at").execute();

  it("settles a first fee charged before a crash, with its invoice, though the subscription was canceled before the retry", async () => {
    const s = await start();
    const pro = await plan(s, shop, { flat_fee: "10" });
    const p = await party(s);
    const { deps, state } = hooked(s);
    state.failOn = 3; // 1 writes the subscription, 2 freezes the first fee, 3 would record it settled
    const body = { mandate_id: p.mandateId, plan_id: pro.id, intent: { id: "int_sub" } } as any;
    const agent = { type: "agent", id: p.agent.id, userId: p.user.id } as const;
    await expect(subscribeService(deps, agent, body, newKey("sub"), null)).rejects.toThrow("the process died here");
    const [row] = await s.runtime.database.db.selectFrom("subscriptions").select(["id", "status"]).where("agent_id", "=", p.agent.id).execute();
    expect(row!.status).toBe("incomplete");
    expect((await paymentsOf(s, row!.id)).map((x) => [x.status, Number(x.amount_captured)])).toEqual([["succeeded", 1_060]]);

    expectStatus(await s.callAs(p.user.key, "POST", `/v1/subscriptions/${row!.id}/cancel`, { at_period_end: false }), 200);
    clock.setMs(T0_MS + 40 * DAY_MS);
    await sweep(s);
    const postings = await postingsOf(s, p.user.key, row!.id);
    expect(postings.find((x) => x.kind === "opening")).toMatchObject({ status: "settled", total_amount: 1_060 });
    expect((await invoicesOf(s, row!.id)).map((i) => [i.status, Number(i.total_amount)])).toEqual([["paid", 1_060]]);
    expect(await walletOf(s, p.user.id)).toEqual({ available: FUNDS - 1_060n, held: 0n });
    expect(await expectInvoicesMatchLedger(s, row!.id)).toBe(1_060n);
  });

  it("ends a reserve renewal before any hold when the tax rate rose past what the reservation covers", async () => {
    const s = await start();
    const weekly = await plan(s, shop, { interval: "week", charging_mode: "reserve", flat_fee: "5" });
    const p = await party(s, { interval: "week" });
    const sub = await subscribed(s, p, weekly.id, { reservation_amount: 532 });
    expectStatus(await s.call("POST", `/v1/merchants/${shop.id}`, { tax_rate_bps: 2_000 }), 200);
    clock.setMs(T0_MS + 7 * DAY_MS + 1_000);
    await sweep(s);
    clock.setMs(T0_MS + 14 * DAY_MS + 1_000);
    await sweep(s);
    expect(await getSubscription(s, p.agent.key, sub.id)).toMatchObject({ status: "canceled", cancel_reason: "reservation_below_minimum" });
    expect((await paymentsOf(s, sub.id)).map((x) => [x.status, Number(x.amount_captured)])).toEqual([["succeeded", 530]]);
    const postings = await postingsOf(s, shop.key, sub.id);
    expect(postings.map((x) => [x.period.number, x.status, x.decline_code])).toEqual([
      [1, "settled", null],
      [2, "void", "reservation_below_minimum"],
    ]);
    expect(await walletOf(s, p.user.id)).toEqual({ available: FUNDS - 530n, held: 0n });
    expect(await expectInvoicesMatchLedger(s, sub.id)).toBe(530n);
  });

  it("captures nothing when the period's live holds cannot pay it: everything released, the usage uncollectible", async () => {
    const s = await start();
    const calls = await meter(s, shop);
    const monthly = await plan(s, shop, {
      charging_mode: "reserve",
      reservation_amount: 2_000,
      flat_fee: "5",
      charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" } }],
    });
    const p = await party(s);
    const sub = await subscribed(s, p, monthly.id);
    clock.setMs(T0_MS + 10 * DAY_MS);
    const topped = await s.call("POST", `/v1/subscriptions/${sub.id}/reservation`, { amount: 1_000 }, { authorization: `Bearer ${p.agent.key}`, "idempotency-key": newKey("top") });
    expectStatus(topped, 200);
    expect((await report(s, shop, sub.id, calls.event_type, 1_500)).accepted).toBe(1_500);
    // The worker was down past the first hold's lapse (under 30 days: no rotation ran); the
    // top-up, placed later, still holds 1 000 of the 2 120 owed.
    clock.setMs(APRIL_10 + 1_000);
    await sweep(s);
    const [first] = await postingsOf(s, shop.key, sub.id);
    // The fee of a period the holds could not pay is not owed; the 15.00 of calls and their tax are.
    expect(first).toMatchObject({ status: "uncollectible", decline_code: "hold_expired", total_amount: 1_590 });
    const held = (await paymentsOf(s, sub.id)).filter((x) => x.order_reference === first.id);
    expect(held.map((x) => [x.purpose, Number(x.amount_captured)])).toEqual([
      ["subscription", 0],
      ["subscription_top_up", 0],
    ]);
    expect(held[1]!.status).toBe("canceled");
    expect((await invoicesOf(s, sub.id)).map((i) => i.status)).toEqual(["uncollectible"]);
    expect(await expectInvoicesMatchLedger(s, sub.id)).toBe(0n);
  });

  async function billedTickets(s: TestServer) {
    const tickets = await meter(s, shop, { name: "Tickets", outcome_based: true, dispute_window_s: 7 * 86_400 });
    const daily = await plan(s, shop, { interval: "day", charges: [{ meter_id: tickets.id, price: { model: "per_unit", unit_price: "1" } }] });
    const p = await party(s, { interval: "day" });
    const sub = await subscribed(s, p, daily.id);
    const batch = await report(s, shop, sub.id, tickets.event_type, 10, { status: "confirmed" });
    clock.setMs(T0_MS + DAY_MS + 1_000);
    await sweep(s);
    const [pay] = await paymentsOf(s, sub.id);
    expect(Number(pay.amount_captured)).toBe(1_060);
    return { p, sub, pay, ids: batch.ids };
  }

  const goodwill = (s: TestServer, paymentId: string, amount: number) =>
    s.call("POST", `/v1/payments/${paymentId}/refunds`, { amount }, { authorization: `Bearer ${shop.key}`, "idempotency-key": newKey("gw") });

  it("voids a credit with nothing moved when the merchant refunded the period beforehand", async () => {
    const s = await start();
    const { p, sub, pay, ids } = await billedTickets(s);
    expectStatus(await goodwill(s, pay.id, 600), 200);
    const before = await walletOf(s, p.user.id);
    expectStatus(await reverse(s, sub.id, ids.slice(0, 5)), 200);
    expect(await walletOf(s, p.user.id)).toEqual(before);
    const credits = (await postingsOf(s, shop.key, sub.id)).filter((x) => x.kind === "credit");
    expect(credits.map((c) => [c.status, c.decline_code, c.refund_id])).toEqual([["void", "not_refundable", null]]);
    expect((await invoicesOf(s, sub.id)).filter((i) => i.type_code === "381")).toHaveLength(0);
    expect((await refundsOf(s, pay.id)).map((r) => Number(r.amount))).toEqual([600]);
  });

  it("credits each new difference once across reversals, never refunding more than is left", async () => {
    const s = await start();
    const { p, sub, pay, ids } = await billedTickets(s);
    expectStatus(await goodwill(s, pay.id, 600), 200);
    expectStatus(await reverse(s, sub.id, ids.slice(0, 3)), 200);
    // 3 tickets and their tax: 318 of the 460 left.
    expectStatus(await reverse(s, sub.id, ids.slice(3, 5)), 200);
    // 2 more (212) than the 142 left: nothing moves.
    const credits = (await postingsOf(s, shop.key, sub.id)).filter((x) => x.kind === "credit");
    expect(credits.map((c) => [c.status, c.total_amount])).toEqual([
      ["settled", -318],
      ["void", 0 - 212],
    ]);
    expect((await refundsOf(s, pay.id)).map((r) => Number(r.amount)).sort((a, b) => a - b)).toEqual([318, 600]);
    const notes = (await invoicesOf(s, sub.id)).filter((i) => i.type_code === "381");
    expect(notes.map((i) => [i.status, Number(i.total_amount)])).toEqual([["paid", 318]]);
    expect(await walletOf(s, p.user.id)).toEqual({ available: FUNDS - 1_060n + 600n + 318n, held: 0n });
  });

  it("withdraws an arrears renewal waiting for the user when canceled now, and bills the period's usage alone", async () => {
    const s = await start();
    const calls = await meter(s, shop);
    const pro = await plan(s, shop, { flat_fee: "10", charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" } }] });
    const p = await party(s, { mandate: { step_up_threshold: 1_100 } });
    const sub = await subscribed(s, p, pro.id);
    await report(s, shop, sub.id, calls.event_type, 150);
    clock.setMs(APRIL_10 + 1_000);
    await sweep(s);
    const waiting = await getSubscription(s, p.agent.key, sub.id);
    expect(waiting.status).toBe("past_due");
    const renewal = await s.callAs(p.user.key, "GET", `/v1/payments/${waiting.pending_payment_id}`);
    expect(renewal.json.description).toContain("period 2 fee");
    expectStatus(await s.callAs(p.user.key, "POST", `/v1/subscriptions/${sub.id}/cancel`, { at_period_end: false }), 200);
    const withdrawn = await s.callAs(p.user.key, "GET", `/v1/payments/${waiting.pending_payment_id}`);
    expect(withdrawn.json.status).toBe("canceled");
    expectStatus(await s.callAs(p.user.key, "POST", `/v1/approvals/${renewal.json.approval_id}/approve`), 409);
    await sweep(s);
    // 150 calls and 6%: no fee for the period that no longer runs.
    expect(await walletOf(s, p.user.id)).toEqual({ available: FUNDS - 1_060n - 159n, held: 0n });
    const invoices = await invoicesOf(s, sub.id);
    expect(invoices.map((i) => [i.status, Number(i.total_amount), JSON.parse(i.lines).length])).toEqual([
      ["paid", 1_060, 1],
      ["paid", 159, 1],
    ]);
    clock.setMs(Date.parse("2027-05-10T04:00:01Z"));
    await sweep(s);
    expect(await expectInvoicesMatchLedger(s, sub.id)).toBe(1_219n);
  });

  it("keeps the recurrence slot a renewal was due in when it is processed late across midnight", async () => {
    // 2027-03-10 23:59:30 in Asia/Shanghai.
    const late = Date.parse("2027-03-10T15:59:30Z");
    const s = await start({}, late);
    const daily = await plan(s, shop, { interval: "day", flat_fee: "1" });
    const p = await party(s, { interval: "day" });
    const sub = await subscribed(s, p, daily.id);
    clock.setMs(late + DAY_MS + 60_000);
    await sweep(s);
    clock.setMs(late + 2 * DAY_MS + 1_000);
    await sweep(s);
    expect(await getSubscription(s, p.agent.key, sub.id)).toMatchObject({ status: "active", current_period: { number: 3 } });
    const payments = await paymentsOf(s, sub.id);
    expect(payments.map((x) => [x.status, x.recurrence_at === null ? null : Number(x.recurrence_at)])).toEqual([
      ["succeeded", late],
      ["succeeded", late + DAY_MS],
      ["succeeded", late + 2 * DAY_MS],
    ]);
  });

  it("keeps usage counted while a cancellation at period end is written", async () => {
    const s = await start();
    const calls = await meter(s, shop);
    const weekly = await plan(s, shop, {
      interval: "week",
      charging_mode: "reserve",
      reservation_amount: 2_000,
      flat_fee: "5",
      charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" } }],
    });
    const p = await party(s, { interval: "week" });
    const sub = await subscribed(s, p, weekly.id);
    const { deps, state } = hooked(s);
    state.before = async () => {
      expect((await report(s, shop, sub.id, calls.event_type, 1_000)).accepted).toBe(1_000);
    };
    const canceled = await cancelSubscription(deps, { type: "user", id: p.user.id }, sub.id, true, null);
    expect(canceled.ok).toBe(true);
    const row = await s.runtime.database.db.selectFrom("subscriptions").select(["consumed_fine", "cancel_at_period_end"]).where("id", "=", sub.id).executeTakeFirstOrThrow();
    expect(row.consumed_fine).toBe(1_000_000_000n);
    expect(Boolean(row.cancel_at_period_end)).toBe(true);
  });

  it("keeps a credit's residual when a cancellation at period end is written meanwhile", async () => {
    const s = await start();
    const tickets = await meter(s, shop, { name: "Tickets", outcome_based: true, dispute_window_s: 7 * 86_400 });
    const daily = await plan(s, shop, { interval: "day", charges: [{ meter_id: tickets.id, price: { model: "per_unit", unit_price: "0.333333" } }] });
    const p = await party(s, { interval: "day" });
    const sub = await subscribed(s, p, daily.id);
    const batch = await report(s, shop, sub.id, tickets.event_type, 10, { status: "confirmed" });
    clock.setMs(T0_MS + DAY_MS + 1_000);
    await sweep(s);
    const residual = async () =>
      (await s.runtime.database.db.selectFrom("subscriptions").select("residual_fine").where("id", "=", sub.id).executeTakeFirstOrThrow()).residual_fine;
    const { deps, state } = hooked(s);
    state.before = async () => {
      expectStatus(await reverse(s, sub.id, batch.ids.slice(0, 3)), 200);
    };
    expect((await cancelSubscription(deps, { type: "user", id: p.user.id }, sub.id, true, null)).ok).toBe(true);
    const credit = (await s.runtime.database.db.selectFrom("billing_postings").selectAll().where("subscription_id", "=", sub.id).where("kind", "=", "credit").execute())[0]!;
    expect(credit.status).toBe("settled");
    expect(await residual()).toBe(credit.residual_after_fine);
  });

  it("returns what a rotation captured beyond the final bill though the first hold is older than the refund window", async () => {
    const s = await start({ refundWindowDays: 1 });
    const tickets = await meter(s, shop, { name: "Tickets", outcome_based: true, dispute_window_s: 7 * 86_400 });
    const monthly = await plan(s, shop, {
      charging_mode: "reserve",
      reservation_amount: 2_000,
      flat_fee: "5",
      charges: [{ meter_id: tickets.id, price: { model: "per_unit", unit_price: "1" } }],
    });
    const p = await party(s);
    const sub = await subscribed(s, p, monthly.id);
    clock.setMs(T0_MS + 27 * DAY_MS);
    const batch = await report(s, shop, sub.id, tickets.event_type, 5, { status: "confirmed" });
    clock.setMs(T0_MS + 28 * DAY_MS);
    await sweep(s);
    expect((await paymentsOf(s, sub.id)).map((x) => [x.status, Number(x.amount_captured)])).toEqual([
      ["succeeded", 999],
      ["requires_capture", 0],
    ]);
    clock.setMs(T0_MS + 29 * DAY_MS);
    expectStatus(await reverse(s, sub.id, batch.ids), 200);
    clock.setMs(APRIL_10 + 1_000);
    await sweep(s);
    const [first] = await postingsOf(s, shop.key, sub.id);
    expect(first).toMatchObject({ status: "settled", total_amount: 530 });
    expect((await refundsOf(s, (await paymentsOf(s, sub.id))[0].id)).map((r) => Number(r.amount))).toEqual([469]);
    expect(await expectInvoicesMatchLedger(s, sub.id)).toBe(530n);
  });
});
