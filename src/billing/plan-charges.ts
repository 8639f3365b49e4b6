/**
 * A plan's usage charges: which meter a subscription is billed on, at what price, with how many
 * units included per period and an optional hard limit. One implementation, used both where
 * usage draws down a reservation (src/usage) and where a period is settled (src/subscriptions),
 * so that what was reserved and what is posted are computed the same way.
 */
import { z } from "zod";
import { err, ok, type Result } from "../core/result.js";
import type { CurrencyCode } from "../money/index.js";
import { charge, type Price } from "./prices.js";
import { priceBody, priceFromBody, presentPrice } from "./schema.js";
import { billingError, QUANTITY_MAX, type BillingError } from "./types.js";

/** Usage charges in one plan. */
export const PLAN_CHARGES_MAX = 20;

export interface PlanCharge {
  readonly meterId: string;
  readonly price: Price;
  /** Units per period that cost nothing (a package of N calls); 0 when none. */
  readonly includedQuantity: bigint;
  /** Units per period past which usage is refused (a hard stop); null when there is none. */
  readonly limitQuantity: bigint | null;
}

const quantityText = z
  .union([z.int().min(0), z.string().regex(/^(0|[1-9][0-9]{0,18})$/, "must be a non-negative integer")])
  .describe("An integer in the meter's quantity units; a digit string above 2^53 − 1.");

/** The wire form of one plan charge, shared by HTTP and MCP. */
export const planChargeBody = z.strictObject({
  meter_id: z.string().min(1).max(64),
  price: priceBody,
  included_quantity: quantityText.default(0).describe("Units per period included in the plan (billed at nothing)."),
  limit_quantity: quantityText
    .nullable()
    .default(null)
    .describe("Units per period past which usage is refused with `usage_limit_reached` (a hard stop); null for none."),
});
export type PlanChargeBody = z.output<typeof planChargeBody>;

export function planChargeFromBody(body: PlanChargeBody, currency: CurrencyCode, index: number): Result<PlanCharge, BillingError> {
  const price = priceFromBody(body.price, currency);
  if (!price.ok) return err({ ...price.error, param: `charges[${index}].price${price.error.param === undefined ? "" : `.${price.error.param}`}` });
  const included = BigInt(body.included_quantity);
  const limit = body.limit_quantity === null ? null : BigInt(body.limit_quantity);
  if (included > QUANTITY_MAX || (limit !== null && (limit > QUANTITY_MAX || limit < 1n))) {
    return err(billingError("invalid_price", `quantities must be 1 to ${QUANTITY_MAX}`, `charges[${index}]`));
  }
  if (limit !== null && limit < included) {
    return err(billingError("invalid_price", "limit_quantity must not be below included_quantity", `charges[${index}].limit_quantity`));
  }
  return ok({ meterId: body.meter_id, price: price.value, includedQuantity: included, limitQuantity: limit });
}

export function presentPlanCharge(c: PlanCharge, currency: CurrencyCode): PlanChargeBody {
  const count = (n: bigint): number | string => (n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString());
  return {
    meter_id: c.meterId,
    price: presentPrice(c.price, currency),
    included_quantity: count(c.includedQuantity),
    limit_quantity: c.limitQuantity === null ? null : count(c.limitQuantity),
  };
}

/** The stored form (the `plans.charges` column): the wire form, which round-trips exactly. */
export function planChargesToJson(charges: readonly PlanCharge[], currency: CurrencyCode): string {
  return JSON.stringify(charges.map((c) => presentPlanCharge(c, currency)));
}

export function planChargesFromJson(text: string, currency: CurrencyCode): PlanCharge[] {
  const bodies = z.array(planChargeBody).parse(JSON.parse(text));
  return bodies.map((b, i) => {
    const parsed = planChargeFromBody(b, currency, i);
    if (!parsed.ok) throw new Error(`stored plan charge ${i} is invalid: ${parsed.error.message}`);
    return parsed.value;
  });
}

/** The units of `quantity` that are billed: those past the included ones. */
export function billableQuantity(c: PlanCharge, quantity: bigint): bigint {
  return quantity > c.includedQuantity ? quantity - c.includedQuantity : 0n;
}

/** The charge (fine units) of one period's `quantity` on the meter of `c`. */
export function planChargeFine(c: PlanCharge, quantity: bigint): bigint {
  return charge(c.price, billableQuantity(c, quantity));
}

