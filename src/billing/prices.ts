import { assert, assertNever } from "../core/assert.js";
import { err, ok, type Result } from "../core/result.js";
import { FINE_PRICE_MAX, mulFine } from "../money/index.js";
import { billingError, CHARGE_MAX_FINE, PRICE_TIERS_MAX, QUANTITY_MAX, type BillingError } from "./types.js";

// Price models turn one period's quantity into a charge in fine units (10⁻⁶ minor unit, see
// src/money), so that ¥0.0001 per call is exact. Charges are exact bigints; they are rounded
// to minor units only when posted to the ledger (see posting.ts).
//
// Rules common to every usage-based model: no usage, no charge — a quantity of 0 costs 0,
// including the flat fee of a first tier; a minimum charge is a separate `flat` price.

export const PRICE_MODELS = ["per_unit", "package", "graduated", "volume", "flat", "per_duration"] as const;
export type PriceModel = (typeof PRICE_MODELS)[number];

export const DURATION_UNITS = ["second", "minute", "hour"] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const DURATION_UNIT_MS: Readonly<Record<DurationUnit, bigint>> = {
  second: 1_000n,
  minute: 60_000n,
  hour: 3_600_000n,
};

export interface PriceTier {
  /** Inclusive upper bound of the tier in quantity units; null for the last, open tier. */
  readonly upTo: bigint | null;
  readonly unitPriceFine: bigint;
  readonly flatFeeFine: bigint;
}

export type Price =
  /** quantity × unitPriceFine. */
  | { readonly model: "per_unit"; readonly unitPriceFine: bigint }
  /**
   * packagePriceFine per started (`up`) or per complete (`down`) package of packageSize
   * units: with size 100, 101 units are 2 packages up and 1 down; 0 units are 0 packages.
   */
  | { readonly model: "package"; readonly packagePriceFine: bigint; readonly packageSize: bigint; readonly round: "up" | "down" }
  /**
   * Units 1..upTo₁ at tier 1's price, upTo₁+1..upTo₂ at tier 2's, …; a tier's flat fee is
   * charged once when the quantity reaches into it (quantity > the previous upTo).
   */
  | { readonly model: "graduated"; readonly tiers: readonly PriceTier[] }
  /**
   * Every unit at the price of the tier the quantity falls in (the first with
   * quantity ≤ upTo, upTo inclusive), plus that tier's flat fee.
   */
  | { readonly model: "volume"; readonly tiers: readonly PriceTier[] }
  /** A recurring fee per period, whatever the quantity (0 included). */
  | { readonly model: "flat"; readonly amountFine: bigint }
  /**
   * unitPriceFine per second, minute or hour of a quantity in milliseconds. The period's
   * total duration is priced, not each event (events' durations are summed first):
   * - `up`: a started unit is billed whole: ceil(ms / unit) × price;
   * - `down`: only complete units are billed: floor(ms / unit) × price;
   * - `prorate`: billed to the millisecond, floor(ms × price / unit) — the fraction of a fine
   *   unit (under 10⁻¹² yuan per period) is dropped, so the payer is never charged for
   *   time not used, as roundFine does for minor units.
   */
  | {
      readonly model: "per_duration";
      readonly unitPriceFine: bigint;
      readonly unit: DurationUnit;
      readonly round: "up" | "down" | "prorate";
    };

/**
 * The charge of one period's quantity in fine units. Exact: bigint arithmetic does not
 * overflow, so the result may exceed what a 64-bit column holds — use `chargeChecked` where
 * it is stored. Quantities come from aggregations, which bound them to [0, QUANTITY_MAX];
 * prices are validated by `validatePrice`. Anything else is a bug and throws.
 */
export function charge(price: Price, quantity: bigint): bigint {
  assert(quantity >= 0n && quantity <= QUANTITY_MAX, `charge: quantity ${quantity} outside [0, QUANTITY_MAX]`);
  switch (price.model) {
    case "per_unit":
      return mulFine(quantity, price.unitPriceFine);
    case "package":
      return mulFine(divide(quantity, price.packageSize, price.round), price.packagePriceFine);
    case "graduated":
      return chargeGraduated(price.tiers, quantity);
    case "volume":
      return chargeVolume(price.tiers, quantity);
    case "flat":
      return price.amountFine;
    case "per_duration":
      return chargeDuration(price.unitPriceFine, DURATION_UNIT_MS[price.unit], price.round, quantity);
    default:
      return assertNever(price);
  }
}

/** `charge`, refused with `charge_too_large` when the result would not fit CHARGE_MAX_FINE. */
export function chargeChecked(price: Price, quantity: bigint): Result<bigint, BillingError> {
  const fine = charge(price, quantity);
  if (fine > CHARGE_MAX_FINE) {
    return err(billingError("charge_too_large", `the charge exceeds ${CHARGE_MAX_FINE} fine units`));
  }
  return ok(fine);
}

function divide(numerator: bigint, denominator: bigint, round: "up" | "down"): bigint {
  assert(denominator > 0n, "divide: denominator must be positive");
  const quotient = numerator / denominator;
  return round === "up" && quotient * denominator !== numerator ? quotient + 1n : quotient;
}

function chargeGraduated(tiers: readonly PriceTier[], quantity: bigint): bigint {
  let total = 0n;
  let lower = 0n;
  for (const tier of tiers) {
    if (quantity <= lower) break;
    const upper = tier.upTo === null || tier.upTo > quantity ? quantity : tier.upTo;
    total += mulFine(upper - lower, tier.unitPriceFine) + tier.flatFeeFine;
    if (tier.upTo === null) break;
    lower = tier.upTo;
  }
  return total;
}

function chargeVolume(tiers: readonly PriceTier[], quantity: bigint): bigint {
  if (quantity === 0n) return 0n;
  const tier = tiers.find((t) => t.upTo === null || quantity <= t.upTo);
  assert(tier !== undefined, "chargeVolume: validated tiers end with an open tier");
  return mulFine(quantity, tier.unitPriceFine) + tier.flatFeeFine;
}

function chargeDuration(unitPriceFine: bigint, unitMs: bigint, round: "up" | "down" | "prorate", ms: bigint): bigint {
  if (round === "prorate") return mulFine(ms, unitPriceFine) / unitMs;
  return mulFine(divide(ms, unitMs, round), unitPriceFine);
}

/**
 * Checks a price built in code or converted from the wire. Prices of the single-price
 * models must be positive (a free meter needs no price). Tier prices and fees may be zero —
 * "the first 1,000 calls free" is the most common tier — but not all of them. Tiers have
 * strictly ascending positive bounds and end with exactly one open tier (upTo null).
 */
export function validatePrice(price: Price): Result<Price, BillingError> {
  switch (price.model) {
    case "per_unit": {
      const checked = positivePrice(price.unitPriceFine, "unit_price");
      return checked.ok ? ok(price) : checked;
    }
    case "package": {
      const checked = positivePrice(price.packagePriceFine, "package_price");
      if (!checked.ok) return checked;
      if (price.packageSize < 1n || price.packageSize > QUANTITY_MAX) {
        return err(billingError("invalid_price", `package size must be 1 to ${QUANTITY_MAX}`, "package_size"));
      }
      return ok(price);
    }
    case "graduated":
    case "volume": {
      const checked = validateTiers(price.tiers);
      return checked.ok ? ok(price) : checked;
    }
    case "flat": {
      const checked = positivePrice(price.amountFine, "amount");
      return checked.ok ? ok(price) : checked;
    }
    case "per_duration": {
      const checked = positivePrice(price.unitPriceFine, "unit_price");
      return checked.ok ? ok(price) : checked;
    }
    default:
      return assertNever(price);
  }
}

function positivePrice(fine: bigint, param: string): Result<void, BillingError> {
  if (fine < 1n || fine > FINE_PRICE_MAX) {
    return err(billingError("invalid_price", `price must be positive and at most ${FINE_PRICE_MAX} fine units`, param));
  }
  return ok(undefined);
}

function nonNegativePrice(fine: bigint, param: string): Result<void, BillingError> {
  if (fine < 0n || fine > FINE_PRICE_MAX) {
    return err(billingError("invalid_price", `price must be 0 to ${FINE_PRICE_MAX} fine units`, param));
  }
  return ok(undefined);
}

function validateTiers(tiers: readonly PriceTier[]): Result<void, BillingError> {
  if (tiers.length < 1 || tiers.length > PRICE_TIERS_MAX) {
    return err(billingError("invalid_price", `a tiered price has 1 to ${PRICE_TIERS_MAX} tiers`, "tiers"));
  }
  let previous = 0n;
  for (const [index, tier] of tiers.entries()) {
    const param = `tiers[${index}]`;
    const last = index === tiers.length - 1;
    if (last !== (tier.upTo === null)) {
      return err(billingError("invalid_price", "the last tier, and only it, has up_to null", `${param}.up_to`));
    }
    if (tier.upTo !== null && (tier.upTo <= previous || tier.upTo > QUANTITY_MAX)) {
      return err(billingError("invalid_price", "tier bounds must be positive and strictly ascending", `${param}.up_to`));
    }
    const unit = nonNegativePrice(tier.unitPriceFine, `${param}.unit_price`);
    if (!unit.ok) return unit;
    const flat = nonNegativePrice(tier.flatFeeFine, `${param}.flat_fee`);
    if (!flat.ok) return flat;
    previous = tier.upTo ?? previous;
  }
  if (tiers.every((t) => t.unitPriceFine === 0n && t.flatFeeFine === 0n)) {
    return err(billingError("invalid_price", "at least one tier must have a price or a flat fee", "tiers"));
  }
  return ok(undefined);
}
