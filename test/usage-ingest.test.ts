import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { listUsageEvents, periodUsage, presentUsageEvent, recordUsage } from "../src/usage/index.js";
import { engines } from "./harness.js";
import { seedOperator, startServer, type TestServer } from "./http-harness.js";
import { createMeter, DAY_MS, insertSubscription, newType, openNextPeriod, type Parties, report, secs, seedParties, T0_MS, usageOf } from "./usage-fixtures.js";

/** Every aggregation end to end, against hand-computed figures; deduplication; time windows; partial batches. */
describe.each(engines)("usage ingestion on %s", (engine) => {
  let server: TestServer;
  let p: Parties;
  const NOW_MS = T0_MS + 10 * DAY_MS;
  const clock = new ManualClock(NOW_MS);
  const at = (offsetMs = 0) => secs(NOW_MS - DAY_MS + offsetMs);

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, webhookWorker: false });
    p = await seedParties(server);
  });
  afterAll(async () => server.close());

  const meterAndSubscription = async (meter: Record<string, unknown>, plan: Record<string, unknown> = {}) => {
    const type = newType(String(meter.aggregation));
    const m = await createMeter(server, p.shop.key, { event_type: type, ...meter });
    const sub = await insertSubscription(server.runtime.database, { merchantId: p.shop.id, userId: p.user.id, agentId: p.agent.id, charges: [{ meter_id: m.id, ...plan }] });
    return { type, meter: m, sub };
  };
  const accepted = async (events: unknown[]) => {
    const res = await report(server, p.shop.key, events);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json;
  };
  const meterUsage = async (sub: string) => {
    const res = await usageOf(server, p.shop.key, sub);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json.meters[0];
  };

  it("counts events, once each, and answers every event's outcome in order", async () => {
    const { type, meter, sub } = await meterAndSubscription({ aggregation: "count" });
    const batch = await accepted([
      { id: "e1", subscription_id: sub, type, timestamp: at() },
      { id: "e2", subscription_id: sub, type, timestamp: at() },
      { id: "e1", subscription_id: sub, type, timestamp: at() },
      { id: "e3", subscription_id: sub, type: "no_such_type", timestamp: at() },
    ]);
    expect(batch).toMatchObject({ object: "usage_batch", accepted: 2, duplicates: 1, rejected: 1 });
    expect(batch.id).toMatch(/^ubt_/);
    expect(batch.results).toEqual([
      { index: 0, id: "e1", status: "accepted" },
      { index: 1, id: "e2", status: "accepted" },
      { index: 2, id: "e1", status: "duplicate" },
      { index: 3, id: "e3", status: "rejected", error: expect.objectContaining({ code: "meter_not_found", param: "events[3].type" }) },
    ]);
    expect(await meterUsage(sub)).toMatchObject({ meter_id: meter.id, quantity: 2, pending_quantity: 0, event_count: 2, amount: "0.02" });
    const audit = await server.runtime.database.db.selectFrom("audit_events").selectAll().where("object_id", "=", batch.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "usage.recorded", object_type: "usage_batch", actor_type: "merchant", actor_id: p.shop.id });
    expect(JSON.parse(audit[0]!.data!)).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1, subscription_ids: [sub], first_event_id: "e1", last_event_id: "e2" });
  });

  it("sums decimal values exactly at the meter's scale, and refuses values it cannot hold", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "sum", value_property: "gb", value_scale_digits: 3 }, { price: { model: "per_unit", unit_price: "0.00001" } });
    const batch = await accepted([
      { id: "a", subscription_id: sub, type, timestamp: at(), properties: { gb: "1.5" } },
      { id: "b", subscription_id: sub, type, timestamp: at(), properties: { gb: 2.25 } },
      { id: "c", subscription_id: sub, type, timestamp: at(), properties: { gb: "0.001" } },
      { id: "d", subscription_id: sub, type, timestamp: at(), properties: { gb: 7 } },
      { id: "e", subscription_id: sub, type, timestamp: at(), properties: { gb: "1.0001" } },
      { id: "f", subscription_id: sub, type, timestamp: at(), properties: { gb: -1 } },
      { id: "g", subscription_id: sub, type, timestamp: at(), properties: {} },
    ]);
    expect(batch.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["accepted", "accepted", "accepted", "accepted", "invalid_value", "invalid_value", "missing_value"]);
    expect(batch.results[4].error.param).toBe("events[4].properties.gb");
    // 1.5 + 2.25 + 0.001 + 7 = 10.751 GB = 10751 units of 0.001 GB, at ¥0.00001 each.
    expect(await meterUsage(sub)).toMatchObject({ quantity: 10_751, event_count: 4, amount: "0.10751" });
  });

  it("keeps the largest value of a max meter, in any arrival order", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "max", value_property: "seats" });
    await accepted([5, 9, 3].map((seats, i) => ({ id: `m${i}`, subscription_id: sub, type, timestamp: at(-i * 1000), properties: { seats } })));
    await accepted([{ id: "m3", subscription_id: sub, type, timestamp: at(-DAY_MS / 2), properties: { seats: 4 } }]);
    expect(await meterUsage(sub)).toMatchObject({ quantity: 9, event_count: 4, amount: "0.09" });
  });

  it("counts distinct values of a unique_count meter (42 and \"42\" are one user), across batches", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "unique_count", value_property: "user" });
    const batch = await accepted(["a", "b", "a", 42].map((user, i) => ({ id: `u${i}`, subscription_id: sub, type, timestamp: at(), properties: { user } })));
    expect(batch.accepted).toBe(4);
    await accepted([
      { id: "u4", subscription_id: sub, type, timestamp: at(), properties: { user: "42" } },
      { id: "u5", subscription_id: sub, type, timestamp: at(), properties: { user: "c" } },
      { id: "u6", subscription_id: sub, type, timestamp: at(), properties: { user: 1.5 } },
    ]);
    expect(await meterUsage(sub)).toMatchObject({ quantity: 4, event_count: 6 });
    const events = await server.callAs(p.shop.key, "GET", `/v1/usage_events?subscription_id=${sub}&limit=100`);
    expect(Object.fromEntries(events.json.data.map((e: any) => [e.id, e.quantity]))).toEqual({ u0: 1, u1: 1, u2: 0, u3: 1, u4: 0, u5: 1 });
  });

  it("takes the value of the latest event by timestamp, ties broken by event id, whatever the arrival order", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "latest", value_property: "gauge" });
    await accepted([
      { id: "l1", subscription_id: sub, type, timestamp: at(-3000), properties: { gauge: 10 } },
      { id: "l3", subscription_id: sub, type, timestamp: at(-1000), properties: { gauge: 30 } },
      { id: "l2", subscription_id: sub, type, timestamp: at(-2000), properties: { gauge: 20 } },
    ]);
    expect(await meterUsage(sub)).toMatchObject({ quantity: 30 });
    await accepted([{ id: "l0", subscription_id: sub, type, timestamp: at(-5000), properties: { gauge: 99 } }]);
    expect(await meterUsage(sub)).toMatchObject({ quantity: 30, event_count: 4 });
    await accepted([
      { id: "lz", subscription_id: sub, type, timestamp: at(), properties: { gauge: 7 } },
      { id: "ly", subscription_id: sub, type, timestamp: at(), properties: { gauge: 8 } },
    ]);
    expect(await meterUsage(sub)).toMatchObject({ quantity: 7 });
  });

  it("adds durations given as duration_ms or as started_at/ended_at", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "duration" }, { price: { model: "per_duration", unit_price: "0.60", unit: "minute", round: "prorate" } });
    const started = NOW_MS - 2 * DAY_MS;
    const batch = await accepted([
      { id: "d1", subscription_id: sub, type, timestamp: at(), properties: { duration_ms: 90_000 } },
      { id: "d2", subscription_id: sub, type, timestamp: at(), properties: { started_at: new Date(started).toISOString(), ended_at: started + 30_000 } },
      { id: "d3", subscription_id: sub, type, timestamp: at(), properties: { started_at: started + 1, ended_at: started } },
    ]);
    expect(batch.results[2].error.code).toBe("invalid_duration");
    // 120,000 ms at ¥0.60 a minute, to the millisecond: ¥1.20.
    expect(await meterUsage(sub)).toMatchObject({ quantity: 120_000, event_count: 2, amount: "1.20" });
  });

  it("breaks a meter down by its group-by keys and adds the groups", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "sum", value_property: "tokens", group_by: ["model", "region"] });
    await accepted([
      { id: "g1", subscription_id: sub, type, timestamp: at(), properties: { tokens: 10, model: "a", region: "cn" } },
      { id: "g2", subscription_id: sub, type, timestamp: at(), properties: { tokens: 5, model: "b", region: "cn" } },
      { id: "g3", subscription_id: sub, type, timestamp: at(), properties: { tokens: 3, model: "a", region: "cn" } },
      { id: "g4", subscription_id: sub, type, timestamp: at(), properties: { tokens: 7 } },
      { id: "g5", subscription_id: sub, type, timestamp: at(), properties: { tokens: 1, model: { nested: true } } },
    ]);
    const usage = await meterUsage(sub);
    expect(usage).toMatchObject({ quantity: 25, event_count: 4 });
    expect(usage.groups).toEqual([
      { key: ["a", "cn"], quantity: 13, pending_quantity: 0, event_count: 2 },
      { key: ["b", "cn"], quantity: 5, pending_quantity: 0, event_count: 1 },
      { key: [null, null], quantity: 7, pending_quantity: 0, event_count: 1 },
    ]);
  });

  it("gives settlement each meter's confirmed quantity across groups, by the meter's aggregation", async () => {
    const seats = await createMeter(server, p.shop.key, { event_type: newType("seats"), aggregation: "max", value_property: "n", group_by: ["region"] });
    const gauge = await createMeter(server, p.shop.key, { event_type: newType("gauge"), aggregation: "latest", value_property: "n", group_by: ["region"] });
    const tickets = await createMeter(server, p.shop.key, { event_type: newType("tickets"), aggregation: "count", outcome_based: true, group_by: ["region"] });
    const sub = await insertSubscription(server.runtime.database, {
      merchantId: p.shop.id,
      userId: p.user.id,
      agentId: p.agent.id,
      charges: [{ meter_id: seats.id }, { meter_id: gauge.id }, { meter_id: tickets.id }],
    });
    const e = (id: string, type: string, region: string, n: number | null, offsetMs: number, status?: string) => ({
      id,
      subscription_id: sub,
      type,
      timestamp: at(offsetMs),
      properties: n === null ? { region } : { region, n },
      ...(status === undefined ? {} : { status }),
    });
    await accepted([
      e("s1", seats.event_type, "cn", 5, 0, undefined),
      e("s2", seats.event_type, "eu", 9, 0, undefined),
      e("s3", seats.event_type, "cn", 7, 0, undefined),
      e("g1", gauge.event_type, "eu", 20, -1_000, undefined),
      e("g2", gauge.event_type, "cn", 10, -2_000, undefined),
      e("t1", tickets.event_type, "cn", null, 0, "confirmed"),
      e("t2", tickets.event_type, "eu", null, 0, "confirmed"),
      e("t3", tickets.event_type, "eu", null, 0),
    ]);
    const usage = await periodUsage(server.runtime.database.db, sub, T0_MS);
    expect(Object.fromEntries(usage)).toEqual({
      [seats.id]: { quantity: 9n, pendingQuantity: 0n, eventCount: 3n },
      [gauge.id]: { quantity: 20n, pendingQuantity: 0n, eventCount: 2n },
      [tickets.id]: { quantity: 2n, pendingQuantity: 1n, eventCount: 3n },
    });
    expect((await periodUsage(server.runtime.database.db, sub, T0_MS - 30 * DAY_MS)).size).toBe(0);
    const page = await listUsageEvents(server.runtime.database.db, { subscriptionId: sub, periodStartMs: T0_MS, startingAfter: "s1", limit: 3 });
    expect(page.hasMore).toBe(true);
    expect(page.data.map((v) => [v.eventId, v.quantity, v.groupKey])).toEqual([
      ["s2", 9n, ["eu"]],
      ["s3", 7n, ["cn"]],
      ["t1", 1n, ["cn"]],
    ]);
    expect(presentUsageEvent(page.data[0]!)).toMatchObject({ object: "usage_event", id: "s2", quantity: 9, group_key: ["eu"], status: "confirmed" });
  });

  it("never counts a duplicate twice: in one batch, days later, or after the period has closed", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "count" });
    await accepted([{ id: "x1", subscription_id: sub, type, timestamp: at() }]);
    clock.advanceMs(3 * DAY_MS);
    try {
      const later = await accepted([
        { id: "x1", subscription_id: sub, type, timestamp: at() },
        { id: "x2", subscription_id: sub, type, timestamp: at() },
        { id: "x2", subscription_id: sub, type, timestamp: at() },
      ]);
      expect(later.results.map((r: any) => r.status)).toEqual(["duplicate", "accepted", "duplicate"]);
      await openNextPeriod(server.runtime.database, sub, T0_MS + 12 * DAY_MS, T0_MS + 42 * DAY_MS);
      // Its period is closed now, yet the resend is a duplicate (recorded), not a rejection (lost).
      const resent = await accepted([{ id: "x1", subscription_id: sub, type, timestamp: at() }, { id: "x3", subscription_id: sub, type, timestamp: at() }]);
      expect(resent.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["duplicate", "period_closed"]);
      const old = await usageOf(server, p.shop.key, sub, T0_MS);
      expect(old.json.meters[0]).toMatchObject({ quantity: 2, event_count: 2 });
      expect(old.json).toMatchObject({ current: false, period_end: null });
    } finally {
      clock.setMs(NOW_MS);
    }
  });

  it("counts an event once when concurrent requests report it together", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "sum", value_property: "n" });
    const events = Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, subscription_id: sub, type, timestamp: at(), properties: { n: i } }));
    const answers = await Promise.all(Array.from({ length: 8 }, () => report(server, p.shop.key, events)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.reduce((n, a) => n + a.json.accepted, 0)).toBe(50);
    expect(answers.reduce((n, a) => n + a.json.duplicates, 0)).toBe(350);
    // 0 + 1 + … + 49.
    expect(await meterUsage(sub)).toMatchObject({ quantity: 1_225, event_count: 50 });
  });

  it("refuses timestamps outside the accepted window or the current period, and counts nothing of them", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "count" });
    const periodEndMs = NOW_MS + 2 * 60_000;
    await server.runtime.database.db.updateTable("subscriptions").set({ current_period_start: BigInt(NOW_MS - 40 * DAY_MS), current_period_end: BigInt(periodEndMs) }).where("id", "=", sub).execute();
    const batch = await accepted([
      { id: "t1", subscription_id: sub, type, timestamp: secs(NOW_MS + 6 * 60_000) },
      { id: "t2", subscription_id: sub, type, timestamp: secs(NOW_MS - 36 * DAY_MS) },
      { id: "t3", subscription_id: sub, type, timestamp: secs(periodEndMs) },
      { id: "t4", subscription_id: sub, type, timestamp: secs(NOW_MS + 60_000) },
      { id: "t5", subscription_id: sub, type },
    ]);
    expect(batch.results.map((r: any) => r.error?.code ?? r.status)).toEqual(["timestamp_out_of_range", "timestamp_out_of_range", "period_not_open", "accepted", "accepted"]);
    expect(batch.results[0].error.param).toBe("events[0].timestamp");
    const other = await meterAndSubscription({ aggregation: "count" });
    const closed = await accepted([{ id: "t6", subscription_id: other.sub, type: other.type, timestamp: secs(T0_MS - 1) }]);
    expect(closed.results[0].error.code).toBe("period_closed");
    expect(await meterUsage(sub)).toMatchObject({ quantity: 2, event_count: 2 });
    expect(await meterUsage(other.sub)).toMatchObject({ quantity: 0, event_count: 0 });
    const stored = await server.runtime.database.db.selectFrom("usage_events").select("event_id").where("subscription_id", "in", [sub, other.sub]).execute();
    expect(stored.map((r) => r.event_id).sort()).toEqual(["t4", "t5"]);
  });

  it("rejects malformed events one by one and records the rest", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "count" });
    const batch = await accepted([
      "not an object",
      { subscription_id: sub, type },
      { id: "ok-1", subscription_id: sub, type, timestamp: at(), colour: "red" },
      { id: "ok-2", subscription_id: sub, type, timestamp: "2025-03-05T00:00:00Z" },
      { id: "ok-3", subscription_id: sub, type, timestamp: 1741132800.1234 },
      { id: "ok-4", subscription_id: sub, type, properties: [1, 2] },
      { id: "ok-5", subscription_id: sub, type, status: "done" },
      { id: "x".repeat(129), subscription_id: sub, type },
      { id: "ok-6", subscription_id: sub, type, timestamp: at(125) },
    ]);
    expect(batch.results.map((r: any) => r.error?.param ?? r.status)).toEqual([
      "events[0]",
      "events[1].id",
      "events[2].colour",
      "events[3].timestamp",
      "events[4].timestamp",
      "events[5].properties",
      "events[6].status",
      "events[7].id",
      "accepted",
    ]);
    expect(batch.results.slice(0, 8).every((r: any) => r.error.code === "validation_error")).toBe(true);
    expect(batch).toMatchObject({ accepted: 1, rejected: 8 });
  });

  it("refuses events that do not fit the subscription, the meter or the plan", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "count" });
    const unbilled = await createMeter(server, p.shop.key, { event_type: newType("unbilled"), aggregation: "count" });
    const archived = await meterAndSubscription({ aggregation: "count" });
    expect((await server.callAs(p.shop.key, "POST", `/v1/meters/${archived.meter.id}`, { status: "archived" })).status).toBe(200);
    const canceled = await insertSubscription(server.runtime.database, { merchantId: p.shop.id, userId: p.user.id, agentId: p.agent.id, charges: [], status: "canceled" });
    const theirs = await insertSubscription(server.runtime.database, { merchantId: p.otherShop.id, userId: p.user.id, agentId: p.agent.id, charges: [] });
    const batch = await accepted([
      { id: "r1", subscription_id: sub, type: unbilled.event_type },
      { id: "r2", subscription_id: archived.sub, type: archived.type },
      { id: "r3", subscription_id: canceled, type },
      { id: "r4", subscription_id: theirs, type },
      { id: "r5", subscription_id: "sub_nope", type },
      { id: "r6", subscription_id: sub, type, status: "pending" },
    ]);
    expect(batch.results.map((r: any) => r.error.code)).toEqual([
      "meter_not_in_plan",
      "meter_archived",
      "subscription_not_active",
      "subscription_not_found",
      "subscription_not_found",
      "invalid_status",
    ]);
  });

  it("records nothing of an all-or-nothing batch with a bad event, and all of it once fixed", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "count" });
    const events = [
      { id: "n1", subscription_id: sub, type, timestamp: at() },
      { id: "n2", subscription_id: sub, type: "nope", timestamp: at() },
    ];
    const refused = await report(server, p.shop.key, events, { all_or_nothing: true });
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ id: null, accepted: 0, rejected: 2 });
    expect(refused.json.results.map((r: any) => r.error.code)).toEqual(["batch_not_applied", "meter_not_found"]);
    expect(await meterUsage(sub)).toMatchObject({ quantity: 0 });
    const fixed = await report(server, p.shop.key, [events[0]!, { ...events[1]!, type }], { all_or_nothing: true });
    expect(fixed.json).toMatchObject({ accepted: 2, rejected: 0 });
    expect(await meterUsage(sub)).toMatchObject({ quantity: 2 });
  });

  it("keeps batches that commit together apart: one that fails or is refused does not take the others with it", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "count" });
    // A subscription whose plan row is missing: its batch fails with an internal error.
    const broken = await insertSubscription(server.runtime.database, { merchantId: p.shop.id, userId: p.user.id, agentId: p.agent.id, charges: [] });
    await server.runtime.database.db.updateTable("subscriptions").set({ plan_id: "pln_missing" }).where("id", "=", broken).execute();
    const merchant = { type: "merchant" as const, id: p.shop.id };
    const usage = server.runtime.usage;
    // Started in one turn of the event loop, so that on SQLite they share one transaction.
    const [good, failed, refused, later] = await Promise.allSettled([
      recordUsage(usage, merchant, [{ id: "k1", subscription_id: sub, type, timestamp: at() }]),
      recordUsage(usage, merchant, [{ id: "k2", subscription_id: broken, type, timestamp: at() }]),
      recordUsage(usage, merchant, [{ id: "k3", subscription_id: sub, type, timestamp: at() }, { id: "k4", subscription_id: sub, type: "nope" }], { allOrNothing: true }),
      recordUsage(usage, merchant, [{ id: "k5", subscription_id: sub, type, timestamp: at() }]),
    ]);
    expect(good.status === "fulfilled" && good.value.ok && good.value.value.accepted).toBe(1);
    expect(failed.status).toBe("rejected");
    expect(refused.status === "fulfilled" && refused.value.ok && refused.value.value.accepted).toBe(0);
    expect(later.status === "fulfilled" && later.value.ok && later.value.value.accepted).toBe(1);
    const stored = await server.runtime.database.db.selectFrom("usage_events").select("event_id").where("subscription_id", "in", [sub, broken]).execute();
    expect(stored.map((r) => r.event_id).sort()).toEqual(["k1", "k5"]);
    expect(await meterUsage(sub)).toMatchObject({ quantity: 2, event_count: 2 });
  });

  it("answers 400 for a malformed batch and records nothing", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "count" });
    const one = { id: "b1", subscription_id: sub, type };
    const cases: unknown[] = [{ events: [] }, { events: Array.from({ length: 1001 }, (_, i) => ({ ...one, id: `b${i}` })) }, { events: one }, { events: [one], extra: 1 }, { events: [one], all_or_nothing: "yes" }, [one]];
    for (const body of cases) {
      const res = await server.callAs(p.shop.key, "POST", "/v1/usage_events", body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json.error.code).toBe("validation_error");
    }
    const garbled = await server.callAs(p.shop.key, "POST", "/v1/usage_events", "{\"events\": [");
    expect(garbled.json.error.code).toBe("invalid_json");
    expect(await meterUsage(sub)).toMatchObject({ quantity: 0 });
  });

  it("lists a subscription's events in id order, page by page and by period", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "sum", value_property: "n" });
    await accepted(["c", "a", "b"].map((id, i) => ({ id, subscription_id: sub, type, timestamp: at(i), properties: { n: i + 1, note: id } })));
    const first = await server.callAs(p.shop.key, "GET", `/v1/usage_events?subscription_id=${sub}&limit=2`);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.data.map((e: any) => e.id)).toEqual(["a", "b"]);
    expect(first.json.has_more).toBe(true);
    expect(first.json.data[0]).toMatchObject({ object: "usage_event", subscription_id: sub, quantity: 2, status: "confirmed", timestamp: at(1), period_start: secs(T0_MS), properties: { n: 2, note: "a" }, group_key: [] });
    const next = await server.callAs(p.shop.key, "GET", `/v1/usage_events?subscription_id=${sub}&limit=2&starting_after=b`);
    expect(next.json.data.map((e: any) => e.id)).toEqual(["c"]);
    expect(next.json.has_more).toBe(false);
    const none = await server.callAs(p.shop.key, "GET", `/v1/usage_events?subscription_id=${sub}&period_start=${secs(T0_MS - 30 * DAY_MS)}`);
    expect(none.json.data).toEqual([]);
  });

  it("lets only the subscription's merchant report, and its parties and operators read", async () => {
    const { type, sub } = await meterAndSubscription({ aggregation: "count" });
    await accepted([{ id: "s1", subscription_id: sub, type, timestamp: at() }]);
    const event = { id: "s2", subscription_id: sub, type, timestamp: at() };
    const theirs = await report(server, p.otherShop.key, [event]);
    expect(theirs.status).toBe(200);
    expect(theirs.json.results[0].error.code).toBe("subscription_not_found");
    for (const key of [p.user.key, p.agent.key]) expect((await report(server, key, [event])).status).toBe(403);
    const support = await seedOperator(server, "support");
    expect((await report(server, support.key, [event])).status).toBe(403);
    const admin = await seedOperator(server, "admin");
    expect((await report(server, admin.key, [event])).json.accepted).toBe(1);
    for (const key of [p.shop.key, p.user.key, p.agent.key, support.key]) {
      expect((await usageOf(server, key, sub)).status).toBe(200);
      expect((await server.callAs(key, "GET", `/v1/usage_events?subscription_id=${sub}`)).status).toBe(200);
    }
    for (const key of [p.otherShop.key, p.otherUser.key, p.otherAgent.key]) {
      const usage = await usageOf(server, key, sub);
      expect(usage.status).toBe(404);
      expect(usage.json.error.code).toBe("not_found");
      expect((await server.callAs(key, "GET", `/v1/usage_events?subscription_id=${sub}`)).status).toBe(404);
    }
    expect((await usageOf(server, p.shop.key, "sub_missing")).status).toBe(404);
  });
});
