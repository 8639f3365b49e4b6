import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AMOUNT_MAX_MINOR,
  AMOUNT_MIN_MINOR,
  FINE_SCALE,
  I64_MAX,
  addWouldOverflowI64,
  currencyExponent,
  formatFine,
  formatMinor,
  isCurrency,
  mulFine,
  parseCurrency,
  parseDecimal,
  parseFinePrice,
  parseMinorUnits,
  roundFine,
  type MoneyErrorCode,
  type MoneyResult,
} from "../src/money/index.js";

function expectOk<T>(result: MoneyResult<T>, value: T): void {
  expect(result).toEqual({ ok: true, value });
}

function expectFail<T>(result: MoneyResult<T>, code: MoneyErrorCode): void {
  expect(result).toMatchObject({ ok: false, code });
  if (!result.ok) expect(result.message).not.toBe("");
}

const BOTH_SIGNS = { allowZero: true, allowNegative: true } as const;

describe("currencies", () => {
  it.each([
    { code: "JPY", exponent: 0 },
    { code: "KRW", exponent: 0 },
    { code: "CNY", exponent: 2 },
    { code: "EUR", exponent: 2 },
    { code: "USD", exponent: 2 },
    { code: "BHD", exponent: 3 },
    { code: "KWD", exponent: 3 },
    { code: "CLF", exponent: 4 },
  ])("$code has exponent $exponent", ({ code, exponent }) => {
    expect(isCurrency(code)).toBe(true);
    expect(currencyExponent(code)).toBe(exponent);
    expectOk(parseCurrency(code), code);
  });

  it.each([
    { input: "ABC", why: "unknown code" },
    { input: "cny", why: "lowercase" },
    { input: "Cny", why: "mixed case" },
    { input: " CNY", why: "whitespace" },
    { input: "CNY\n", why: "trailing newline" },
    { input: "CNYY", why: "four letters" },
    { input: "CN", why: "two letters" },
    { input: "", why: "empty" },
    { input: "156", why: "numeric code" },
    { input: "XAU", why: "gold has no minor unit" },
    { input: "XAG", why: "silver has no minor unit" },
    { input: "XDR", why: "SDR has no minor unit" },
    { input: "XTS", why: "test code" },
    { input: "XXX", why: "no-currency code" },
    { input: 156, why: "a number" },
    { input: null, why: "null" },
    { input: undefined, why: "undefined" },
    { input: ["CNY"], why: "an array" },
  ])("rejects $input ($why)", ({ input }) => {
    expect(isCurrency(input)).toBe(false);
    expectFail(parseCurrency(input), "invalid_currency");
  });

  it.each(["ABC", "cny", "XAU", "XXX", ""])("currencyExponent throws on %j", (code) => {
    expect(() => currencyExponent(code)).toThrow(RangeError);
  });

  // The package's data.js stores ISO's "N.A." minor unit as 0, so the module keeps its own
  // list of such codes. This checks that list, and every exponent, against the ISO XML
  // the package ships, so an upgrade that changes either is caught here.
  it("agrees with the ISO 4217 list shipped in currency-codes", () => {
    const xmlPath = createRequire(import.meta.url).resolve("currency-codes/iso-4217-list-one.xml");
    const xml = readFileSync(xmlPath, "utf8");
    const minorUnitsByCode = new Map<string, string>();
    for (const entry of xml.split("<CcyNtry>")) {
      const code = /<Ccy>([A-Z]{3})<\/Ccy>/.exec(entry)?.[1];
      const minorUnits = /<CcyMnrUnts>([^<]*)<\/CcyMnrUnts>/.exec(entry)?.[1];
      if (code !== undefined && minorUnits !== undefined) minorUnitsByCode.set(code, minorUnits);
    }
    expect(minorUnitsByCode.size).toBeGreaterThan(150);
    for (const [code, minorUnits] of minorUnitsByCode) {
      if (minorUnits === "N.A.") {
        expect(isCurrency(code), code).toBe(false);
      } else {
        expect(currencyExponent(code), code).toBe(Number(minorUnits));
      }
    }
  });
});

describe("limits", () => {
  it("stores amounts in signed 64 bits and requires them positive", () => {
    expect(I64_MAX).toBe(2n ** 63n - 1n);
    expect(AMOUNT_MAX_MINOR).toBe(9_223_372_036_854_775_807n);
    expect(AMOUNT_MIN_MINOR).toBe(1n);
    expect(FINE_SCALE).toBe(1_000_000n);
  });

  it.each([
    { a: 0n, b: 0n, overflows: false },
    { a: I64_MAX, b: 0n, overflows: false },
    { a: 0n, b: I64_MAX, overflows: false },
    { a: I64_MAX - 5n, b: 5n, overflows: false },
    { a: I64_MAX - 5n, b: 6n, overflows: true },
    { a: I64_MAX, b: 1n, overflows: true },
    { a: I64_MAX, b: I64_MAX, overflows: true },
  ])("addWouldOverflowI64($a, $b) is $overflows", ({ a, b, overflows }) => {
    expect(addWouldOverflowI64(a, b)).toBe(overflows);
  });

  it("addWouldOverflowI64 throws on a negative operand", () => {
    expect(() => addWouldOverflowI64(-1n, 0n)).toThrow(RangeError);
    expect(() => addWouldOverflowI64(0n, -1n)).toThrow(RangeError);
  });
});

describe("parseDecimal", () => {
  it.each([
    { text: "12.34", currency: "CNY", minor: 1234n },
    { text: "12", currency: "CNY", minor: 1200n },
    { text: "12.3", currency: "CNY", minor: 1230n },
    { text: "0.5", currency: "CNY", minor: 50n },
    { text: "0.05", currency: "CNY", minor: 5n },
    { text: "0.01", currency: "EUR", minor: 1n },
    { text: "300", currency: "JPY", minor: 300n },
    { text: "1", currency: "JPY", minor: 1n },
    { text: "1.234", currency: "BHD", minor: 1234n },
    { text: "0.001", currency: "KWD", minor: 1n },
    { text: "7", currency: "KWD", minor: 7000n },
    { text: "92233720368547758.07", currency: "CNY", minor: AMOUNT_MAX_MINOR },
    { text: "9223372036854775807", currency: "JPY", minor: AMOUNT_MAX_MINOR },
    { text: "9223372036854775.807", currency: "BHD", minor: AMOUNT_MAX_MINOR },
  ])("$text $currency → $minor", ({ text, currency, minor }) => {
    expectOk(parseDecimal(text, currency), minor);
  });

  it.each([
    { text: "", currency: "CNY", code: "invalid_amount" },
    { text: "+1", currency: "CNY", code: "invalid_amount" },
    { text: " 1", currency: "CNY", code: "invalid_amount" },
    { text: "1 ", currency: "CNY", code: "invalid_amount" },
    { text: "1\n", currency: "CNY", code: "invalid_amount" },
    { text: "1 000", currency: "CNY", code: "invalid_amount" },
    { text: "1,5", currency: "CNY", code: "invalid_amount" },
    { text: "1e3", currency: "CNY", code: "invalid_amount" },
    { text: "1E3", currency: "CNY", code: "invalid_amount" },
    { text: "1.5e1", currency: "CNY", code: "invalid_amount" },
    { text: "NaN", currency: "CNY", code: "invalid_amount" },
    { text: "Infinity", currency: "CNY", code: "invalid_amount" },
    { text: "-Infinity", currency: "CNY", code: "invalid_amount" },
    { text: "0x10", currency: "CNY", code: "invalid_amount" },
    { text: ".5", currency: "CNY", code: "invalid_amount" },
    { text: "5.", currency: "CNY", code: "invalid_amount" },
    { text: "01", currency: "CNY", code: "invalid_amount" },
    { text: "00.5", currency: "CNY", code: "invalid_amount" },
    { text: "１２", currency: "CNY", code: "invalid_amount" },
    { text: "--1", currency: "CNY", code: "invalid_amount" },
    { text: "-1", currency: "CNY", code: "invalid_amount" },
    { text: "-0.01", currency: "CNY", code: "invalid_amount" },
    { text: "0", currency: "CNY", code: "invalid_amount" },
    { text: "0.00", currency: "CNY", code: "invalid_amount" },
    { text: "1.234", currency: "CNY", code: "too_many_decimals" },
    { text: "1.230", currency: "CNY", code: "too_many_decimals" },
    { text: "1.5", currency: "JPY", code: "too_many_decimals" },
    { text: "1.0", currency: "JPY", code: "too_many_decimals" },
    { text: "1.2345", currency: "BHD", code: "too_many_decimals" },
    { text: "92233720368547758.08", currency: "CNY", code: "amount_too_large" },
    { text: "9223372036854775808", currency: "JPY", code: "amount_too_large" },
    { text: "9223372036854775.808", currency: "KWD", code: "amount_too_large" },
    { text: "1", currency: "ABC", code: "invalid_currency" },
    { text: "1", currency: "cny", code: "invalid_currency" },
    { text: "1", currency: "XAU", code: "invalid_currency" },
  ] as const)("rejects $text $currency with $code", ({ text, currency, code }) => {
    expectFail(parseDecimal(text, currency), code);
  });

  it("rejects ten thousand digits as too large without converting them", () => {
    expectFail(parseDecimal("1".repeat(10_000), "CNY"), "amount_too_large");
  });

  it.each([12, 12.34, 1234n, null, undefined, true, {}, ["1"]])("rejects the non-string %s", (text) => {
    expectFail(parseDecimal(text, "CNY"), "invalid_amount");
  });

  it.each([
    { text: "-0.05", options: { allowNegative: true }, minor: -5n },
    { text: "-12", options: { allowNegative: true }, minor: -1200n },
    { text: "-92233720368547758.07", options: { allowNegative: true }, minor: -AMOUNT_MAX_MINOR },
    { text: "0", options: { allowZero: true }, minor: 0n },
    { text: "0.00", options: { allowZero: true }, minor: 0n },
    { text: "-0", options: BOTH_SIGNS, minor: 0n },
  ])("accepts $text CNY with $options", ({ text, options, minor }) => {
    expectOk(parseDecimal(text, "CNY", options), minor);
  });

  it.each([
    { text: "-0", options: { allowZero: true }, code: "invalid_amount" },
    { text: "-0", options: { allowNegative: true }, code: "invalid_amount" },
    { text: "0", options: { allowNegative: true }, code: "invalid_amount" },
    { text: "-92233720368547758.08", options: BOTH_SIGNS, code: "amount_too_large" },
    { text: "-1.001", options: BOTH_SIGNS, code: "too_many_decimals" },
    { text: "+1", options: BOTH_SIGNS, code: "invalid_amount" },
  ] as const)("rejects $text CNY with $options", ({ text, options, code }) => {
    expectFail(parseDecimal(text, "CNY", options), code);
  });
});

describe("formatMinor", () => {
  it.each([
    { minor: 1234n, currency: "CNY", text: "12.34" },
    { minor: 1200n, currency: "CNY", text: "12.00" },
    { minor: 5n, currency: "CNY", text: "0.05" },
    { minor: -5n, currency: "CNY", text: "-0.05" },
    { minor: 0n, currency: "EUR", text: "0.00" },
    { minor: 300n, currency: "JPY", text: "300" },
    { minor: -300n, currency: "JPY", text: "-300" },
    { minor: 0n, currency: "JPY", text: "0" },
    { minor: 1n, currency: "BHD", text: "0.001" },
    { minor: 1234567n, currency: "KWD", text: "1234.567" },
    { minor: AMOUNT_MAX_MINOR, currency: "CNY", text: "92233720368547758.07" },
  ])("$minor $currency → $text", ({ minor, currency, text }) => {
    expect(formatMinor(minor, currency)).toBe(text);
  });

  it("throws on an unknown currency", () => {
    expect(() => formatMinor(1n, "ABC")).toThrow(RangeError);
  });

  it.each(["JPY", "CNY", "EUR", "BHD", "KWD", "CLF"])("round-trips through parseDecimal in %s", (currency) => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (minor) => {
        expectOk(parseDecimal(formatMinor(minor, currency), currency, BOTH_SIGNS), minor);
      }),
    );
  });
});

describe("parseMinorUnits", () => {
  it.each([
    { input: 1, minor: 1n },
    { input: 1234, minor: 1234n },
    { input: Number.MAX_SAFE_INTEGER, minor: 9_007_199_254_740_991n },
    { input: "1", minor: 1n },
    { input: "9007199254740993", minor: 9_007_199_254_740_993n },
    { input: "9223372036854775807", minor: AMOUNT_MAX_MINOR },
  ])("accepts $input", ({ input, minor }) => {
    expectOk(parseMinorUnits(input), minor);
  });

  it.each([
    { input: 1.5, code: "invalid_amount" },
    { input: 0.1, code: "invalid_amount" },
    { input: Number.NaN, code: "invalid_amount" },
    { input: Number.POSITIVE_INFINITY, code: "invalid_amount" },
    { input: Number.MAX_SAFE_INTEGER + 1, code: "invalid_amount" },
    { input: 1e300, code: "invalid_amount" },
    { input: true, code: "invalid_amount" },
    { input: false, code: "invalid_amount" },
    { input: null, code: "invalid_amount" },
    { input: undefined, code: "invalid_amount" },
    { input: 5n, code: "invalid_amount" },
    { input: {}, code: "invalid_amount" },
    { input: "", code: "invalid_amount" },
    { input: "1e3", code: "invalid_amount" },
    { input: "1.0", code: "invalid_amount" },
    { input: "1.5", code: "invalid_amount" },
    { input: "01", code: "invalid_amount" },
    { input: "00", code: "invalid_amount" },
    { input: "+1", code: "invalid_amount" },
    { input: " 1", code: "invalid_amount" },
    { input: "1\n", code: "invalid_amount" },
    { input: "0x10", code: "invalid_amount" },
    { input: "NaN", code: "invalid_amount" },
    { input: "Infinity", code: "invalid_amount" },
    { input: 0, code: "invalid_amount" },
    { input: "0", code: "invalid_amount" },
    { input: -1, code: "invalid_amount" },
    { input: "-1", code: "invalid_amount" },
    { input: "9223372036854775808", code: "amount_too_large" },
  ] as const)("rejects $input with $code", ({ input, code }) => {
    expectFail(parseMinorUnits(input), code);
  });

  it("rejects ten thousand digits as too large without converting them", () => {
    expectFail(parseMinorUnits("9".repeat(10_000)), "amount_too_large");
  });

  it.each([
    { input: 0, options: { allowZero: true }, minor: 0n },
    { input: "0", options: { allowZero: true }, minor: 0n },
    { input: -0, options: { allowZero: true }, minor: 0n },
    { input: -5, options: { allowNegative: true }, minor: -5n },
    { input: "-9223372036854775807", options: { allowNegative: true }, minor: -AMOUNT_MAX_MINOR },
    { input: "-0", options: BOTH_SIGNS, minor: 0n },
  ])("accepts $input with $options", ({ input, options, minor }) => {
    expectOk(parseMinorUnits(input, options), minor);
  });

  it.each([
    { input: 0, options: { allowNegative: true }, code: "invalid_amount" },
    { input: "-0", options: { allowZero: true }, code: "invalid_amount" },
    { input: "-01", options: BOTH_SIGNS, code: "invalid_amount" },
    { input: "-9223372036854775808", options: BOTH_SIGNS, code: "amount_too_large" },
  ] as const)("rejects $input with $options", ({ input, options, code }) => {
    expectFail(parseMinorUnits(input, options), code);
  });
});

describe("fine-scale prices", () => {
  it.each([
    { text: "0.0001", currency: "CNY", fine: 10_000n },
    { text: "0.01", currency: "CNY", fine: 1_000_000n },
    { text: "1", currency: "CNY", fine: 100_000_000n },
    { text: "0.00000001", currency: "CNY", fine: 1n },
    { text: "0.000001", currency: "JPY", fine: 1n },
    { text: "0.5", currency: "JPY", fine: 500_000n },
    { text: "3", currency: "JPY", fine: 3_000_000n },
    { text: "0.000000001", currency: "BHD", fine: 1n },
    { text: "0.001", currency: "KWD", fine: 1_000_000n },
    { text: "92233720368.54775807", currency: "CNY", fine: I64_MAX },
  ])("$text $currency → $fine fine units", ({ text, currency, fine }) => {
    expectOk(parseFinePrice(text, currency), fine);
  });

  it.each([
    { text: "0.000000001", currency: "CNY", code: "too_many_decimals" },
    { text: "0.0000001", currency: "JPY", code: "too_many_decimals" },
    { text: "0.0000000001", currency: "KWD", code: "too_many_decimals" },
    { text: "0", currency: "CNY", code: "invalid_amount" },
    { text: "-0.0001", currency: "CNY", code: "invalid_amount" },
    { text: "1e-4", currency: "CNY", code: "invalid_amount" },
    { text: "+0.0001", currency: "CNY", code: "invalid_amount" },
    { text: "", currency: "CNY", code: "invalid_amount" },
    { text: "92233720368.54775808", currency: "CNY", code: "amount_too_large" },
    { text: "0.0001", currency: "ABC", code: "invalid_currency" },
  ] as const)("rejects $text $currency with $code", ({ text, currency, code }) => {
    expectFail(parseFinePrice(text, currency), code);
  });

  it("accepts a zero price when asked", () => {
    expectOk(parseFinePrice("0", "CNY", { allowZero: true }), 0n);
  });

  it.each([
    { fine: 10_000n, currency: "CNY", text: "0.0001" },
    { fine: 1_000_000n, currency: "CNY", text: "0.01" },
    { fine: 100_000_000n, currency: "CNY", text: "1.00" },
    { fine: 1n, currency: "CNY", text: "0.00000001" },
    { fine: 0n, currency: "CNY", text: "0.00" },
    { fine: -10_000n, currency: "CNY", text: "-0.0001" },
    { fine: 500_000n, currency: "JPY", text: "0.5" },
    { fine: 3_000_000n, currency: "JPY", text: "3" },
    { fine: 1n, currency: "KWD", text: "0.000000001" },
  ])("formatFine($fine, $currency) → $text", ({ fine, currency, text }) => {
    expect(formatFine(fine, currency)).toBe(text);
  });

  it.each(["JPY", "CNY", "BHD"])("formatFine round-trips through parseFinePrice in %s", (currency) => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), (fine) => {
        expectOk(parseFinePrice(formatFine(fine, currency), currency, BOTH_SIGNS), fine);
      }),
    );
  });

  it.each([
    { accumulated: 0n, postMinor: 0n, residualFine: 0n },
    { accumulated: 999_999n, postMinor: 0n, residualFine: 999_999n },
    { accumulated: 1_000_000n, postMinor: 1n, residualFine: 0n },
    { accumulated: 2_500_001n, postMinor: 2n, residualFine: 500_001n },
    { accumulated: -2_500_001n, postMinor: -2n, residualFine: -500_001n },
  ])("roundFine($accumulated) posts $postMinor and carries $residualFine", ({ accumulated, postMinor, residualFine }) => {
    expect(roundFine(accumulated)).toEqual({ postMinor, residualFine });
  });

  it("mulFine multiplies exactly and refuses negatives", () => {
    expect(mulFine(3n, 10_000n)).toBe(30_000n);
    expect(mulFine(0n, 10_000n)).toBe(0n);
    expect(mulFine(10n ** 12n, I64_MAX)).toBe(10n ** 12n * I64_MAX);
    expect(() => mulFine(-1n, 1n)).toThrow(RangeError);
    expect(() => mulFine(1n, -1n)).toThrow(RangeError);
  });

  it("roundFine keeps the invariant for any total", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), (accumulated) => {
        const { postMinor, residualFine } = roundFine(accumulated);
        expect(postMinor * FINE_SCALE + residualFine).toBe(accumulated);
        if (accumulated >= 0n) {
          expect(residualFine >= 0n && residualFine < FINE_SCALE).toBe(true);
        }
      }),
    );
  });

  // Metering: each usage event is priced exactly, added to the carried residual, and the
  // whole minor units are posted. Nothing may be lost or invented across the sequence.
  it("postings plus the final residual equal the exact total over any usage sequence", () => {
    const usage = fc.record({
      quantity: fc.bigInt({ min: 0n, max: 1_000_000n }),
      unitPriceFine: fc.bigInt({ min: 0n, max: 10n ** 10n }),
    });
    fc.assert(
      fc.property(fc.array(usage, { maxLength: 200 }), (events) => {
        let residualFine = 0n;
        let postedMinor = 0n;
        let exactFine = 0n;
        for (const { quantity, unitPriceFine } of events) {
          const costFine = mulFine(quantity, unitPriceFine);
          exactFine += costFine;
          const rounding = roundFine(residualFine + costFine);
          expect(rounding.postMinor >= 0n).toBe(true);
          expect(rounding.residualFine >= 0n && rounding.residualFine < FINE_SCALE).toBe(true);
          postedMinor += rounding.postMinor;
          residualFine = rounding.residualFine;
        }
        expect(postedMinor * FINE_SCALE + residualFine).toBe(exactFine);
        expect(postedMinor).toBe(exactFine / FINE_SCALE);
      }),
    );
  });
});
