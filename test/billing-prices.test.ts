import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHARGE_MAX_FINE,
  PRICE_TIERS_MAX,
  QUANTITY_MAX,
  applyEvent,
  charge,
  chargeChecked,
  createMeterState,
  meterQuantities,
  postWithResidual,
  presentPrice,
  priceBody,
  priceFromBody,
  validatePrice,
  type MeterDefinition,
  type Price,
  type PriceTier,
} from "../src/billing/index.js";
import { FINE_PRICE_MAX, FINE_SCALE, I64_MAX, currencyExponent } from "../src/money/index.js";

const tier = (upTo: bigint | null, unitPriceFine: bigint, flatFeeFine = 0n): PriceTier => ({ upTo, unitPriceFine, flatFeeFine });

// First 1,000 units free; 1,001–10,000 at 100 fine plus a ¥0.01 (1,000,000 fine) fee; beyond at 50 fine.
const TIERS: readonly PriceTier[] = [tier(1_000n, 0n), tier(10_000n, 100n, 1_000_000n), tier(null, 50n)];

describe("per_unit", () => {
  const price: Price = { model: "per_unit", unitPriceFine: 10_000n };
  it.each([
    { quantity: 0n, fine: 0n },
    { quantity: 1n, fine: 10_000n },
    { quantity: 3n, fine: 30_000n },
    { quantity: 1_000_000n, fine: 10_000_000_000n },
  ])("$quantity units cost $fine fine", ({ quantity, fine }) => {
    expect(charge(price, quantity)).toBe(fine);
  });
});

describe("package", () => {
  const up: Price = { model: "package", packagePriceFine: 5_000_000n, packageSize: 100n, round: "up" };
  const down: Price = { ...up, round: "down" };
  it.each([
    { quantity: 0n, up: 0n, down: 0n },
    { quantity: 1n, up: 5_000_000n, down: 0n },
    { quantity: 99n, up: 5_000_000n, down: 0n },
    { quantity: 100n, up: 5_000_000n, down: 5_000_000n },
    { quantity: 101n, up: 10_000_000n, down: 5_000_000n },
    { quantity: 200n, up: 10_000_000n, down: 10_000_000n },
  ])("$quantity units: $up rounded up, $down rounded down", ({ quantity, up: upFine, down: downFine }) => {
    expect(charge(up, quantity)).toBe(upFine);
    expect(charge(down, quantity)).toBe(downFine);
  });
});

describe("graduated", () => {
  const price: Price = { model: "graduated", tiers: TIERS };
  it.each([
    { quantity: 0n, fine: 0n },
    { quantity: 1n, fine: 0n },
    { quantity: 1_000n, fine: 0n }, // exactly at up_to: the next tier (and its fee) is not reached
    { quantity: 1_001n, fine: 1n * 100n + 1_000_000n },
    { quantity: 10_000n, fine: 9_000n * 100n + 1_000_000n },
    { quantity: 10_001n, fine: 9_000n * 100n + 1_000_000n + 50n },
    { quantity: 20_000n, fine: 9_000n * 100n + 1_000_000n + 10_000n * 50n },
  ])("$quantity units cost $fine fine", ({ quantity, fine }) => {
    expect(charge(price, quantity)).toBe(fine);
  });

  it("charges a first tier's flat fee once usage starts, not at zero", () => {
    const price: Price = { model: "graduated", tiers: [tier(10n, 1n, 700n), tier(null, 2n, 900n)] };
    expect(charge(price, 0n)).toBe(0n);
    expect(charge(price, 1n)).toBe(701n);
    expect(charge(price, 10n)).toBe(710n);
    expect(charge(price, 11n)).toBe(710n + 2n + 900n);
  });
});

describe("volume", () => {
  const price: Price = { model: "volume", tiers: TIERS };
  it.each([
    { quantity: 0n, fine: 0n },
    { quantity: 1_000n, fine: 0n },
    { quantity: 1_001n, fine: 1_001n * 100n + 1_000_000n },
    { quantity: 10_000n, fine: 10_000n * 100n + 1_000_000n },
    { quantity: 10_001n, fine: 10_001n * 50n },
  ])("$quantity units cost $fine fine", ({ quantity, fine }) => {
    expect(charge(price, quantity)).toBe(fine);
  });
});

describe("flat", () => {
  it("is the same whatever the quantity, zero included", () => {
    const price: Price = { model: "flat", amountFine: 990_000_000n };
    for (const quantity of [0n, 1n, 12_345n, QUANTITY_MAX]) expect(charge(price, quantity)).toBe(990_000_000n);
  });
});

describe("per_duration", () => {
  const perMinute = (round: "up" | "down" | "prorate"): Price => ({ model: "per_duration", unitPriceFine: 1_000_000n, unit: "minute", round });
  it.each([
    { ms: 0n, up: 0n, down: 0n, prorate: 0n },
    { ms: 1n, up: 1_000_000n, down: 0n, prorate: 16n }, // 10⁶ / 60,000 = 16.67 → 16
    { ms: 59_999n, up: 1_000_000n, down: 0n, prorate: 999_983n },
    { ms: 60_000n, up: 1_000_000n, down: 1_000_000n, prorate: 1_000_000n },
    { ms: 60_001n, up: 2_000_000n, down: 1_000_000n, prorate: 1_000_016n },
    { ms: 3_600_000n, up: 60_000_000n, down: 60_000_000n, prorate: 60_000_000n },
  ])("$ms ms per minute: up $up, down $down, prorate $prorate", ({ ms, up, down, prorate }) => {
    expect(charge(perMinute("up"), ms)).toBe(up);
    expect(charge(perMinute("down"), ms)).toBe(down);
    expect(charge(perMinute("prorate"), ms)).toBe(prorate);
  });

  it("uses the unit's length in ms", () => {
    expect(charge({ model: "per_duration", unitPriceFine: 7n, unit: "second", round: "up" }, 1_001n)).toBe(14n);
    expect(charge({ model: "per_duration", unitPriceFine: 3_600_000n, unit: "hour", round: "prorate" }, 1n)).toBe(1n);
    expect(charge({ model: "per_duration", unitPriceFine: 7n, unit: "hour", round: "prorate" }, 1n)).toBe(0n);
  });
});

describe("properties of the models", () => {
  const quantity = fc.bigInt({ min: 0n, max: 10n ** 12n });
  const priceFine = fc.bigInt({ min: 1n, max: 10n ** 9n });
  const tiers = fc
    .uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 0, maxLength: 6 })
    .chain((bounds) => {
      const sorted = [...bounds].sort((a, b) => (a < b ? -1 : 1));
      const ups = [...sorted, null];
      return fc.tuple(...ups.map((upTo) => fc.record({ upTo: fc.constant(upTo), unitPriceFine: priceFine, flatFeeFine: fc.bigInt({ min: 0n, max: 10n ** 6n }) })));
    });

  it("graduated is non-decreasing and one open tier equals per unit plus its fee", () => {
    fc.assert(
      fc.property(tiers, quantity, quantity, (t, a, b) => {
        const price: Price = { model: "graduated", tiers: t };
        expect(validatePrice(price).ok).toBe(true);
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(charge(price, low) <= charge(price, high)).toBe(true);
        const open = t[t.length - 1]!;
        const single: Price = { model: "graduated", tiers: [{ ...open, upTo: null }] };
        expect(charge(single, a)).toBe(charge({ model: "per_unit", unitPriceFine: open.unitPriceFine }, a) + (a > 0n ? open.flatFeeFine : 0n));
      }),
      { numRuns: 300 },
    );
  });

  it("volume equals graduated when all tiers share a price and have no fee", () => {
    fc.assert(
      fc.property(tiers, quantity, priceFine, (t, q, p) => {
        const flatless = t.map((x) => ({ ...x, unitPriceFine: p, flatFeeFine: 0n }));
        expect(charge({ model: "volume", tiers: flatless }, q)).toBe(charge({ model: "graduated", tiers: flatless }, q));
      }),
      { numRuns: 200 },
    );
  });

  it("package down ≤ up ≤ down + one package; per duration down ≤ prorate ≤ up", () => {
    fc.assert(
      fc.property(quantity, priceFine, fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.constantFrom("second", "minute", "hour" as const), (q, p, size, unit) => {
        const up = charge({ model: "package", packagePriceFine: p, packageSize: size, round: "up" }, q);
        const down = charge({ model: "package", packagePriceFine: p, packageSize: size, round: "down" }, q);
        expect(down <= up && up <= down + p).toBe(true);
        const d = (round: "up" | "down" | "prorate"): bigint => charge({ model: "per_duration", unitPriceFine: p, unit, round }, q);
        expect(d("down") <= d("prorate") && d("prorate") <= d("up")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("huge quantities", () => {
  it("stays exact past 64 bits and chargeChecked refuses what a column cannot hold", () => {
    const max: Price = { model: "per_unit", unitPriceFine: FINE_PRICE_MAX };
    expect(charge(max, QUANTITY_MAX)).toBe(I64_MAX * I64_MAX);
    expect(chargeChecked(max, QUANTITY_MAX)).toMatchObject({ ok: false, error: { code: "charge_too_large" } });
    expect(chargeChecked({ model: "per_unit", unitPriceFine: 1n }, QUANTITY_MAX)).toEqual({ ok: true, value: CHARGE_MAX_FINE });
    expect(chargeChecked({ model: "per_unit", unitPriceFine: 2n }, QUANTITY_MAX).ok).toBe(false);
    expect(chargeChecked({ model: "per_unit", unitPriceFine: 2n }, QUANTITY_MAX / 2n)).toEqual({ ok: true, value: I64_MAX - 1n });
  });

  it("handles tier bounds and package sizes at the limit", () => {
    const graduated: Price = { model: "graduated", tiers: [tier(QUANTITY_MAX - 1n, 1n), tier(null, 2n)] };
    expect(validatePrice(graduated).ok).toBe(true);
    expect(charge(graduated, QUANTITY_MAX - 1n)).toBe(I64_MAX - 1n);
    expect(charge(graduated, QUANTITY_MAX)).toBe(I64_MAX + 1n);
    expect(chargeChecked(graduated, QUANTITY_MAX - 1n).ok).toBe(true);
    expect(chargeChecked(graduated, QUANTITY_MAX).ok).toBe(false);
    const volume: Price = { model: "volume", tiers: graduated.tiers };
    expect(charge(volume, QUANTITY_MAX)).toBe(2n * I64_MAX);

    const pkg: Price = { model: "package", packagePriceFine: FINE_PRICE_MAX, packageSize: QUANTITY_MAX, round: "up" };
    expect(charge(pkg, 1n)).toBe(FINE_PRICE_MAX);
    expect(charge(pkg, QUANTITY_MAX)).toBe(FINE_PRICE_MAX);
    expect(charge({ ...pkg, round: "down" }, QUANTITY_MAX - 1n)).toBe(0n);

    const hour: Price = { model: "per_duration", unitPriceFine: FINE_PRICE_MAX, unit: "hour", round: "prorate" };
    expect(charge(hour, QUANTITY_MAX)).toBe((I64_MAX * I64_MAX) / 3_600_000n);
  });

  it("treats a quantity outside [0, QUANTITY_MAX] as a bug", () => {
    const price: Price = { model: "per_unit", unitPriceFine: 1n };
    expect(() => charge(price, -1n)).toThrow();
    expect(() => charge(price, QUANTITY_MAX + 1n)).toThrow();
  });
});

describe("validation", () => {
  it.each<{ name: string; price: Price; param: string }>([
    { name: "zero unit price", price: { model: "per_unit", unitPriceFine: 0n }, param: "unit_price" },
    { name: "negative unit price", price: { model: "per_unit", unitPriceFine: -1n }, param: "unit_price" },
    { name: "price above i64", price: { model: "per_unit", unitPriceFine: I64_MAX + 1n }, param: "unit_price" },
    { name: "zero package size", price: { model: "package", packagePriceFine: 1n, packageSize: 0n, round: "up" }, param: "package_size" },
    { name: "zero package price", price: { model: "package", packagePriceFine: 0n, packageSize: 1n, round: "up" }, param: "package_price" },
    { name: "zero flat fee", price: { model: "flat", amountFine: 0n }, param: "amount" },
    { name: "zero duration price", price: { model: "per_duration", unitPriceFine: 0n, unit: "hour", round: "up" }, param: "unit_price" },
    { name: "no tiers", price: { model: "graduated", tiers: [] }, param: "tiers" },
    { name: "last tier bounded", price: { model: "graduated", tiers: [tier(10n, 1n)] }, param: "tiers[0].up_to" },
    { name: "open tier in the middle", price: { model: "volume", tiers: [tier(null, 1n), tier(null, 1n)] }, param: "tiers[0].up_to" },
    { name: "equal bounds", price: { model: "graduated", tiers: [tier(10n, 1n), tier(10n, 1n), tier(null, 1n)] }, param: "tiers[1].up_to" },
    { name: "descending bounds", price: { model: "graduated", tiers: [tier(10n, 1n), tier(5n, 1n), tier(null, 1n)] }, param: "tiers[1].up_to" },
    { name: "zero bound", price: { model: "volume", tiers: [tier(0n, 1n), tier(null, 1n)] }, param: "tiers[0].up_to" },
    { name: "negative tier price", price: { model: "graduated", tiers: [tier(10n, -1n), tier(null, 1n)] }, param: "tiers[0].unit_price" },
    { name: "negative tier fee", price: { model: "graduated", tiers: [tier(null, 1n, -1n)] }, param: "tiers[0].flat_fee" },
    { name: "all tiers free", price: { model: "volume", tiers: [tier(10n, 0n), tier(null, 0n)] }, param: "tiers" },
    {
      name: "too many tiers",
      price: { model: "graduated", tiers: [...Array.from({ length: PRICE_TIERS_MAX }, (_, i) => tier(BigInt(i + 1), 1n)), tier(null, 1n)] },
      param: "tiers",
    },
  ])("refuses $name", ({ price, param }) => {
    expect(validatePrice(price)).toMatchObject({ ok: false, error: { code: "invalid_price", param } });
  });

  it("accepts a free first tier", () => {
    expect(validatePrice({ model: "graduated", tiers: TIERS }).ok).toBe(true);
  });
});

describe("wire form", () => {
  it("parses decimal prices into fine units of the currency and presents them back", () => {
    const body = priceBody.parse({
      model: "graduated",
      tiers: [{ up_to: 1000, unit_price: "0" }, { up_to: "10000", unit_price: "0.000001", flat_fee: "0.01" }, { up_to: null, unit_price: "0.0000005" }],
    });
    const price = priceFromBody(body, "CNY");
    expect(price).toEqual({ ok: true, value: { model: "graduated", tiers: [tier(1_000n, 0n), tier(10_000n, 100n, 1_000_000n), tier(null, 50n)] } });
    if (price.ok) expect(priceBody.parse(presentPrice(price.value, "CNY"))).toEqual(presentPrice(price.value, "CNY"));
    expect(priceFromBody(priceBody.parse({ model: "per_unit", unit_price: "0.0001" }), "CNY")).toEqual({
      ok: true,
      value: { model: "per_unit", unitPriceFine: 10_000n },
    });
    // JPY has no minor decimals: ¥0.0001 is 10⁻⁴ of a yen, 100 fine units.
    expect(priceFromBody(priceBody.parse({ model: "per_unit", unit_price: "0.0001" }), "JPY")).toEqual({
      ok: true,
      value: { model: "per_unit", unitPriceFine: 100n },
    });
  });

  it("fills defaults and round-trips every model", () => {
    const bodies = [
      { model: "per_unit", unit_price: "1.23" },
      { model: "package", package_price: "0.50", package_size: 1000 },
      { model: "volume", tiers: [{ up_to: 10, unit_price: "1" }, { up_to: null, unit_price: "0.5", flat_fee: "3" }] },
      { model: "flat", amount: "99.00" },
      { model: "per_duration", unit_price: "0.01", unit: "minute" },
      { model: "package", package_price: "1", package_size: "9223372036854775807", round: "down" },
    ];
    for (const raw of bodies) {
      const price = priceFromBody(priceBody.parse(raw), "CNY");
      expect(price.ok).toBe(true);
      if (!price.ok) continue;
      const again = priceFromBody(priceBody.parse(presentPrice(price.value, "CNY")), "CNY");
      expect(again).toEqual(price);
    }
    expect(priceFromBody(priceBody.parse(bodies[1]), "CNY")).toMatchObject({ ok: true, value: { round: "up" } });
    expect(priceFromBody(priceBody.parse(bodies[4]), "CNY")).toMatchObject({ ok: true, value: { round: "prorate" } });
  });

  it("refuses bad prices with the offending field", () => {
    const cases: Array<{ raw: unknown; param: string }> = [
      { raw: { model: "per_unit", unit_price: "0.000000001" }, param: "unit_price" },
      { raw: { model: "per_unit", unit_price: "0" }, param: "unit_price" },
      { raw: { model: "per_unit", unit_price: "-1" }, param: "unit_price" },
      { raw: { model: "graduated", tiers: [{ up_to: null, unit_price: "1e-3" }] }, param: "tiers[0].unit_price" },
      { raw: { model: "volume", tiers: [{ up_to: 10, unit_price: "1" }, { up_to: 5, unit_price: "1" }, { up_to: null, unit_price: "1" }] }, param: "tiers[1].up_to" },
      { raw: { model: "package", package_price: "1", package_size: "9223372036854775808" }, param: "package_size" },
    ];
    for (const { raw, param } of cases) {
      expect(priceFromBody(priceBody.parse(raw), "CNY")).toMatchObject({ ok: false, error: { code: "invalid_price", param } });
    }
    expect(priceBody.safeParse({ model: "per_unit", unit_price: "1", extra: 1 }).success).toBe(false);
    expect(priceBody.safeParse({ model: "package", package_price: "1", package_size: 0 }).success).toBe(false);
    expect(priceBody.safeParse({ model: "per_duration", unit_price: "1", unit: "day" }).success).toBe(false);
  });
});

// Exact rational arithmetic, independent of the fine scale: the reference the postings are
// checked against.
class Rational {
  constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}
  static of(num: bigint, den = 1n): Rational {
    const g = gcd(num < 0n ? -num : num, den);
    return new Rational(num / g, den / g);
  }
  /** A decimal string in major units, e.g. "0.0001" → 1/10000. */
  static decimal(text: string): Rational {
    const [whole = "", fraction = ""] = text.split(".");
    return Rational.of(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
  }
  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  times(n: bigint): Rational {
    return Rational.of(this.num * n, this.den);
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** Postings and residual back to major units of CNY, exactly. */
function postedMajor(postedMinor: bigint, residualFine: bigint): Rational {
  const minorPerMajor = 10n ** BigInt(currencyExponent("CNY"));
  return Rational.of(postedMinor, minorPerMajor).add(Rational.of(residualFine, minorPerMajor * FINE_SCALE));
}

describe("posting with residual carry", () => {
  it("carries the fraction and keeps post × 10⁶ + residual = carried + amount", () => {
    expect(postWithResidual(0n, 10_000n)).toEqual({ postMinor: 0n, residualFine: 10_000n });
    expect(postWithResidual(990_000n, 10_000n)).toEqual({ postMinor: 1n, residualFine: 0n });
    expect(postWithResidual(999_999n, 2_500_001n)).toEqual({ postMinor: 3n, residualFine: 500_000n });
    expect(postWithResidual(300_000n, -1_000_000n)).toEqual({ postMinor: 0n, residualFine: -700_000n });
    expect(() => postWithResidual(FINE_SCALE, 0n)).toThrow();
    expect(() => postWithResidual(0n, I64_MAX + 1n)).toThrow();
  });

  it("10⁶ calls at ¥0.0001 metered and posted in random batches lose and invent nothing", () => {
    const EVENTS = 1_000_000;
    const definition: MeterDefinition = { aggregation: "count", valueProperty: null, valueScaleDigits: 0, groupBy: [] };
    const body = priceFromBody(priceBody.parse({ model: "per_unit", unit_price: "0.0001" }), "CNY");
    if (!body.ok) throw new Error("price");
    const price = body.value;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 40 }), (sizes) => {
        let residual = 0n;
        let posted = 0n;
        let sent = 0;
        for (let batch = 0; sent < EVENTS; batch++) {
          const size = Math.min(sizes[batch % sizes.length]!, EVENTS - sent);
          const state = createMeterState(definition);
          for (let i = 0; i < size; i++) applyEvent(state, { id: `evt_${sent + i}`, timestampMs: 0, properties: {} });
          sent += size;
          const quantity = meterQuantities(state)[0]!.quantity;
          const step = postWithResidual(residual, charge(price, quantity));
          expect(step.residualFine >= 0n && step.residualFine < FINE_SCALE).toBe(true);
          posted += step.postMinor;
          residual = step.residualFine;
        }
        expect(postedMajor(posted, residual).equals(Rational.decimal("0.0001").times(BigInt(EVENTS)))).toBe(true);
        expect(posted).toBe(10_000n); // ¥100.00
      }),
      { numRuns: 3 },
    );
  });

  it("a random mix of fine prices posted in random batches sums exactly", () => {
    const priceText = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99_999_999 }))
      .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(8, "0")}`)
      .filter((text) => text !== "0.00000000");
    fc.assert(
      fc.property(
        fc.uniqueArray(priceText, { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 50_000 })), { minLength: 1, maxLength: 60 }),
        (texts, batches) => {
          const prices = texts.map((text) => {
            const parsed = priceFromBody(priceBody.parse({ model: "per_unit", unit_price: text }), "CNY");
            if (!parsed.ok) throw new Error(text);
            return parsed.value;
          });
          let exact = Rational.of(0n);
          let residual = 0n;
          let posted = 0n;
          for (const [which, calls] of batches) {
            const index = which % prices.length;
            exact = exact.add(Rational.decimal(texts[index]!).times(BigInt(calls)));
            const step = postWithResidual(residual, charge(prices[index]!, BigInt(calls)));
            posted += step.postMinor;
            residual = step.residualFine;
          }
          expect(postedMajor(posted, residual).equals(exact)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("credits and charges of any sign keep the residual under one minor unit and the sum exact", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { maxLength: 200 }), (amounts) => {
        let residual = 0n;
        let posted = 0n;
        for (const amount of amounts) {
          const step = postWithResidual(residual, amount);
          expect(step.residualFine > -FINE_SCALE && step.residualFine < FINE_SCALE).toBe(true);
          posted += step.postMinor;
          residual = step.residualFine;
        }
        expect(posted * FINE_SCALE + residual).toBe(amounts.reduce((a, b) => a + b, 0n));
      }),
      { numRuns: 300 },
    );
  });

  it("posting a graduated price's cumulative increments adds up to the period's charge", () => {
    const price: Price = { model: "graduated", tiers: [tier(1_000n, 0n), tier(10_000n, 37n, 1_234_567n), tier(null, 3n)] };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 40 }), (increments) => {
        let quantity = 0n;
        let residual = 0n;
        let posted = 0n;
        for (const increment of increments) {
          const next = quantity + BigInt(increment);
          const step = postWithResidual(residual, charge(price, next) - charge(price, quantity));
          posted += step.postMinor;
          residual = step.residualFine;
          quantity = next;
        }
        expect(posted * FINE_SCALE + residual).toBe(charge(price, quantity));
        expect(posted).toBe(charge(price, quantity) / FINE_SCALE);
      }),
      { numRuns: 200 },
    );
  });
});
