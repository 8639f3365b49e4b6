import { I64_MAX } from "../money/index.js";

// Every bound the billing core enforces, named once. Quantities and charges are stored in
// signed 64-bit columns, so they are bounded by I64_MAX; the rest bound memory per state.

/** Aggregated quantities (counts, sums, durations in ms, values) fit a signed 64-bit column. */
export const QUANTITY_MAX = I64_MAX;
/** A charge in fine units (10⁻⁶ minor unit) fits a signed 64-bit column: ≈ 9.2·10¹⁰ yuan. */
export const CHARGE_MAX_FINE = I64_MAX;
/** Decimals a meter's value property may carry; values are kept as value × 10^scale. */
export const VALUE_SCALE_DIGITS_MAX = 6;
/** Group-by keys per meter; each adds a dimension to the group map. */
export const GROUP_BY_KEYS_MAX = 4;
/** Distinct group-key tuples in one meter state (one period of one subscription). */
export const METER_GROUPS_MAX = 10_000;
/** Distinct values a unique_count group keeps in memory. */
export const UNIQUE_VALUES_MAX = 1_000_000;
/** Length of a string used as a group key or a unique_count value. */
export const PROPERTY_VALUE_LENGTH_MAX = 256;
/** Length of a property name in a meter definition. */
export const PROPERTY_NAME_LENGTH_MAX = 64;
/** One event's duration: a session longer than a leap year is a client bug, not usage. */
export const DURATION_EVENT_MS_MAX = 366 * 24 * 3_600_000;
/** Tiers in a graduated or volume price. */
export const PRICE_TIERS_MAX = 100;

/**
 * The closed set of ways billing input can be wrong. These are operating errors (bad
 * events, bad price definitions): returned as values. Bugs (a negative quantity reaching
 * `charge`) throw.
 */
export type BillingErrorCode =
  | "invalid_meter"
  | "invalid_price"
  | "missing_value"
  | "invalid_value"
  | "value_too_large"
  | "invalid_duration"
  | "quantity_overflow"
  | "charge_too_large"
  | "too_many_groups"
  | "too_many_unique_values";

export interface BillingError {
  readonly code: BillingErrorCode;
  readonly message: string;
  /** The offending field, e.g. "properties.tokens" or "tiers[2].up_to". */
  readonly param?: string;
}

export function billingError(code: BillingErrorCode, message: string, param?: string): BillingError {
  return param === undefined ? { code, message } : { code, message, param };
}

function assertLimits(): void {
  const relations: ReadonlyArray<readonly [boolean, string]> = [
    [QUANTITY_MAX <= I64_MAX, "QUANTITY_MAX fits a signed 64-bit column"],
    [CHARGE_MAX_FINE <= I64_MAX, "CHARGE_MAX_FINE fits a signed 64-bit column"],
    [BigInt(DURATION_EVENT_MS_MAX) <= QUANTITY_MAX, "one event's duration fits a quantity"],
    [Number.isSafeInteger(DURATION_EVENT_MS_MAX), "DURATION_EVENT_MS_MAX is a safe integer"],
    [VALUE_SCALE_DIGITS_MAX >= 0 && VALUE_SCALE_DIGITS_MAX <= 18, "VALUE_SCALE_DIGITS_MAX keeps 10^scale below I64_MAX"],
    [GROUP_BY_KEYS_MAX >= 1 && METER_GROUPS_MAX >= 1 && PRICE_TIERS_MAX >= 1, "collection limits are positive"],
  ];
  for (const [holds, relation] of relations) {
    if (!holds) throw new Error(`billing limits: expected ${relation}`);
  }
}

assertLimits();
