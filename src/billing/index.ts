// The billing core's only public surface: meter aggregations, price models and the
// rounding of fine-unit charges into ledger postings. Pure: no store, no clock, no I/O.
export type { BillingError, BillingErrorCode } from "./types.js";
export {
  CHARGE_MAX_FINE,
  DURATION_EVENT_MS_MAX,
  GROUP_BY_KEYS_MAX,
  METER_GROUPS_MAX,
  PRICE_TIERS_MAX,
  PROPERTY_NAME_LENGTH_MAX,
  PROPERTY_VALUE_LENGTH_MAX,
  QUANTITY_MAX,
  UNIQUE_VALUES_MAX,
  VALUE_SCALE_DIGITS_MAX,
  billingError,
} from "./types.js";
export type {
  AggregateState,
  Aggregation,
  GroupKey,
  GroupState,
  LatestValue,
  MeterDefinition,
  MeterState,
  RejectedEvent,
  UsageEvent,
} from "./aggregations.js";
export {
  AGGREGATIONS,
  DURATION_MS_PROPERTY,
  ENDED_AT_PROPERTY,
  STARTED_AT_PROPERTY,
  aggregateQuantity,
  applyEvent,
  applyEvents,
  createAggregateState,
  createMeterState,
  eventDurationMs,
  laterOf,
  mergeAggregates,
  mergeMeterStates,
  meterQuantities,
  parseMeterValue,
  validateMeter,
} from "./aggregations.js";
export type { DurationUnit, Price, PriceModel, PriceTier } from "./prices.js";
export { DURATION_UNITS, DURATION_UNIT_MS, PRICE_MODELS, charge, chargeChecked, validatePrice } from "./prices.js";
export { postWithResidual } from "./posting.js";
export type { MeterBody, PriceBody } from "./schema.js";
export { meterBody, meterFromBody, priceBody, priceFromBody, presentPrice } from "./schema.js";
export type { PlanCharge, PlanChargeBody } from "./plan-charges.js";
export {
  billableQuantity,
  PLAN_CHARGES_MAX,
  planChargeBody,
  planChargeFine,
  planChargeFromBody,
  planChargesFromJson,
  planChargesToJson,
  presentPlanCharge,
} from "./plan-charges.js";
