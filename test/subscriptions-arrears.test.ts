/**
 * Arrears mode over HTTP: the first flat fee at subscribe, then at each period's end one payment
 * of the period's usage (per unit past a package of included calls), its tax and the next
 * period's fee; renewals refused by the mandate (window, occurrences, budget) end the
 * subscription with the decline code and move nothing; the rounding residual is carried from
 * posting to posting; invoices equal what the ledger moved.
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
  invoicesOf,
  merchant,
  meter,
  type Party,
  party,
  paymentsOf,
  plan,
  postingsOf,
  report,
  subscribe,
  subscribed,
  sweep,
  T0_MS,
} from "./subscriptions-world.js";

const APRIL_10 = Date.parse("2027-04-10T04:00:00Z");
const MAY_10 = Date.parse("2027-05-10T04:00:00Z");

describe.each(engines)("subscriptions in arrears on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let shop: Seeded;
  let calls: any;
  let pro: any;

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, billingWorker: false, webhookWorker: false });
    shop = await merchant(server, { tax_id: "CN91110000", tax_rate_bps: 600 });
    calls = await meter(server, shop);
    pro = await plan(server, shop, {
      flat_fee: "10",
      charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" }, included_quantity: 100 }],
    });
  });
  afterAll(async () => server.close());

  it("charges the first fee at subscribe, then usage past the package and the next fee at each period's end", async () => {
    clock.setMs(T0_MS);
    const p = await party(server);
    const sub = await subscribed(server, p, pro.id);
    expect(sub).toMatchObject({ object: "subscription", status: "active", charging_mode: "arrears", current_period: { number: 1 } });
    expect(sub.current_period.end * 1000).toBe(APRIL_10);
    // ¥10.00 + 6% tax.
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n, held: 0n });

    const batch = await report(server, shop, sub.id, calls.event_type, 150);
    expect(batch.accepted).toBe(150);
    clock.setMs(APRIL_10 + 1_000);
    await sweep(server);
    const renewed = await getSubscription(server, p.agent.key, sub.id);
    expect(renewed).toMatchObject({ status: "active", current_period: { number: 2 } });
    // 50 calls past the 100 included at ¥0.01, plus next month's ¥10, plus 6%: 1,050 + 63.
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n - 1_113n, held: 0n });

    clock.setMs(MAY_10 + 1_000);
    await sweep(server);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n - 1_113n - 1_060n, held: 0n });

    const postings = await postingsOf(server, shop.key, sub.id);
    expect(postings.map((x) => [x.kind, x.period.number, x.status, x.total_amount])).toEqual([
      ["period", 1, "settled", 1_113],
      ["opening", 1, "settled", 1_060],
      ["period", 2, "settled", 1_060],
      ["period", 3, "open", 0],
    ]);
    expect(postings[0].quantities).toEqual([
      { meter_id: calls.id, quantity: 150, included_quantity: 100, billed_quantity: 50, amount: "0.50", event_count: 150 },
    ]);
    const payments = await paymentsOf(server, sub.id);
    expect(payments.map((x) => [x.status, Number(x.amount), x.purpose])).toEqual([
      ["succeeded", 1_060, "subscription"],
      ["succeeded", 1_113, "subscription"],
      ["succeeded", 1_060, "subscription"],
    ]);
    expect((await invoicesOf(server, sub.id)).map((i) => [i.type_code, i.status, Number(i.total_amount)])).toEqual([
      ["380", "paid", 1_060],
      ["380", "paid", 1_113],
      ["380", "paid", 1_060],
    ]);
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(3_233n);
    expect((await merchantOf(server, shop.id)).pending).toBe(0n);
  });

  /** A subscription with 150 calls in its first period; the renewal at APRIL_10 is what the test is about. */
  async function usedFirstPeriod(mandate: Record<string, unknown>): Promise<{ p: Party; sub: any }> {
    clock.setMs(T0_MS);
    const p = await party(server, { mandate });
    const sub = await subscribed(server, p, pro.id);
    await report(server, shop, sub.id, calls.event_type, 150);
    clock.setMs(APRIL_10 + 1_000);
    return { p, sub };
  }

  /** The renewal was refused: the subscription ended with `reason`, nothing moved for it, the usage is recorded unpaid. */
  async function expectRefused(p: Party, sub: any, reason: string, paidBefore: bigint): Promise<void> {
    const ended = await getSubscription(server, p.user.key, sub.id);
    expect(ended).toMatchObject({ status: "canceled", cancel_reason: reason, current_period: { number: 2 } });
    expect(ended.ended_at * 1000).toBe(APRIL_10);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - paidBefore, held: 0n });
    const postings = await postingsOf(server, p.agent.key, sub.id);
    const closed = postings.find((x) => x.kind === "period" && x.period.number === 1);
    // Only the usage is recorded as unpaid: 50 calls and 6% tax, not next month's fee.
    expect(closed).toMatchObject({ status: "uncollectible", decline_code: reason, net_amount: 50, tax_amount: 3, total_amount: 53 });
    expect(postings.find((x) => x.period.number === 2)).toMatchObject({ status: "void", decline_code: reason });
    const invoices = await invoicesOf(server, sub.id);
    expect(invoices.map((i) => [i.status, Number(i.total_amount)])).toContainEqual(["uncollectible", 53]);
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(paidBefore);
    // Nothing more happens to it.
    clock.setMs(MAY_10 + 1_000);
    await sweep(server);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - paidBefore, held: 0n });
  }

  it("ends the subscription when the renewal falls outside the mandate's window", async () => {
    const { p, sub } = await usedFirstPeriod({ not_after: new Date(T0_MS + 20 * DAY_MS).toISOString() });
    await sweep(server);
    await expectRefused(p, sub, "mandate_expired", 1_060n);
  });

  it("ends the subscription when the mandate's occurrences are used up", async () => {
    clock.setMs(T0_MS);
    const p = await party(server, { mandate: { recurrence: { frequency: "month", max_occurrences: 1 } } });
    const sub = await subscribed(server, p, pro.id);
    await report(server, shop, sub.id, calls.event_type, 150);
    clock.setMs(APRIL_10 + 1_000);
    await sweep(server);
    await expectRefused(p, sub, "recurrence_limit_reached", 1_060n);
  });

  it("ends the subscription when the renewal is over the mandate's budget", async () => {
    const { p, sub } = await usedFirstPeriod({ budget_total: 2_000 });
    await sweep(server);
    await expectRefused(p, sub, "over_budget_total", 1_060n);
  });

  it("ends the subscription when the wallet cannot pay the renewal", async () => {
    clock.setMs(T0_MS);
    const p = await party(server, { topUp: 1_100 });
    const sub = await subscribed(server, p, pro.id);
    await report(server, shop, sub.id, calls.event_type, 150);
    clock.setMs(APRIL_10 + 1_000);
    await sweep(server);
    const ended = await getSubscription(server, p.user.key, sub.id);
    expect(ended).toMatchObject({ status: "canceled", cancel_reason: "insufficient_funds" });
    expect(await walletOf(server, p.user.id)).toEqual({ available: 40n, held: 0n });
  });

  it("waits past_due for the user to confirm a renewal above the step-up threshold, then renews", async () => {
    const { p, sub } = await usedFirstPeriod({ step_up_threshold: 1_100 });
    await sweep(server);
    const waiting = await getSubscription(server, p.agent.key, sub.id);
    expect(waiting).toMatchObject({ status: "past_due", current_period: { number: 2 } });
    expect(waiting.pending_payment_id).toMatch(/^pay_/);
    // Nothing is accepted while the renewal waits.
    const refused = await report(server, shop, sub.id, calls.event_type, 1);
    expect(refused.results[0].error.code).toBe("subscription_not_active");
    const payment = await server.callAs(p.user.key, "GET", `/v1/payments/${waiting.pending_payment_id}`);
    expectStatus(await server.callAs(p.user.key, "POST", `/v1/approvals/${payment.json.approval_id}/approve`), 200);
    await sweep(server);
    expect(await getSubscription(server, p.agent.key, sub.id)).toMatchObject({ status: "active", pending_payment_id: null });
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n - 1_113n, held: 0n });
    await expectInvoicesMatchLedger(server, sub.id);
  });

  it("ends the subscription when the user declines the renewal", async () => {
    const { p, sub } = await usedFirstPeriod({ step_up_threshold: 1_100 });
    await sweep(server);
    const waiting = await getSubscription(server, p.agent.key, sub.id);
    const payment = await server.callAs(p.user.key, "GET", `/v1/payments/${waiting.pending_payment_id}`);
    expectStatus(await server.callAs(p.user.key, "POST", `/v1/approvals/${payment.json.approval_id}/decline`), 200);
    await sweep(server);
    await expectRefused(p, sub, "confirmation_declined", 1_060n);
  });

  it("cancels at once: no more usage, the final usage charged at the period's original end, nothing after", async () => {
    clock.setMs(T0_MS);
    const p = await party(server);
    const sub = await subscribed(server, p, pro.id);
    await report(server, shop, sub.id, calls.event_type, 150);
    clock.setMs(T0_MS + 5 * DAY_MS);
    const canceled = await server.callAs(p.user.key, "POST", `/v1/subscriptions/${sub.id}/cancel`, { at_period_end: false });
    expectStatus(canceled, 200);
    expect(canceled.json).toMatchObject({ status: "canceled", cancel_reason: "requested_by_user", cancel_at_period_end: false });
    expect((await report(server, shop, sub.id, calls.event_type, 1)).results[0].error.code).toBe("subscription_not_active");
    await sweep(server);
    expect(await paymentsOf(server, sub.id)).toHaveLength(1);
    clock.setMs(APRIL_10 + 1_000);
    await sweep(server);
    // 50 calls past the package and 6%; no next fee.
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n - 53n, held: 0n });
    clock.setMs(MAY_10 + 1_000);
    await sweep(server);
    expect(await paymentsOf(server, sub.id)).toHaveLength(2);
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(1_113n);
  });

  it("cancels at period end: the period runs out, the final usage is charged, no renewal", async () => {
    clock.setMs(T0_MS);
    const p = await party(server);
    const sub = await subscribed(server, p, pro.id);
    const scheduled = await server.callAs(p.agent.key, "POST", `/v1/subscriptions/${sub.id}/cancel`, { at_period_end: true });
    expectStatus(scheduled, 200);
    expect(scheduled.json).toMatchObject({ status: "active", cancel_at_period_end: true, cancel_reason: "requested_by_agent" });
    await report(server, shop, sub.id, calls.event_type, 150);
    clock.setMs(APRIL_10 + 1_000);
    await sweep(server);
    const ended = await getSubscription(server, p.agent.key, sub.id);
    expect(ended).toMatchObject({ status: "canceled", cancel_reason: "requested_by_agent", current_period: { number: 1 } });
    expect(ended.ended_at * 1000).toBe(APRIL_10);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n - 53n, held: 0n });
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(1_113n);
  });

  it("makes invoices out to a business buyer, reverse-charged across EU borders", async () => {
    clock.setMs(T0_MS);
    const berlin = await merchant(server, { legal_name: "Berlin API GmbH", country: "DE", tax_id: "DE999999999", tax_rate_bps: 1_900 });
    const basic = await plan(server, berlin, { flat_fee: "10" });
    const p = await party(server);
    const buyer = { name: "Acme SARL", vat_id: "FR12345678901", country: "FR" };
    const sub = await subscribed(server, p, basic.id, { buyer });
    expect(sub.buyer).toEqual(buyer);
    // No VAT charged: the buyer accounts for it.
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_000n, held: 0n });
    const [invoice] = await invoicesOf(server, sub.id);
    expect(invoice).toMatchObject({ reverse_charge: 1n, tax_amount: 0n, total_amount: 1_000n });
    expect(JSON.parse(invoice.buyer)).toMatchObject({ name: "Acme SARL", vat_id: "FR12345678901" });
  });

  it("answers a retried subscribe with the same subscription and charges once", async () => {
    clock.setMs(T0_MS);
    const p = await party(server);
    const first = await subscribe(server, p, pro.id, {}, "same-key");
    const again = await subscribe(server, p, pro.id, {}, "same-key");
    expectStatus(first, 200);
    expectStatus(again, 200);
    expect(again.json.id).toBe(first.json.id);
    expect(await paymentsOf(server, first.json.id)).toHaveLength(1);
  });
});
