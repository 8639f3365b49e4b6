import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEvent, parseTimestamp } from "../src/usage/parse-event.js";
import { usageEventInput } from "../src/usage/index.js";

/**
 * Ingestion checks an event's shape by hand (it runs per event at full rate); the documented
 * schema (OpenAPI, MCP) is `usageEventInput`. They must accept exactly the same events.
 */
describe("a usage event's shape", () => {
  const NOW_MS = 1_741_000_000_000;
  const printable = (min: number, max: number) =>
    fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: min, maxLength: max });
  /** Mostly valid, sometimes one of the ways a field goes wrong, sometimes absent. */
  const field = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>, absent: number) =>
    fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: invalid, weight: 1 }, { arbitrary: fc.constant(undefined), weight: absent });
  const text = (max: number) => fc.oneof(printable(1, max), fc.string({ minLength: 1, maxLength: max }));
  const event = fc.record({
    id: field(printable(1, 128), fc.oneof(fc.constant(""), printable(129, 140), fc.constant("é"), fc.integer()), 1),
    subscription_id: field(text(64), fc.oneof(fc.constant(""), printable(65, 70), fc.integer()), 1),
    type: field(text(64), fc.oneof(fc.constant(""), printable(65, 70), fc.boolean()), 1),
    timestamp: field(
      fc.oneof(fc.integer({ min: 0, max: 100_000_000_000 }), fc.integer({ min: 0, max: 99_999_999_999_999 }).map((ms) => ms / 1000)),
      fc.oneof(fc.double({ min: -1e12, max: 1e12 }), fc.constant(null), fc.constant("1718000000"), fc.integer({ min: 0, max: 1e9 }).map((s) => s + 0.0001)),
      4,
    ),
    properties: field(
      fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => k !== "__proto__"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      fc.oneof(fc.array(fc.integer()), fc.constant(null), fc.string(), fc.constant({ big: "x".repeat(4_100) })),
      4,
    ),
    status: field(fc.constantFrom("pending", "confirmed"), fc.oneof(fc.constant("done"), fc.constant(null)), 12),
    extra: fc.oneof({ arbitrary: fc.constant(undefined), weight: 30 }, { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 }),
  });

  it("is accepted by the hand-written check exactly when the documented schema accepts it", () => {
    const RUNS = 3_000;
    let accepted = 0;
    fc.assert(
      fc.property(event, (raw) => {
        const e = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
        const parsed = parseEvent(e, 0, NOW_MS);
        const documented = usageEventInput.safeParse(e);
        expect(parsed.ok, JSON.stringify(e)).toBe(documented.success);
        accepted += parsed.ok ? 1 : 0;
      }),
      { numRuns: RUNS },
    );
    // Both sides of the line are exercised.
    expect(accepted).toBeGreaterThan(RUNS / 10);
    expect(accepted).toBeLessThan(RUNS * 0.9);
  });

  it("names the field at fault, and keeps what it accepts exactly", () => {
    const ok = parseEvent({ id: "e 1", subscription_id: "sub_1", type: "api_call", timestamp: 1_718_000_000.123, properties: { n: 1 }, status: "pending" }, 4, NOW_MS);
    expect(ok).toMatchObject({ ok: true, index: 4, id: "e 1", timestampMs: 1_718_000_000_123, propertiesJson: "{\"n\":1}", status: "pending" });
    expect(parseEvent({ id: "e", subscription_id: "s", type: "t" }, 0, NOW_MS)).toMatchObject({ ok: true, timestampMs: NOW_MS, propertiesJson: "{}", status: null });
    const bad = (e: unknown) => {
      const r = parseEvent(e, 2, NOW_MS);
      return r.ok ? null : r.error.param;
    };
    expect(bad({ id: "e", subscription_id: "s", type: "t", when: 1 })).toBe("events[2].when");
    expect(bad({ id: "e", subscription_id: "s", type: "t", timestamp: null })).toBe("events[2].timestamp");
    expect(bad({ id: "é", subscription_id: "s", type: "t" })).toBe("events[2].id");
    expect(bad({ id: "e", subscription_id: "s", type: "t", properties: { big: "x".repeat(5_000) } })).toBe("events[2].properties");
  });

  it("reads timestamps as Unix seconds to the millisecond", () => {
    expect(parseTimestamp(1_718_000_000.123, NOW_MS)).toBe(1_718_000_000_123);
    expect(parseTimestamp(1_718_000_000, NOW_MS)).toBe(1_718_000_000_000);
    expect(parseTimestamp(99_999_999_999.999, NOW_MS)).toBe(99_999_999_999_999);
    expect(parseTimestamp(undefined, NOW_MS)).toBe(NOW_MS);
    for (const bad of [1_718_000_000.1234, -1, 1e12, Number.NaN, "1718000000", null]) expect(parseTimestamp(bad, NOW_MS)).toBeNull();
  });
});
