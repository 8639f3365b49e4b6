import { data as isoCurrencies } from "currency-codes";
import { fail, ok, type MoneyResult } from "./result.js";

// A plain string rather than a branded one: amounts travel through the store and the
// transports as `{ amountMinor, currency }` with a string column, and every entry point
// validates with `parseCurrency` or `isCurrency` before the code reaches this module.
export type CurrencyCode = string;

// Codes whose ISO 4217 minor unit is "N.A.": precious metals (XAU, XAG, XPD, XPT), bond
// market units (XBA–XBD), the SDR, the ADB unit, the SUCRE, the test code XTS and the
// no-currency code XXX. They have no minor unit, so an amount in minor units is meaningless.
// The list is explicit because currency-codes' data.js stores "N.A." as digits 0 (its
// ingest script does `parseInt("N.A.") || 0`), which would make XAU look like JPY.
// test/money.test.ts checks this list against the ISO XML that ships with the package.
const NO_MINOR_UNIT_CODES: ReadonlySet<string> = new Set([
  "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
]);

const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;

// Built once at load from the package's table. We do not call its `code()` lookup: it
// upper-cases its argument (so "cny" would pass) and scans the whole list on every call.
const exponentByCode: ReadonlyMap<string, number> = buildExponentTable();

function buildExponentTable(): Map<string, number> {
  const table = new Map<string, number>();
  for (const record of isoCurrencies) {
    if (NO_MINOR_UNIT_CODES.has(record.code)) continue;
    if (!CURRENCY_CODE_PATTERN.test(record.code) || !Number.isInteger(record.digits) || record.digits < 0) {
      throw new Error(`currency-codes: unexpected record ${JSON.stringify(record)}`);
    }
    table.set(record.code, record.digits);
  }
  return table;
}

export function isCurrency(code: unknown): code is CurrencyCode {
  return typeof code === "string" && exponentByCode.has(code);
}

// Throws on an unknown code: callers validate first, so reaching here with one is a bug.
export function currencyExponent(code: CurrencyCode): number {
  const exponent = exponentByCode.get(code);
  if (exponent === undefined) {
    throw new RangeError(`currencyExponent: unknown currency ${JSON.stringify(code)}`);
  }
  return exponent;
}

export function parseCurrency(input: unknown): MoneyResult<CurrencyCode> {
  if (typeof input !== "string" || !CURRENCY_CODE_PATTERN.test(input)) {
    return fail("invalid_currency", "currency must be an uppercase three-letter ISO 4217 code");
  }
  if (!exponentByCode.has(input)) {
    return fail("invalid_currency", `unknown or unsupported currency ${input}`);
  }
  return ok(input);
}
