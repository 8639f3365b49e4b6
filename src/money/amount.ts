import { currencyExponent, isCurrency, type CurrencyCode } from "./currency.js";
import { checkSignedMagnitude, formatScaled, parseScaledDecimal, type AmountOptions } from "./decimal.js";
import { AMOUNT_MAX_MINOR, AMOUNT_MIN_MINOR, I64_MAX } from "./limits.js";
import { fail, type MoneyResult } from "./result.js";

// A decimal string in major units ("12.34" CNY) to bigint minor units (1234n).
export function parseDecimal(
  text: unknown,
  currency: CurrencyCode,
  options: AmountOptions = {},
): MoneyResult<bigint> {
  if (!isCurrency(currency)) {
    return fail("invalid_currency", "unknown or unsupported currency");
  }
  const exponent = currencyExponent(currency);
  const spec = {
    scaleDigits: exponent,
    magnitudeMin: AMOUNT_MIN_MINOR,
    magnitudeMax: AMOUNT_MAX_MINOR,
    subject: `${currency} amounts`,
    maxLabel: `${formatMinor(AMOUNT_MAX_MINOR, currency)} ${currency}`,
  };
  return parseScaledDecimal(text, spec, options);
}

// Minor units to a decimal string in major units with exactly the currency's exponent of
// decimals: 1234n CNY → "12.34", -5n CNY → "-0.05", 300n JPY → "300".
// Throws on an unknown currency, which would be a bug in the caller.
export function formatMinor(amountMinor: bigint, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  return formatScaled(amountMinor, exponent, exponent);
}

// Integers or digit strings, no leading zeros, as accepted in JSON `amount_minor` fields.
const MINOR_UNITS_PATTERN = /^(-?)(0|[1-9][0-9]*)$/;
const AMOUNT_MAX_DIGITS = AMOUNT_MAX_MINOR.toString().length;
const MINOR_UNITS_SPEC = {
  magnitudeMin: AMOUNT_MIN_MINOR,
  magnitudeMax: AMOUNT_MAX_MINOR,
  maxLabel: `${AMOUNT_MAX_MINOR} minor units`,
};

// Minor units from JSON. A number must be a safe integer, because a JSON number above
// 2^53 - 1 has already been rounded by the parser; larger values arrive as digit strings.
export function parseMinorUnits(input: unknown, options: AmountOptions = {}): MoneyResult<bigint> {
  if (typeof input === "number") {
    if (!Number.isSafeInteger(input)) {
      return fail("invalid_amount", "amount must be an integer; send values above 2^53 - 1 as a string of digits");
    }
    return checkSignedMagnitude(input < 0, BigInt(Math.abs(input)), MINOR_UNITS_SPEC, options);
  }
  if (typeof input !== "string") {
    return fail("invalid_amount", "amount must be an integer or a string of digits");
  }
  const match = MINOR_UNITS_PATTERN.exec(input);
  if (match === null) {
    return fail("invalid_amount", "amount must be a string of digits without leading zeros");
  }
  const [, sign = "", digits = ""] = match;
  // Length first, so a huge digit string is refused without converting it.
  if (digits.length > AMOUNT_MAX_DIGITS) {
    return fail("amount_too_large", `amount exceeds the maximum of ${MINOR_UNITS_SPEC.maxLabel}`);
  }
  return checkSignedMagnitude(sign === "-", BigInt(digits), MINOR_UNITS_SPEC, options);
}

// Whether a + b would exceed a signed 64-bit column. The ledger calls this before it
// credits a balance. Operands are balances and amounts, which are never negative, so a
// negative operand is a bug and throws rather than returning a misleading answer.
export function addWouldOverflowI64(a: bigint, b: bigint): boolean {
  if (a < 0n || b < 0n) {
    throw new RangeError("addWouldOverflowI64: operands must be non-negative");
  }
  return a > I64_MAX - b;
}
