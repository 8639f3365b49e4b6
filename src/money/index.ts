// The money module's only public surface: currencies, bigint minor-unit amounts and
// fine-scale prices for metered usage.
export type { MoneyErrorCode, MoneyResult } from "./result.js";
export type { AmountOptions } from "./decimal.js";
export type { FineRounding } from "./fine.js";
export type { CurrencyCode } from "./currency.js";
export { currencyExponent, isCurrency, parseCurrency } from "./currency.js";
export {
  AMOUNT_MAX_MINOR,
  AMOUNT_MIN_MINOR,
  FINE_PRICE_MAX,
  FINE_PRICE_MIN,
  FINE_SCALE,
  FINE_SCALE_DIGITS,
  I64_MAX,
} from "./limits.js";
export { addWouldOverflowI64, formatMinor, parseDecimal, parseMinorUnits } from "./amount.js";
export { formatFine, mulFine, parseFinePrice, roundFine } from "./fine.js";
