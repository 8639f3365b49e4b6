/**
 * Outcome-based usage reversed after its period was billed credits the payer: a refund on the
 * period's payment, a credit posting and a credit note (381) naming the corrected invoice.
 * Repeated or duplicate reversals credit only the new difference; in reserve mode the refund
 * comes from the holds the settlement captured; invoices still equal what the ledger moved.
 * Also: the drill-down from a posting to the events it billed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { engines } from "./harness.js";
import { type Seeded, startServer, type TestServer } from "./http-harness.js";
import { walletOf } from "./fixtures/payments-world.js";
import {
  DAY_MS,
  expectInvoicesMatchLedger,
  expectStatus,
  invoicesOf,
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

describe.each(engines)("credits for usage reversed after billing on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let shop: Seeded;
  let tickets: any;

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, billingWorker: false, webhookWorker: false });
    shop = await merchant(server, { tax_id: "CN91110000", tax_rate_bps: 600 });
    tickets = await meter(server, shop, { name: "Resolved tickets", outcome_based: true, dispute_window_s: 7 * 86_400 });
  });
  afterAll(async () => server.close());

  const reverse = (subscriptionId: string, ids: string[]) =>
    server.callAs(shop.key, "POST", "/v1/usage_events/reverse", { subscription_id: subscriptionId, event_ids: ids });

  async function billedDay(mode: "arrears" | "reserve") {
    clock.setMs(T0_MS);
    const daily = await plan(server, shop, {
      interval: "day",
      charging_mode: mode,
      ...(mode === "reserve" ? { reservation_amount: 5_000 } : {}),
      charges: [{ meter_id: tickets.id, price: { model: "per_unit", unit_price: "1" } }],
    });
    const p = await party(server, { interval: "day" });
    const sub = await subscribed(server, p, daily.id);
    const batch = await report(server, shop, sub.id, tickets.event_type, 10, { status: "confirmed" });
    expect(batch.accepted).toBe(10);
    clock.setMs(T0_MS + DAY_MS + 1_000);
    await sweep(server);
    return { p, sub, ids: batch.ids };
  }

  it("refunds the reversed units with their tax and issues a credit note, once per difference", async () => {
    const { p, sub, ids } = await billedDay("arrears");
    // 10 tickets at ¥1 + 6%.
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n, held: 0n });
    const [billed] = await postingsOf(server, shop.key, sub.id);
    expect(billed).toMatchObject({ kind: "period", status: "settled", total_amount: 1_060 });

    expectStatus(await reverse(sub.id, ids.slice(0, 3)), 200);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n + 318n, held: 0n });
    // The same reversal again (a retry, a duplicate) credits nothing more.
    expectStatus(await reverse(sub.id, ids.slice(0, 3)), 200);
    expectStatus(await reverse(sub.id, ids.slice(3, 4)), 200);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_060n + 318n + 106n, held: 0n });

    const credits = (await postingsOf(server, p.user.key, sub.id)).filter((x) => x.kind === "credit");
    expect(credits.map((c) => [c.status, c.net_amount, c.tax_amount, c.total_amount, c.period.number])).toEqual([
      ["settled", -300, -18, -318, 1],
      ["settled", -100, -6, -106, 1],
    ]);
    expect(credits.every((c) => c.refund_id !== null && c.payment_id === billed.payment_id)).toBe(true);
    const invoices = await invoicesOf(server, sub.id);
    const notes = invoices.filter((i) => i.type_code === "381");
    expect(notes.map((n) => [n.status, Number(n.total_amount), n.preceding_invoice_id])).toEqual([
      ["paid", 318, billed.invoice_id],
      ["paid", 106, billed.invoice_id],
    ]);
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(636n);
  });

  it("refunds from the captured holds in reserve mode", async () => {
    const { p, sub, ids } = await billedDay("reserve");
    const before = await walletOf(server, p.user.id);
    expectStatus(await reverse(sub.id, ids.slice(0, 5)), 200);
    const after = await walletOf(server, p.user.id);
    expect(after.available - before.available).toBe(530n);
    const [firstHold] = await paymentsOf(server, sub.id);
    expect(Number(firstHold!.amount_refunded)).toBe(530);
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(530n);
  });

  it("drills down from a posting to the events it billed; only whoever sees the subscription may", async () => {
    const { p, sub, ids } = await billedDay("arrears");
    const [billed] = await postingsOf(server, shop.key, sub.id);
    const page = await server.callAs(shop.key, "GET", `/v1/billing_postings/${billed.id}/events?limit=4`);
    expectStatus(page, 200);
    expect(page.json.has_more).toBe(true);
    expect(page.json.data.map((e: any) => e.id)).toEqual([...ids].sort().slice(0, 4));
    const rest = await server.callAs(p.user.key, "GET", `/v1/billing_postings/${billed.id}/events?limit=100&starting_after=${page.json.data[3].id}`);
    expect(rest.json.data).toHaveLength(6);
    const stranger = await merchant(server);
    expectStatus(await server.callAs(stranger.key, "GET", `/v1/billing_postings/${billed.id}/events`), 404);
    expectStatus(await server.callAs(stranger.key, "GET", `/v1/billing_postings/${billed.id}`), 404);
    // The payment behind the posting points back to it.
    const [payment] = await paymentsOf(server, sub.id);
    expect(payment!.order_reference).toBe(billed.id);
  });
});
