import { fail, ok, type MoneyResult } from "./result.js";

// Options shared by every amount and price parser. Both default to false because the
// common input is a transfer amount, which is strictly positive.
export interface AmountOptions {
  readonly allowZero?: boolean;
  readonly allowNegative?: boolean;
}

// How a decimal string maps to an integer: the value is multiplied by 10^scaleDigits and
// must then lie in [magnitudeMin, magnitudeMax] in absolute value.
export interface ScaledDecimalSpec {
  readonly scaleDigits: number;
  readonly magnitudeMin: bigint;
  readonly magnitudeMax: bigint;
  // Used in messages only, e.g. "CNY amounts" and "92233720368547758.07 CNY".
  readonly subject: string;
  readonly maxLabel: string;
}

// One optional minus, an integer part without leading zeros, an optional fraction with at
// least one digit. No "+", no whitespace, no exponent, ASCII digits only. `$` without the
// m flag matches only at the very end, so a trailing newline is rejected too.
const DECIMAL_PATTERN = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

// Exact conversion with string and bigint arithmetic only: a float would round "0.29".
export function parseScaledDecimal(
  text: unknown,
  spec: ScaledDecimalSpec,
  options: AmountOptions,
): MoneyResult<bigint> {
  if (typeof text !== "string") {
    return fail("invalid_amount", "amount must be a string such as \"12.34\"");
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    return fail("invalid_amount", "amount must be a plain decimal such as \"12.34\"");
  }
  const [, sign = "", integerDigits = "", fractionDigits = ""] = match;
  if (fractionDigits.length > spec.scaleDigits) {
    return fail("too_many_decimals", `${spec.subject} take at most ${spec.scaleDigits} decimal places`);
  }
  // Reject oversized input by its length before building a bigint from it, so a
  // megabyte of digits costs a string comparison, not a big-number conversion.
  const maxDigits = spec.magnitudeMax.toString().length;
  if (integerDigits !== "0" && integerDigits.length + spec.scaleDigits > maxDigits) {
    return fail("amount_too_large", `amount exceeds the maximum of ${spec.maxLabel}`);
  }
  const magnitude = BigInt(integerDigits + fractionDigits.padEnd(spec.scaleDigits, "0"));
  return checkSignedMagnitude(sign === "-", magnitude, spec, options);
}

// The range rules shared by decimal and integer input. The sign is judged on the text, so
// "-0" is accepted only when both negatives and zero are.
export function checkSignedMagnitude(
  negative: boolean,
  magnitude: bigint,
  spec: Pick<ScaledDecimalSpec, "magnitudeMin" | "magnitudeMax" | "maxLabel">,
  options: AmountOptions,
): MoneyResult<bigint> {
  if (negative && options.allowNegative !== true) {
    return fail("invalid_amount", "amount must not be negative");
  }
  if (magnitude > spec.magnitudeMax) {
    return fail("amount_too_large", `amount exceeds the maximum of ${spec.maxLabel}`);
  }
  const magnitudeMin = options.allowZero === true ? 0n : spec.magnitudeMin;
  if (magnitude < magnitudeMin) {
    return fail("invalid_amount", "amount must not be zero");
  }
  return ok(negative ? -magnitude : magnitude);
}

// Writes value / 10^scaleDigits in plain decimal. Trailing zeros beyond fractionDigitsMin
// are dropped, so fine prices print as "0.0001" while minor amounts keep "12.00".
export function formatScaled(value: bigint, scaleDigits: number, fractionDigitsMin: number): string {
  const magnitude = value < 0n ? -value : value;
  const digits = magnitude.toString().padStart(scaleDigits + 1, "0");
  const integerDigits = digits.slice(0, digits.length - scaleDigits);
  const fractionDigits = digits
    .slice(digits.length - scaleDigits)
    .replace(/0+$/, "")
    .padEnd(fractionDigitsMin, "0");
  const sign = value < 0n ? "-" : "";
  return fractionDigits === "" ? `${sign}${integerDigits}` : `${sign}${integerDigits}.${fractionDigits}`;
}
