import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { changeOutcomes, createUsageDeps } from "../src/usage/index.js";
import { engines } from "./harness.js";
import { startServer, type TestServer } from "./http-harness.js";
import { createMeter, DAY_MS, insertSubscription, newType, openNextPeriod, type Parties, report, secs, seedParties, T0_MS, usageOf } from "./usage-fixtures.js";

const CENT_FINE = 1_000_000n;

/** Outcome-based units: pending → confirmed → reversed within a dispute window, across periods. */
describe.each(engines)("usage outcomes on %s", (engine) => {
  let server: TestServer;
  let p: Parties;
  const NOW_MS = T0_MS + 10 * DAY_MS;
  const clock = new ManualClock(NOW_MS);
  const at = secs(NOW_MS - DAY_MS);

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, webhookWorker: false });
    p = await seedParties(server);
  });
  afterAll(async () => server.close());

  const setup = async (meter: Record<string, unknown> = {}, sub: Record<string, unknown> = {}) => {
    const type = newType("ticket_resolved");
    const m = await createMeter(server, p.shop.key, { event_type: type, aggregation: "count", outcome_based: true, dispute_window_s: 7 * 86_400, ...meter });
    const id = await insertSubscription(server.runtime.database, {
      merchantId: p.shop.id,
      userId: p.user.id,
      agentId: p.agent.id,
      charges: [{ meter_id: m.id, price: { model: "per_unit", unit_price: "2.00" } }],
      ...sub,
    });
    return { type, meter: m, sub: id };
  };
  const record = async (sub: string, type: string, ids: readonly string[], extra: Record<string, unknown> = {}) => {
    const res = await report(server, p.shop.key, ids.map((id) => ({ id, subscription_id: sub, type, timestamp: at, ...extra })));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json;
  };
  const outcome = async (action: "confirm" | "reverse", sub: string, ids: readonly string[], key = p.shop.key) =>
    server.callAs(key, "POST", `/v1/usage_events/${action}`, { subscription_id: sub, event_ids: ids });
  const meterUsage = async (sub: string, periodStartMs?: number) => (await usageOf(server, p.shop.key, sub, periodStartMs)).json.meters[0];

  it("holds outcome events pending, bills them once confirmed, and drops reversed ones", async () => {
    const { type, sub } = await setup();
    await record(sub, type, ["t1", "t2", "t3"]);
    await record(sub, type, ["t4"], { status: "confirmed" });
    expect(await meterUsage(sub)).toMatchObject({ quantity: 1, pending_quantity: 3, event_count: 4, amount: "2.00" });
    const confirmed = await outcome("confirm", sub, ["t1", "t2", "t4", "nope"]);
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(200);
    expect(confirmed.json).toMatchObject({ object: "usage_outcome_batch", changed: 2, unchanged: 1, rejected: 1 });
    expect(confirmed.json.results).toEqual([
      { id: "t1", status: "changed", event_status: "confirmed" },
      { id: "t2", status: "changed", event_status: "confirmed" },
      { id: "t4", status: "unchanged", event_status: "confirmed" },
      { id: "nope", status: "rejected", event_status: null, error: expect.objectContaining({ code: "event_not_found" }) },
    ]);
    expect(await meterUsage(sub)).toMatchObject({ quantity: 3, pending_quantity: 1, event_count: 4, amount: "6.00" });
    const reversed = await outcome("reverse", sub, ["t3", "t2"]);
    expect(reversed.json).toMatchObject({ changed: 2 });
    expect(await meterUsage(sub)).toMatchObject({ quantity: 2, pending_quantity: 0, event_count: 2, amount: "4.00" });
    const again = await outcome("confirm", sub, ["t3"]);
    expect(again.json.results[0]).toMatchObject({ status: "rejected", event_status: "reversed", error: { code: "already_reversed" } });
    expect((await outcome("reverse", sub, ["t3"])).json.results[0]).toMatchObject({ status: "unchanged", event_status: "reversed" });
    const listed = await server.callAs(p.shop.key, "GET", `/v1/usage_events?subscription_id=${sub}`);
    expect(Object.fromEntries(listed.json.data.map((e: any) => [e.id, e.status]))).toEqual({ t1: "confirmed", t2: "reversed", t3: "reversed", t4: "confirmed" });
    const audit = await server.runtime.database.db.selectFrom("audit_events").select(["action", "data"]).where("object_id", "=", sub).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["usage.confirmed", "usage.reversed"]);
    expect(JSON.parse(audit[1]!.data!)).toMatchObject({ changed: 2, event_ids: ["t3", "t2"] });
  });

  it("reverses confirmed usage only within the meter's dispute window, and only where the meter allows it", async () => {
    const { type, sub } = await setup({ dispute_window_s: 3_600 });
    await record(sub, type, ["w1", "w2"], { status: "confirmed" });
    clock.setMs(NOW_MS - DAY_MS + 3_000_000);
    try {
      expect((await outcome("reverse", sub, ["w1"])).json.results[0]).toMatchObject({ status: "changed", event_status: "reversed" });
      clock.setMs(NOW_MS - DAY_MS + 3_600_001);
      const late = await outcome("reverse", sub, ["w2"]);
      expect(late.json.results[0]).toMatchObject({ status: "rejected", event_status: "confirmed", error: { code: "dispute_window_closed" } });
    } finally {
      clock.setMs(NOW_MS);
    }
    const plain = await createMeter(server, p.shop.key, { event_type: newType("call"), aggregation: "count" });
    const plainSub = await insertSubscription(server.runtime.database, { merchantId: p.shop.id, userId: p.user.id, agentId: p.agent.id, charges: [{ meter_id: plain.id }] });
    await record(plainSub, plain.event_type, ["c1"]);
    expect((await outcome("reverse", plainSub, ["c1"])).json.results[0].error.code).toBe("not_reversible");
    expect((await meterUsage(sub)).quantity).toBe(1);
  });

  it("bills a settled period's late confirmation in the current period", async () => {
    const { type, sub } = await setup();
    await record(sub, type, ["s1", "s2"]);
    const nextStartMs = NOW_MS - DAY_MS / 2;
    await openNextPeriod(server.runtime.database, sub, nextStartMs, nextStartMs + 30 * DAY_MS);
    const res = await outcome("confirm", sub, ["s1"]);
    expect(res.json.results[0]).toMatchObject({ status: "changed", event_status: "confirmed" });
    expect(await meterUsage(sub, T0_MS)).toMatchObject({ quantity: 0, pending_quantity: 1, event_count: 1 });
    expect(await meterUsage(sub)).toMatchObject({ quantity: 1, pending_quantity: 0, event_count: 1, amount: "2.00" });
    const current = await server.callAs(p.shop.key, "GET", `/v1/usage_events?subscription_id=${sub}&period_start=${secs(nextStartMs)}`);
    expect(current.json.data.map((e: any) => [e.id, e.status])).toEqual([["s1", "confirmed"]]);
    // Reversing the other, still pending in the settled period, bills nothing anywhere.
    await outcome("reverse", sub, ["s2"]);
    expect(await meterUsage(sub, T0_MS)).toMatchObject({ quantity: 0, pending_quantity: 0, event_count: 0 });
  });

  it("tells settlement, after the commit, when confirmed usage of a settled period is reversed — again on a retry", async () => {
    const { type, sub } = await setup();
    await record(sub, type, ["c1", "c2", "c3"], { status: "confirmed" });
    await openNextPeriod(server.runtime.database, sub, NOW_MS - DAY_MS / 2, NOW_MS + 29 * DAY_MS);
    const calls: Array<[string, number, bigint]> = [];
    const deps = createUsageDeps({
      database: server.runtime.database,
      clock,
      onSettledUsageChanged: async (subscriptionId, periodStartMs) => {
        // Committed already: a read on another connection sees the reversal.
        const row = await server.runtime.database.db.selectFrom("usage_aggregates").select("quantity").where("subscription_id", "=", subscriptionId).where("period_start", "=", BigInt(periodStartMs)).executeTakeFirstOrThrow();
        calls.push([subscriptionId, periodStartMs, row.quantity]);
      },
    });
    const merchant = { type: "merchant" as const, id: p.shop.id };
    const first = await changeOutcomes(deps, merchant, "reverse", sub, ["c1", "c2"], null);
    expect(first.ok && first.value.changed).toBe(2);
    expect(calls).toEqual([[sub, T0_MS, 1n]]);
    const retry = await changeOutcomes(deps, merchant, "reverse", sub, ["c1"], null);
    expect(retry.ok && retry.value.unchanged).toBe(1);
    expect(calls).toHaveLength(2);
    expect(await meterUsage(sub, T0_MS)).toMatchObject({ quantity: 1, event_count: 1 });
  });

  it("counts pending outcomes against the reservation and gives the room back when they are reversed", async () => {
    const { type, sub } = await setup({}, { chargingMode: "reserve", reservedFine: 400n * CENT_FINE });
    const first = await record(sub, type, ["p1", "p2", "p3"]);
    expect(first.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["accepted", "accepted", "insufficient_reservation"]);
    expect((await usageOf(server, p.shop.key, sub)).json.reservation).toEqual({ reserved: "4.00", consumed: "4.00", remaining: "0.00" });
    await outcome("reverse", sub, ["p1"]);
    expect((await usageOf(server, p.shop.key, sub)).json.reservation).toMatchObject({ consumed: "2.00" });
    expect((await record(sub, type, ["p3"])).accepted).toBe(1);
    await outcome("confirm", sub, ["p2", "p3"]);
    expect((await usageOf(server, p.shop.key, sub)).json.reservation).toMatchObject({ consumed: "4.00" });
  });

  it("refuses a settled confirmation the current reservation cannot cover, leaving it pending", async () => {
    const { type, sub } = await setup({}, { chargingMode: "reserve", reservedFine: 200n * CENT_FINE });
    await record(sub, type, ["q1"]);
    await openNextPeriod(server.runtime.database, sub, NOW_MS - DAY_MS / 2, NOW_MS + 29 * DAY_MS);
    await record(sub, type, ["q2"], { timestamp: secs(NOW_MS) });
    const res = await outcome("confirm", sub, ["q1"]);
    expect(res.json.results[0]).toMatchObject({ status: "rejected", event_status: "pending", error: { code: "insufficient_reservation" } });
  });

  it("lets only the subscription's merchant (or an admin) confirm and reverse", async () => {
    const { type, sub } = await setup();
    await record(sub, type, ["a1"]);
    const theirs = await outcome("confirm", sub, ["a1"], p.otherShop.key);
    expect(theirs.status).toBe(404);
    expect(theirs.json.error.code).toBe("not_found");
    for (const key of [p.user.key, p.agent.key]) expect((await outcome("reverse", sub, ["a1"], key)).status).toBe(403);
    const bad = await server.callAs(p.shop.key, "POST", "/v1/usage_events/confirm", { subscription_id: sub, event_ids: [] });
    expect(bad.status).toBe(400);
    expect((await meterUsage(sub)).pending_quantity).toBe(1);
  });
});
