/**
 * Wire formats of meters and prices, shared by HTTP, MCP and CLI. Prices are decimal
 * strings in major units with up to the currency's decimals + 6 ("0.0001" CNY is ¥0.0001,
 * 10,000 fine units); quantities (tier bounds, package sizes) are integers, or digit
 * strings above 2^53 − 1.
 */
import { z } from "zod";
import { err, ok, type Result } from "../core/result.js";
import { formatFine, parseFinePrice, type CurrencyCode } from "../money/index.js";
import { AGGREGATIONS, validateMeter, type MeterDefinition } from "./aggregations.js";
import { DURATION_UNITS, validatePrice, type Price, type PriceTier } from "./prices.js";
import {
  billingError,
  GROUP_BY_KEYS_MAX,
  PRICE_TIERS_MAX,
  PROPERTY_NAME_LENGTH_MAX,
  VALUE_SCALE_DIGITS_MAX,
  type BillingError,
} from "./types.js";

const PRICE_TEXT_LENGTH_MAX = 40;

const finePrice = z
  .string()
  .min(1)
  .max(PRICE_TEXT_LENGTH_MAX)
  .describe("A price in major units, up to the currency's decimals + 6: \"0.0001\" with CNY is ¥0.0001.");

const quantity = z
  .union([z.int().min(1), z.string().regex(/^[1-9][0-9]{0,18}$/, "must be a positive integer")])
  .describe("A positive integer in the meter's quantity units; a digit string above 2^53 − 1.");

const tier = z.strictObject({
  up_to: quantity.nullable().describe("Inclusive upper bound; null on the last tier."),
  unit_price: finePrice.default("0"),
  flat_fee: finePrice.default("0"),
});

export const priceBody = z.discriminatedUnion("model", [
  z.strictObject({ model: z.literal("per_unit"), unit_price: finePrice }),
  z.strictObject({
    model: z.literal("package"),
    package_price: finePrice,
    package_size: quantity,
    round: z.enum(["up", "down"]).default("up").describe("Bill a started package (up) or only complete ones (down)."),
  }),
  z.strictObject({ model: z.literal("graduated"), tiers: z.array(tier).min(1).max(PRICE_TIERS_MAX) }),
  z.strictObject({ model: z.literal("volume"), tiers: z.array(tier).min(1).max(PRICE_TIERS_MAX) }),
  z.strictObject({ model: z.literal("flat"), amount: finePrice }),
  z.strictObject({
    model: z.literal("per_duration"),
    unit_price: finePrice,
    unit: z.enum(DURATION_UNITS),
    round: z
      .enum(["up", "down", "prorate"])
      .default("prorate")
      .describe("Partial units of the period's total duration: billed whole (up), free (down) or to the ms (prorate)."),
  }),
]);
export type PriceBody = z.output<typeof priceBody>;

export const meterBody = z.strictObject({
  aggregation: z.enum(AGGREGATIONS),
  value_property: z.string().min(1).max(PROPERTY_NAME_LENGTH_MAX).nullable().default(null),
  value_scale_digits: z.int().min(0).max(VALUE_SCALE_DIGITS_MAX).default(0),
  group_by: z.array(z.string().min(1).max(PROPERTY_NAME_LENGTH_MAX)).max(GROUP_BY_KEYS_MAX).default([]),
});
export type MeterBody = z.output<typeof meterBody>;

export function meterFromBody(body: MeterBody): Result<MeterDefinition, BillingError> {
  return validateMeter({
    aggregation: body.aggregation,
    valueProperty: body.value_property,
    valueScaleDigits: body.value_scale_digits,
    groupBy: body.group_by,
  });
}

/** Converts a parsed price body to a validated Price in `currency`'s fine units. */
export function priceFromBody(body: PriceBody, currency: CurrencyCode): Result<Price, BillingError> {
  const fine = (text: string, param: string, allowZero = false): Result<bigint, BillingError> => {
    const parsed = parseFinePrice(text, currency, { allowZero });
    return parsed.ok ? ok(parsed.value) : err(billingError("invalid_price", parsed.message, param));
  };
  switch (body.model) {
    case "per_unit": {
      const unit = fine(body.unit_price, "unit_price");
      return unit.ok ? validatePrice({ model: "per_unit", unitPriceFine: unit.value }) : unit;
    }
    case "package": {
      const packagePrice = fine(body.package_price, "package_price");
      if (!packagePrice.ok) return packagePrice;
      const packageSize = BigInt(body.package_size);
      return validatePrice({ model: "package", packagePriceFine: packagePrice.value, packageSize, round: body.round });
    }
    case "graduated":
    case "volume": {
      const tiers: PriceTier[] = [];
      for (const [index, t] of body.tiers.entries()) {
        const unit = fine(t.unit_price, `tiers[${index}].unit_price`, true);
        if (!unit.ok) return unit;
        const flat = fine(t.flat_fee, `tiers[${index}].flat_fee`, true);
        if (!flat.ok) return flat;
        tiers.push({ upTo: t.up_to === null ? null : BigInt(t.up_to), unitPriceFine: unit.value, flatFeeFine: flat.value });
      }
      return validatePrice({ model: body.model, tiers });
    }
    case "flat": {
      const amount = fine(body.amount, "amount");
      return amount.ok ? validatePrice({ model: "flat", amountFine: amount.value }) : amount;
    }
    case "per_duration": {
      const unit = fine(body.unit_price, "unit_price");
      if (!unit.ok) return unit;
      return validatePrice({ model: "per_duration", unitPriceFine: unit.value, unit: body.unit, round: body.round });
    }
  }
}

/** A Price back to its wire form; bounds above 2^53 − 1 stay digit strings. */
export function presentPrice(price: Price, currency: CurrencyCode): PriceBody {
  const text = (fine: bigint): string => formatFine(fine, currency);
  const count = (n: bigint): number | string => (n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString());
  switch (price.model) {
    case "per_unit":
      return { model: "per_unit", unit_price: text(price.unitPriceFine) };
    case "package":
      return {
        model: "package",
        package_price: text(price.packagePriceFine),
        package_size: count(price.packageSize),
        round: price.round,
      };
    case "graduated":
    case "volume":
      return {
        model: price.model,
        tiers: price.tiers.map((t) => ({
          up_to: t.upTo === null ? null : count(t.upTo),
          unit_price: text(t.unitPriceFine),
          flat_fee: text(t.flatFeeFine),
        })),
      };
    case "flat":
      return { model: "flat", amount: text(price.amountFine) };
    case "per_duration":
      return { model: "per_duration", unit_price: text(price.unitPriceFine), unit: price.unit, round: price.round };
  }
}
