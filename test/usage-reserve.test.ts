import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { engines } from "./harness.js";
import { startServer, type TestServer } from "./http-harness.js";
import { createMeter, DAY_MS, insertSubscription, newType, type Parties, report, secs, seedParties, T0_MS, usageOf } from "./usage-fixtures.js";

/** ¥0.01 in fine units (10⁻⁶ of a fen). */
const CENT_FINE = 1_000_000n;

/**
 * Reserve then settle: usage draws a period's reservation down, and usage past it is refused at
 * once — exactly, however many reporters race. Hard limits stop usage in both modes.
 * Subscription rows are inserted directly (see usage-fixtures.ts), with the reservation set as
 * the subscriptions module sets it from the live holds.
 */
describe.each(engines)("reservations and hard limits on %s", (engine) => {
  let server: TestServer;
  let p: Parties;
  const NOW_MS = T0_MS + 10 * DAY_MS;
  const clock = new ManualClock(NOW_MS);
  const at = secs(NOW_MS - DAY_MS);
  let seq = 0;
  const event = (sub: string, type: string, extra: Record<string, unknown> = {}) => ({ id: `r-${seq++}`, subscription_id: sub, type, timestamp: at, ...extra });

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, webhookWorker: false });
    p = await seedParties(server);
  });
  afterAll(async () => server.close());

  const setup = async (mode: "reserve" | "arrears", charge: Record<string, unknown>, reservedFine = 0n, meter: Record<string, unknown> = { aggregation: "count" }) => {
    const type = newType("call");
    const m = await createMeter(server, p.shop.key, { event_type: type, ...meter });
    const sub = await insertSubscription(server.runtime.database, {
      merchantId: p.shop.id,
      userId: p.user.id,
      agentId: p.agent.id,
      chargingMode: mode,
      reservedFine,
      charges: [{ meter_id: m.id, ...charge }],
    });
    return { type, meter: m, sub };
  };
  const stored = async (sub: string) => {
    const events = await server.runtime.database.db.selectFrom("usage_events").select((eb) => eb.fn.countAll<string | number | bigint>().as("n")).where("subscription_id", "=", sub).executeTakeFirstOrThrow();
    const row = await server.runtime.database.db.selectFrom("subscriptions").select(["consumed_fine", "reserved_fine"]).where("id", "=", sub).executeTakeFirstOrThrow();
    return { events: Number(events.n), consumedFine: row.consumed_fine, reservedFine: row.reserved_fine };
  };

  it("accepts exactly what the reservation covers under 32 concurrent reporters, never more", async () => {
    // ¥0.01 a call against ¥1.00: exactly 100 calls fit.
    const { type, sub } = await setup("reserve", { price: { model: "per_unit", unit_price: "0.01" } }, 100n * CENT_FINE);
    const reporters = 32;
    const requestsEach = 5;
    const statuses: number[] = [];
    let accepted = 0;
    let refused = 0;
    await Promise.all(
      Array.from({ length: reporters }, async () => {
        for (let i = 0; i < requestsEach; i++) {
          const res = await report(server, p.shop.key, [event(sub, type), event(sub, type)]);
          statuses.push(res.status);
          if (res.status === 200) {
            accepted += res.json.accepted;
            refused += res.json.results.filter((r: any) => r.error?.code === "insufficient_reservation").length;
            expect(res.json.results.every((r: any) => r.status === "accepted" || r.error?.code === "insufficient_reservation")).toBe(true);
          } else {
            expect(res.status, JSON.stringify(res.json)).toBe(402);
            expect(res.json.error).toMatchObject({ type: "payment_error", code: "insufficient_reservation" });
            refused += 2;
          }
        }
      }),
    );
    expect(accepted).toBe(100);
    expect(refused).toBe(reporters * requestsEach * 2 - 100);
    expect(statuses.filter((s) => s === 402).length).toBeGreaterThan(0);
    expect(await stored(sub)).toEqual({ events: 100, consumedFine: 100n * CENT_FINE, reservedFine: 100n * CENT_FINE });
    const usage = await usageOf(server, p.shop.key, sub);
    expect(usage.json.meters[0]).toMatchObject({ quantity: 100, amount: "1.00" });
    expect(usage.json.reservation).toEqual({ reserved: "1.00", consumed: "1.00", remaining: "0.00" });
  });

  it("refuses at once with 402 when nothing fits, and partially when some does; a top-up lets usage through again", async () => {
    const { type, sub } = await setup("reserve", { price: { model: "per_unit", unit_price: "0.01" }, included_quantity: 2 }, 3n * CENT_FINE);
    // Two calls are included, three are paid for: five fit, the sixth does not.
    const first = await report(server, p.shop.key, [1, 2, 3, 4, 5, 6].map(() => event(sub, type)));
    expect(first.status).toBe(200);
    expect(first.json.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["accepted", "accepted", "accepted", "accepted", "accepted", "insufficient_reservation"]);
    const none = await report(server, p.shop.key, [event(sub, type)]);
    expect(none.status).toBe(402);
    expect(none.json.error.code).toBe("insufficient_reservation");
    // A duplicate is not refused for lack of money: it costs nothing.
    const dup = await report(server, p.shop.key, [{ ...event(sub, type), id: first.json.results[0].id }, event(sub, type)]);
    expect(dup.status).toBe(200);
    expect(dup.json.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["duplicate", "insufficient_reservation"]);
    // The subscriptions module raises the reservation when a top-up hold is placed.
    await server.runtime.database.db.updateTable("subscriptions").set({ reserved_fine: 5n * CENT_FINE }).where("id", "=", sub).execute();
    const after = await report(server, p.shop.key, [event(sub, type), event(sub, type), event(sub, type)]);
    expect(after.json.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["accepted", "accepted", "insufficient_reservation"]);
    expect(await stored(sub)).toMatchObject({ events: 7, consumedFine: 5n * CENT_FINE });
  });

  it("draws down by the plan's price model: a package is charged when it is started", async () => {
    // ¥0.05 per started package of 10 calls, ¥0.10 reserved: 20 calls fit, the 21st starts a third package.
    const { type, sub } = await setup("reserve", { price: { model: "package", package_price: "0.05", package_size: 10 } }, 10n * CENT_FINE);
    const res = await report(server, p.shop.key, Array.from({ length: 21 }, () => event(sub, type)));
    expect(res.json).toMatchObject({ accepted: 20, rejected: 1 });
    expect(res.json.results[20].error.code).toBe("insufficient_reservation");
    expect(await stored(sub)).toMatchObject({ events: 20, consumedFine: 10n * CENT_FINE });
  });

  it("counts usage on every metered charge of the plan against one reservation", async () => {
    const calls = await createMeter(server, p.shop.key, { event_type: newType("calls"), aggregation: "count" });
    const tokens = await createMeter(server, p.shop.key, { event_type: newType("tokens"), aggregation: "sum", value_property: "n" });
    const sub = await insertSubscription(server.runtime.database, {
      merchantId: p.shop.id,
      userId: p.user.id,
      agentId: p.agent.id,
      chargingMode: "reserve",
      reservedFine: 10n * CENT_FINE,
      charges: [
        { meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" } },
        { meter_id: tokens.id, price: { model: "per_unit", unit_price: "0.001" } },
      ],
    });
    const res = await report(server, p.shop.key, [
      event(sub, calls.event_type),
      event(sub, tokens.event_type, { properties: { n: 50 } }),
      event(sub, calls.event_type),
      event(sub, tokens.event_type, { properties: { n: 31 } }),
      event(sub, tokens.event_type, { properties: { n: 30 } }),
    ]);
    // ¥0.01 + ¥0.05 + ¥0.01 = ¥0.07; 31 more tokens (¥0.031) would pass ¥0.10, 30 (¥0.03) fit exactly.
    expect(res.json.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["accepted", "accepted", "accepted", "insufficient_reservation", "accepted"]);
    expect(await stored(sub)).toMatchObject({ consumedFine: 10n * CENT_FINE });
  });

  it("stops usage at a plan's hard limit in arrears, exactly under concurrent reporters", async () => {
    const { type, sub } = await setup("arrears", { limit_quantity: 5 });
    const results = await Promise.all(Array.from({ length: 16 }, () => report(server, p.shop.key, [event(sub, type)])));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const codes = results.map((r) => r.json.results[0].error?.code ?? r.json.results[0].status);
    expect(codes.filter((c) => c === "accepted")).toHaveLength(5);
    expect(codes.filter((c) => c === "usage_limit_reached")).toHaveLength(11);
    expect((await usageOf(server, p.shop.key, sub)).json.meters[0]).toMatchObject({ quantity: 5, event_count: 5 });
  });

  it("records the later of two events with one id when the earlier was refused, and counts it once", async () => {
    const { type, sub } = await setup("reserve", { price: { model: "per_unit", unit_price: "0.01" } }, 5n * CENT_FINE, { aggregation: "sum", value_property: "tokens" });
    const res = await report(server, p.shop.key, [
      { id: "same", subscription_id: sub, type, timestamp: at, properties: { tokens: 10 } },
      { id: "same", subscription_id: sub, type, timestamp: at, properties: { tokens: 3 } },
      { id: "same", subscription_id: sub, type, timestamp: at, properties: { tokens: 1 } },
    ]);
    expect(res.json.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["insufficient_reservation", "accepted", "duplicate"]);
    const events = await server.callAs(p.shop.key, "GET", `/v1/usage_events?subscription_id=${sub}`);
    expect(events.json.data.map((e: any) => [e.id, e.quantity, e.properties.tokens])).toEqual([["same", 3, 3]]);
    expect(await stored(sub)).toMatchObject({ events: 1, consumedFine: 3n * CENT_FINE });
  });

  it("stops a sum meter at its limit without splitting the event that would pass it", async () => {
    const { type, sub } = await setup("reserve", { limit_quantity: 100, price: { model: "per_unit", unit_price: "0.0001" } }, 100n * CENT_FINE, {
      aggregation: "sum",
      value_property: "tokens",
    });
    const res = await report(server, p.shop.key, [60, 41, 40, 1].map((tokens) => event(sub, type, { properties: { tokens } })));
    expect(res.json.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["accepted", "usage_limit_reached", "accepted", "usage_limit_reached"]);
    expect((await usageOf(server, p.shop.key, sub)).json.meters[0]).toMatchObject({ quantity: 100 });
  });
});
