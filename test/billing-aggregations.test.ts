import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AGGREGATIONS,
  METER_GROUPS_MAX,
  QUANTITY_MAX,
  aggregateQuantity,
  applyEvent,
  applyEvents,
  createMeterState,
  eventDurationMs,
  mergeMeterStates,
  meterBody,
  meterFromBody,
  meterQuantities,
  parseMeterValue,
  validateMeter,
  type Aggregation,
  type MeterDefinition,
  type MeterState,
  type UsageEvent,
} from "../src/billing/index.js";

function meter(aggregation: Aggregation, extra: Partial<MeterDefinition> = {}): MeterDefinition {
  const needsValue = aggregation === "sum" || aggregation === "max" || aggregation === "unique_count" || aggregation === "latest";
  return { aggregation, valueProperty: needsValue ? "value" : null, valueScaleDigits: 0, groupBy: [], ...extra };
}

let sequence = 0;
function event(properties: Record<string, unknown>, timestampMs = 1_700_000_000_000, id = `evt_${++sequence}`): UsageEvent {
  return { id, timestampMs, properties };
}

/** Applies events that must all be accepted; returns the state. */
function aggregate(definition: MeterDefinition, events: readonly UsageEvent[]): MeterState {
  const state = createMeterState(definition);
  expect(applyEvents(state, events)).toEqual([]);
  return state;
}

/** The quantity of the single, ungrouped group (0 when no event arrived). */
function quantityOf(state: MeterState): bigint {
  const groups = meterQuantities(state);
  expect(groups.length).toBeLessThanOrEqual(1);
  return groups[0]?.quantity ?? 0n;
}

function expectRejected(state: MeterState, e: UsageEvent, code: string): void {
  const before = JSON.stringify(meterQuantities(state), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  const result = applyEvent(state, e);
  expect(result).toMatchObject({ ok: false, error: { code } });
  const after = JSON.stringify(meterQuantities(state), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  expect(after).toBe(before);
}

describe("meter definitions", () => {
  it("accepts consistent meters and refuses inconsistent ones", () => {
    for (const aggregation of AGGREGATIONS) expect(validateMeter(meter(aggregation)).ok).toBe(true);
    const bad: MeterDefinition[] = [
      meter("sum", { valueProperty: null }),
      meter("count", { valueProperty: "value" }),
      meter("sum", { valueScaleDigits: 7 }),
      meter("sum", { valueScaleDigits: 1.5 }),
      meter("count", { groupBy: ["a", "b", "c", "d", "e"] }),
      meter("count", { groupBy: ["a", "a"] }),
      meter("count", { groupBy: ["has space"] }),
      meter("max", { valueProperty: "" }),
    ];
    for (const definition of bad) expect(validateMeter(definition)).toMatchObject({ ok: false, error: { code: "invalid_meter" } });
  });

  it("parses the wire form", () => {
    const body = meterBody.parse({ aggregation: "sum", value_property: "tokens", value_scale_digits: 3, group_by: ["model"] });
    expect(meterFromBody(body)).toEqual({
      ok: true,
      value: { aggregation: "sum", valueProperty: "tokens", valueScaleDigits: 3, groupBy: ["model"] },
    });
    expect(meterFromBody(meterBody.parse({ aggregation: "count" })).ok).toBe(true);
    expect(meterFromBody(meterBody.parse({ aggregation: "latest" }))).toMatchObject({ ok: false, error: { param: "value_property" } });
    expect(meterBody.safeParse({ aggregation: "median" }).success).toBe(false);
  });
});

describe("meter values", () => {
  it.each([
    { raw: "12", scale: 0, value: 12n },
    { raw: "1.5", scale: 3, value: 1500n },
    { raw: "0.001", scale: 3, value: 1n },
    { raw: 0.1, scale: 1, value: 1n },
    { raw: 7, scale: 6, value: 7_000_000n },
    { raw: "0", scale: 0, value: 0n },
    { raw: "9223372036854775807", scale: 0, value: QUANTITY_MAX },
    { raw: "9223372036854.775807", scale: 6, value: QUANTITY_MAX },
  ])("$raw at scale $scale is $value", ({ raw, scale, value }) => {
    expect(parseMeterValue(raw, scale, "p")).toEqual({ ok: true, value });
  });

  it.each([
    { raw: "1.25", scale: 1, code: "invalid_value" },
    { raw: "-1", scale: 0, code: "invalid_value" },
    { raw: -1, scale: 0, code: "invalid_value" },
    { raw: "01", scale: 0, code: "invalid_value" },
    { raw: "1e3", scale: 0, code: "invalid_value" },
    { raw: " 1", scale: 0, code: "invalid_value" },
    { raw: 1e21, scale: 0, code: "invalid_value" },
    { raw: 2 ** 53, scale: 0, code: "invalid_value" },
    { raw: Number.NaN, scale: 0, code: "invalid_value" },
    { raw: true, scale: 0, code: "invalid_value" },
    { raw: "9223372036854775808", scale: 0, code: "value_too_large" },
    { raw: "9223372036854.775808", scale: 6, code: "value_too_large" },
    { raw: "1".repeat(10_000), scale: 0, code: "value_too_large" },
  ])("$raw at scale $scale is refused ($code)", ({ raw, scale, code }) => {
    expect(parseMeterValue(raw, scale, "properties.value")).toMatchObject({
      ok: false,
      error: { code, param: "properties.value" },
    });
  });
});

describe("count", () => {
  it("counts every event it is given (dedup is upstream)", () => {
    expect(quantityOf(aggregate(meter("count"), [event({}), event({}), event({ any: 1 })]))).toBe(3n);
    expect(quantityOf(aggregate(meter("count"), []))).toBe(0n);
  });
});

describe("sum", () => {
  it("adds exact scaled values", () => {
    const definition = meter("sum", { valueScaleDigits: 2 });
    const state = aggregate(definition, [event({ value: "1.5" }), event({ value: 2 }), event({ value: "0.25" }), event({ value: "0" })]);
    expect(quantityOf(state)).toBe(375n);
  });

  it("refuses missing, malformed and overflowing values and leaves the state unchanged", () => {
    const state = aggregate(meter("sum"), [event({ value: QUANTITY_MAX.toString() })]);
    expectRejected(state, event({ value: 1 }), "quantity_overflow");
    expectRejected(state, event({}), "missing_value");
    expectRejected(state, event({ value: null }), "missing_value");
    expectRejected(state, event({ value: "1.5" }), "invalid_value");
    expect(quantityOf(state)).toBe(QUANTITY_MAX);
    expect(applyEvent(state, event({ value: 0 })).ok).toBe(true);
  });
});

describe("max", () => {
  it("keeps the largest value, 0 when empty", () => {
    expect(quantityOf(aggregate(meter("max"), [event({ value: 3 }), event({ value: "7" }), event({ value: 5 })]))).toBe(7n);
    expect(quantityOf(aggregate(meter("max"), [event({ value: 0 })]))).toBe(0n);
    expect(quantityOf(aggregate(meter("max"), []))).toBe(0n);
  });
});

describe("unique_count", () => {
  it("counts distinct values, 42 and \"42\" being the same", () => {
    const events = [event({ value: "a" }), event({ value: "b" }), event({ value: "a" }), event({ value: 42 }), event({ value: "42" }), event({ value: true })];
    expect(quantityOf(aggregate(meter("unique_count"), events))).toBe(4n);
  });

  it("refuses floats, objects and overlong strings", () => {
    const state = aggregate(meter("unique_count"), []);
    expectRejected(state, event({ value: 1.5 }), "invalid_value");
    expectRejected(state, event({ value: { id: 1 } }), "invalid_value");
    expectRejected(state, event({ value: "x".repeat(257) }), "invalid_value");
    expectRejected(state, event({}), "missing_value");
  });
});

describe("latest", () => {
  it("takes the value of the greatest timestamp, whatever the arrival order", () => {
    const events = [event({ value: 10 }, 3_000), event({ value: 30 }, 5_000), event({ value: 20 }, 4_000)];
    expect(quantityOf(aggregate(meter("latest"), events))).toBe(30n);
    expect(quantityOf(aggregate(meter("latest"), [...events].reverse()))).toBe(30n);
  });

  it("breaks timestamp ties by the greater event id", () => {
    const events = [event({ value: 1 }, 5_000, "evt_b"), event({ value: 2 }, 5_000, "evt_a"), event({ value: 3 }, 5_000, "evt_c")];
    for (const order of [events, [...events].reverse(), [events[2]!, events[0]!, events[1]!]]) {
      const state = aggregate(meter("latest"), order);
      expect(quantityOf(state)).toBe(3n);
      const group = [...state.groups.values()][0]!;
      expect(group.state).toMatchObject({ latest: { eventId: "evt_c", timestampMs: 5_000 } });
    }
  });

  it("is 0 with no events", () => {
    expect(quantityOf(aggregate(meter("latest"), []))).toBe(0n);
  });
});

describe("duration", () => {
  it.each([
    { properties: { duration_ms: 1500 }, ms: 1500 },
    { properties: { duration_ms: "0" }, ms: 0 },
    { properties: { started_at: 1_000, ended_at: 61_000 }, ms: 60_000 },
    { properties: { started_at: "1000", ended_at: "1001" }, ms: 1 },
    { properties: { started_at: "2026-01-01T00:00:00Z", ended_at: "2026-01-01T00:01:30.250Z" }, ms: 90_250 },
    { properties: { started_at: "2026-01-01T08:00:00+08:00", ended_at: "2026-01-01T00:00:01Z" }, ms: 1_000 },
    { properties: { started_at: 5, ended_at: 5 }, ms: 0 },
    { properties: { duration_ms: 31_622_400_000 }, ms: 31_622_400_000 },
  ])("$properties lasts $ms ms", ({ properties, ms }) => {
    expect(eventDurationMs(event(properties))).toEqual({ ok: true, value: ms });
  });

  it.each([
    { properties: {} },
    { properties: { duration_ms: 10, started_at: 0, ended_at: 10 } },
    { properties: { duration_ms: 10, ended_at: 10 } },
    { properties: { started_at: 0 } },
    { properties: { ended_at: 0 } },
    { properties: { started_at: 10, ended_at: 5 } },
    { properties: { duration_ms: -1 } },
    { properties: { duration_ms: 1.5 } },
    { properties: { duration_ms: "2026-01-01T00:00:00Z" } },
    { properties: { started_at: "2026-01-01 00:00:00", ended_at: "2026-01-01T00:00:01Z" } },
    { properties: { started_at: "2026-01-01T00:00:00", ended_at: "2026-01-01T00:00:01Z" } },
    { properties: { started_at: "2026-01-01T00:00:00.1234Z", ended_at: "2026-01-01T00:00:01Z" } },
    { properties: { duration_ms: 31_622_400_001 } },
  ])("$properties is refused", ({ properties }) => {
    expect(eventDurationMs(event(properties))).toMatchObject({ ok: false, error: { code: "invalid_duration" } });
  });

  it("sums event durations; overlapping sessions each count", () => {
    const events = [event({ started_at: 0, ended_at: 10_000 }), event({ started_at: 5_000, ended_at: 15_000 }), event({ duration_ms: 250 })];
    expect(quantityOf(aggregate(meter("duration"), events))).toBe(20_250n);
  });
});

describe("group by", () => {
  it("keeps one state per key tuple, null for a missing property", () => {
    const definition = meter("sum", { groupBy: ["model", "region"] });
    const state = aggregate(definition, [
      event({ value: 1, model: "qwen", region: "cn" }),
      event({ value: 2, model: "qwen", region: "cn" }),
      event({ value: 4, model: "qwen" }),
      event({ value: 8, model: "qwen", region: null }),
      event({ value: 16, model: 7, region: "cn" }),
      event({ value: 32, model: "7", region: "cn" }),
    ]);
    expect(meterQuantities(state)).toEqual([
      { key: ["7", "cn"], quantity: 48n },
      { key: ["qwen", "cn"], quantity: 3n },
      { key: ["qwen", null], quantity: 12n },
    ]);
  });

  it("refuses a non-scalar group value and bounds the number of groups", () => {
    const state = aggregate(meter("count", { groupBy: ["user"] }), []);
    expectRejected(state, event({ user: ["a"] }), "invalid_value");
    for (let i = 0; i < METER_GROUPS_MAX; i++) expect(applyEvent(state, event({ user: i })).ok).toBe(true);
    expectRejected(state, event({ user: "one more" }), "too_many_groups");
    expect(applyEvent(state, event({ user: 0 })).ok).toBe(true);
  });

  it("reports rejected events of a batch by index and applies the rest", () => {
    const state = createMeterState(meter("sum"));
    const rejected = applyEvents(state, [event({ value: 1 }), event({ value: "x" }, 0, "evt_bad"), event({ value: 2 })]);
    expect(rejected).toEqual([{ index: 1, eventId: "evt_bad", error: expect.objectContaining({ code: "invalid_value" }) }]);
    expect(quantityOf(state)).toBe(3n);
  });
});

describe("merging", () => {
  const valueAggregations = new Set(["sum", "max", "unique_count", "latest"]);
  const arbitraryEvent = fc.record({
    value: fc.integer({ min: 0, max: 1_000 }),
    group: fc.constantFrom("a", "b", "c"),
    timestampMs: fc.integer({ min: 0, max: 20 }),
    durationMs: fc.integer({ min: 0, max: 10_000 }),
  });

  function toEvents(raw: ReadonlyArray<{ value: number; group: string; timestampMs: number; durationMs: number }>): UsageEvent[] {
    return raw.map((r, i) => ({
      id: `evt_${String(i).padStart(4, "0")}`,
      timestampMs: r.timestampMs,
      properties: { value: r.value, group: r.group, duration_ms: r.durationMs },
    }));
  }

  function summary(state: MeterState): string {
    const groups = [...state.groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return JSON.stringify(groups, (_k, v: unknown) =>
      typeof v === "bigint" ? v.toString() : v instanceof Set ? [...(v as Set<string>)].sort() : v,
    );
  }

  it.each(AGGREGATIONS.map((aggregation) => ({ aggregation })))(
    "$aggregation: batches merged in any order equal one sequential pass",
    ({ aggregation }) => {
      const definition = meter(aggregation, { groupBy: ["group"], valueProperty: valueAggregations.has(aggregation) ? "value" : null });
      fc.assert(
        fc.property(fc.array(arbitraryEvent, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (raw, cuts, reverse) => {
          const events = toEvents(raw);
          const sequential = aggregate(definition, events);
          const bounds = [...new Set(cuts.map((c) => (events.length === 0 ? 0 : c % events.length)))].sort((a, b) => a - b);
          const batches = [0, ...bounds, events.length].slice(1).map((end, i, ends) => events.slice(i === 0 ? 0 : ends[i - 1], end));
          const states = batches.map((batch) => aggregate(definition, batch));
          if (reverse) states.reverse();
          let merged = createMeterState(definition);
          for (const state of states) {
            const result = mergeMeterStates(merged, state);
            expect(result.ok).toBe(true);
            if (result.ok) merged = result.value;
          }
          expect(summary(merged)).toBe(summary(sequential));
        }),
        { numRuns: 150 },
      );
    },
  );

  it("leaves its inputs untouched and refuses an overflowing merge", () => {
    const definition = meter("unique_count");
    const a = aggregate(definition, [event({ value: "x" })]);
    const b = aggregate(definition, [event({ value: "y" })]);
    const merged = mergeMeterStates(a, b);
    expect(merged.ok && quantityOf(merged.value)).toBe(2n);
    expect(quantityOf(a)).toBe(1n);
    expect(quantityOf(b)).toBe(1n);

    const big = aggregate(meter("sum"), [event({ value: QUANTITY_MAX.toString() })]);
    const one = aggregate(meter("sum"), [event({ value: 1 })]);
    expect(mergeMeterStates(big, one)).toMatchObject({ ok: false, error: { code: "quantity_overflow" } });
    expect(quantityOf(big)).toBe(QUANTITY_MAX);
  });

  it("refuses to merge states of different meters (a bug)", () => {
    expect(() => mergeMeterStates(createMeterState(meter("count")), createMeterState(meter("sum")))).toThrow(RangeError);
  });

  it("reports quantities of every aggregation kind", () => {
    const state = aggregate(meter("duration"), [event({ duration_ms: 5 })]);
    const group = [...state.groups.values()][0]!;
    expect(aggregateQuantity(group.state)).toBe(5n);
  });
});
