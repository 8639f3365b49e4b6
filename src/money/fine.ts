import { currencyExponent, isCurrency, type CurrencyCode } from "./currency.js";
import { formatScaled, parseScaledDecimal, type AmountOptions } from "./decimal.js";
import { FINE_PRICE_MAX, FINE_PRICE_MIN, FINE_SCALE, FINE_SCALE_DIGITS } from "./limits.js";
import { fail, type MoneyResult } from "./result.js";

// Metered prices can be finer than a minor unit (¥0.0001 per call). They are kept in fine
// units, 10⁻⁶ of a minor unit, and usage is accumulated in fine units too; only the amount
// posted to the ledger is rounded, and whatever rounding leaves over is carried forward.

export interface FineRounding {
  readonly postMinor: bigint;
  readonly residualFine: bigint;
}

// A price in major units with up to exponent + 6 decimals to fine units:
// "0.0001" CNY → 10_000n (a hundredth of a fen).
export function parseFinePrice(
  text: unknown,
  currency: CurrencyCode,
  options: AmountOptions = {},
): MoneyResult<bigint> {
  if (!isCurrency(currency)) {
    return fail("invalid_currency", "unknown or unsupported currency");
  }
  const spec = {
    scaleDigits: currencyExponent(currency) + FINE_SCALE_DIGITS,
    magnitudeMin: FINE_PRICE_MIN,
    magnitudeMax: FINE_PRICE_MAX,
    subject: `${currency} prices`,
    maxLabel: `${formatFine(FINE_PRICE_MAX, currency)} ${currency}`,
  };
  return parseScaledDecimal(text, spec, options);
}

// Fine units to major units, keeping at least the currency's own decimals and dropping
// trailing zeros below them: 10_000n CNY → "0.0001", 100_000_000n CNY → "1.00".
// Throws on an unknown currency, which would be a bug in the caller.
export function formatFine(fine: bigint, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  return formatScaled(fine, exponent + FINE_SCALE_DIGITS, exponent);
}

// The rule: post the whole minor units in the accumulated total, rounded toward zero
// (which is floor for the non-negative totals metering produces), and carry the remainder
// forward, so the payer is never charged a fraction that was not used and no fraction is
// lost. Hence postMinor * FINE_SCALE + residualFine === accumulatedFine always, and
// 0 <= residualFine < FINE_SCALE when accumulatedFine >= 0. A negative total (a refund of
// usage) rounds toward zero as well, so its residual is in (-FINE_SCALE, 0].
export function roundFine(accumulatedFine: bigint): FineRounding {
  const postMinor = accumulatedFine / FINE_SCALE;
  return { postMinor, residualFine: accumulatedFine - postMinor * FINE_SCALE };
}

// The exact cost of `quantity` units at `unitPriceFine` each, in fine units. Bigint makes
// the product exact; storing it is the caller's concern (check it against I64_MAX).
// Quantities and prices are validated as non-negative on input, so a negative one is a bug.
export function mulFine(quantity: bigint, unitPriceFine: bigint): bigint {
  if (quantity < 0n || unitPriceFine < 0n) {
    throw new RangeError("mulFine: quantity and unit price must be non-negative");
  }
  return quantity * unitPriceFine;
}
