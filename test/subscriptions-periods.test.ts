/**
 * Periods and amounts: anniversary and calendar periods in the mandate's time zone (month ends,
 * ISO weeks, daylight saving), the prorated first calendar fee, the reservation budget that can
 * never exceed what is held (property-tested against the invoices' own rounding and tax), and —
 * over HTTP on both engines — the rounding residual carried from posting to posting at ¥0.0001
 * per call, and calendar periods renewing on the 1st.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { buildInvoice } from "../src/invoices/index.js";
import { FINE_SCALE } from "../src/money/index.js";
import { anchorOf, netCovered, periodBounds, periodFeeFine, usageBudgetFine } from "../src/subscriptions/index.js";
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

const SHANGHAI = "Asia/Shanghai";
const iso = (ms: number) => new Date(ms).toISOString();

describe("billing periods", () => {
  it("runs anniversary months from the anchor, clamped to short months and never drifting", () => {
    const start = Date.parse("2027-01-31T04:00:00Z");
    const ends = [1, 2, 3].map((n) => iso(periodBounds(start, start, "month", n, SHANGHAI).endMs));
    expect(ends).toEqual(["2027-02-28T04:00:00.000Z", "2027-03-31T04:00:00.000Z", "2027-04-30T04:00:00.000Z"]);
    expect(iso(periodBounds(start, start, "month", 2, SHANGHAI).startMs)).toBe("2027-02-28T04:00:00.000Z");
  });

  it("aligns calendar periods to the mandate's local day, ISO week and month", () => {
    // Wednesday 2027-03-10 12:00 in Shanghai.
    expect(iso(anchorOf(T0_MS, "day", "calendar", SHANGHAI))).toBe("2027-03-09T16:00:00.000Z");
    expect(iso(anchorOf(T0_MS, "week", "calendar", SHANGHAI))).toBe("2027-03-07T16:00:00.000Z");
    expect(iso(anchorOf(T0_MS, "month", "calendar", SHANGHAI))).toBe("2027-02-28T16:00:00.000Z");
    expect(iso(anchorOf(T0_MS, "year", "calendar", SHANGHAI))).toBe("2026-12-31T16:00:00.000Z");
    const anchor = anchorOf(T0_MS, "month", "calendar", SHANGHAI);
    expect(periodBounds(T0_MS, anchor, "month", 1, SHANGHAI)).toEqual({ startMs: T0_MS, endMs: Date.parse("2027-03-31T16:00:00Z") });
    expect(iso(periodBounds(T0_MS, anchor, "month", 2, SHANGHAI).endMs)).toBe("2027-04-30T16:00:00.000Z");
  });

  it("keeps local midnight across daylight-saving changes", () => {
    const zone = "Europe/Berlin";
    const start = Date.parse("2027-03-27T12:00:00+01:00");
    const anchor = anchorOf(start, "day", "calendar", zone);
    // 28 March 2027 has 23 hours in Berlin.
    const second = periodBounds(start, anchor, "day", 2, zone);
    expect(second.endMs - second.startMs).toBe(23 * 3_600_000);
    expect(iso(second.endMs)).toBe("2027-03-28T22:00:00.000Z");
  });

  it("prorates only a partial first calendar period, to the millisecond, rounding down", () => {
    const anchor = Date.parse("2027-02-28T16:00:00Z");
    const first = { startMs: T0_MS, endMs: Date.parse("2027-03-31T16:00:00Z") };
    // 21.5 of March's 31 days.
    expect(periodFeeFine(3_100n * FINE_SCALE, anchor, 1, first)).toBe(2_150n * FINE_SCALE);
    expect(periodFeeFine(1_000n, anchor, 1, first)).toBe(693n);
    expect(periodFeeFine(3_100n * FINE_SCALE, anchor, 2, { startMs: first.endMs, endMs: first.endMs + 1 })).toBe(3_100n * FINE_SCALE);
    expect(periodFeeFine(3_100n * FINE_SCALE, T0_MS, 1, first)).toBe(3_100n * FINE_SCALE);
  });
});

describe("reservation budget", () => {
  const seller = { name: "Seller", vatId: "CN1", country: "CN" };
  const buyer = { name: "Buyer", vatId: null, country: null };

  it("finds the largest net that fits with its tax rounded up", () => {
    expect(netCovered(1_060n, 600)).toBe(1_000n);
    expect(netCovered(1_059n, 600)).toBe(999n);
    expect(netCovered(1_000n, null)).toBe(1_000n);
    expect(netCovered(0n, 600)).toBe(0n);
  });

  it("never lets fee + usage + residual, rounded and taxed as invoiced, exceed what is held", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.bigInt({ min: -(FINE_SCALE - 1n), max: FINE_SCALE - 1n }),
        fc.bigInt({ min: 0n, max: 5_000n * FINE_SCALE }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (held, rate, residual, fee, share) => {
          const budget = usageBudgetFine(held, fee, rate);
          const usage = BigInt(Math.floor(Number(budget) * share));
          const lines = [{ description: "all", meterId: null, quantity: 1n, quantityScaleDigits: 0, unitPriceFine: null, amountFine: fee + usage }];
          const input = { seller, buyer, currency: "CNY", typeCode: "380" as const, lines, carriedResidualFine: residual, taxRateBps: rate };
          const draft = buildInvoice({ ...input, issuedAtMs: 0, periodStartMs: null, periodEndMs: null });
          return budget === 0n || draft.totalMinor <= held;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe.each(engines)("residuals and calendar periods over HTTP on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let shop: Seeded;

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, billingWorker: false, webhookWorker: false });
    shop = await merchant(server);
  });
  afterAll(async () => server.close());

  it("carries the rounding residual of ¥0.0001 calls from one posting to the next, losing nothing", async () => {
    clock.setMs(T0_MS);
    const calls = await meter(server, shop);
    const micro = await plan(server, shop, {
      interval: "day",
      charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.0001" } }],
    });
    const p = await party(server, { interval: "day" });
    const sub = await subscribed(server, p, micro.id);
    const perDay = [150, 150, 1, 99];
    for (const [day, count] of perDay.entries()) {
      await report(server, shop, sub.id, calls.event_type, count);
      clock.setMs(T0_MS + (day + 1) * 86_400_000 + 1_000);
      await sweep(server);
    }
    const postings = (await postingsOf(server, p.user.key, sub.id)).filter((x) => x.status === "settled");
    expect(postings.map((x) => [x.amount_exact, x.residual_before, x.residual_after, x.net_amount])).toEqual([
      ["0.015", "0.00", "0.005", 1],
      ["0.015", "0.005", "0.00", 2],
      ["0.0001", "0.00", "0.0001", 0],
      ["0.0099", "0.0001", "0.00", 1],
    ]);
    // 400 calls at ¥0.0001 are exactly ¥0.04, and that is what moved, in three payments.
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 4n, held: 0n });
    expect(await paymentsOf(server, sub.id)).toHaveLength(3);
    expect(await expectInvoicesMatchLedger(server, sub.id)).toBe(4n);
  });

  it("renews calendar periods on the 1st in the mandate's time zone, the first fee prorated", async () => {
    clock.setMs(T0_MS);
    const monthly = await plan(server, shop, { billing_anchor: "calendar", flat_fee: "31" });
    const p = await party(server);
    const sub = await subscribed(server, p, monthly.id);
    expect(sub.current_period.end * 1000).toBe(Date.parse("2027-03-31T16:00:00Z"));
    // 21.5 of March's 31 days of ¥31.
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 2_150n, held: 0n });
    clock.setMs(Date.parse("2027-03-31T16:00:01Z"));
    await sweep(server);
    const april = await getSubscription(server, p.agent.key, sub.id);
    expect(april).toMatchObject({ status: "active", current_period: { number: 2 } });
    expect(april.current_period.end * 1000).toBe(Date.parse("2027-04-30T16:00:00Z"));
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 2_150n - 3_100n, held: 0n });
    await expectInvoicesMatchLedger(server, sub.id);
  });
});
