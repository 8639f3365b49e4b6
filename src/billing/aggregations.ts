import { assertNever } from "../core/assert.js";
import { err, ok, type Result } from "../core/result.js";
import {
  billingError,
  DURATION_EVENT_MS_MAX,
  GROUP_BY_KEYS_MAX,
  METER_GROUPS_MAX,
  PROPERTY_NAME_LENGTH_MAX,
  PROPERTY_VALUE_LENGTH_MAX,
  QUANTITY_MAX,
  UNIQUE_VALUES_MAX,
  VALUE_SCALE_DIGITS_MAX,
  type BillingError,
} from "./types.js";

// Meter aggregations as incremental states: ingestion applies events one by one to a state
// (one per subscription and period, or one per batch) and merges batch states into the
// period's state. Merging is associative and commutative, so a period's quantity does not
// depend on how its events were batched or in what order they arrived.
//
// Duplicates are handled upstream: events are deduplicated by their id before they reach
// these functions, which count every event they are given. Routing by event type (which
// meter an event feeds) is upstream as well.
//
// No I/O and no clock here. States are mutated in place by `applyEvent`, because ingestion
// runs at hundreds of thousands of events a second and a copy per event would dominate;
// a rejected event leaves the state exactly as it was (every check precedes every write).

export const AGGREGATIONS = ["count", "sum", "max", "unique_count", "latest", "duration"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** The aggregations that read a meter's value property. */
const VALUE_AGGREGATIONS: ReadonlySet<Aggregation> = new Set(["sum", "max", "unique_count", "latest"]);

// Duration events carry one of two forms, under fixed property names (see `eventDurationMs`).
export const DURATION_MS_PROPERTY = "duration_ms";
export const STARTED_AT_PROPERTY = "started_at";
export const ENDED_AT_PROPERTY = "ended_at";

export interface MeterDefinition {
  readonly aggregation: Aggregation;
  /** Required by sum, max, unique_count and latest; null for count and duration. */
  readonly valueProperty: string | null;
  /**
   * Decimals accepted in numeric values (sum, max, latest). Values are kept exactly as
   * value × 10^valueScaleDigits, and that integer is the meter's quantity: with scale 3,
   * "1.5" GB is 1500 units of 0.001 GB. Price it per whole GB with a package of 1000.
   */
  readonly valueScaleDigits: number;
  readonly groupBy: readonly string[];
}

export interface UsageEvent {
  /** The merchant-chosen id; unique after upstream dedup. Breaks `latest` timestamp ties. */
  readonly id: string;
  readonly timestampMs: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface LatestValue {
  readonly value: bigint;
  readonly timestampMs: number;
  readonly eventId: string;
}

export type AggregateState =
  | { readonly aggregation: "count"; count: bigint }
  | { readonly aggregation: "sum"; total: bigint }
  | { readonly aggregation: "max"; max: bigint | null }
  | { readonly aggregation: "unique_count"; readonly values: Set<string> }
  | { readonly aggregation: "latest"; latest: LatestValue | null }
  | { readonly aggregation: "duration"; totalMs: bigint };

/** A group-key tuple: one entry per group-by key, null where the event lacks the property. */
export type GroupKey = readonly (string | null)[];

export interface GroupState {
  readonly key: GroupKey;
  readonly state: AggregateState;
}

export interface MeterState {
  readonly meter: MeterDefinition;
  /** Keyed by the JSON encoding of the group-key tuple, which is unambiguous. */
  readonly groups: Map<string, GroupState>;
}

export interface RejectedEvent {
  readonly index: number;
  readonly eventId: string;
  readonly error: BillingError;
}

const PROPERTY_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function validateMeter(meter: MeterDefinition): Result<MeterDefinition, BillingError> {
  const needsValue = VALUE_AGGREGATIONS.has(meter.aggregation);
  if (needsValue && meter.valueProperty === null) {
    return err(billingError("invalid_meter", `a ${meter.aggregation} meter needs a value property`, "value_property"));
  }
  if (!needsValue && meter.valueProperty !== null) {
    return err(billingError("invalid_meter", `a ${meter.aggregation} meter takes no value property`, "value_property"));
  }
  if (meter.valueProperty !== null && !isPropertyName(meter.valueProperty)) {
    return err(billingError("invalid_meter", "value property must be a property name", "value_property"));
  }
  const scale = meter.valueScaleDigits;
  if (!Number.isInteger(scale) || scale < 0 || scale > VALUE_SCALE_DIGITS_MAX) {
    return err(billingError("invalid_meter", `value scale must be 0 to ${VALUE_SCALE_DIGITS_MAX}`, "value_scale_digits"));
  }
  if (meter.groupBy.length > GROUP_BY_KEYS_MAX) {
    return err(billingError("invalid_meter", `at most ${GROUP_BY_KEYS_MAX} group-by keys`, "group_by"));
  }
  if (!meter.groupBy.every(isPropertyName) || new Set(meter.groupBy).size !== meter.groupBy.length) {
    return err(billingError("invalid_meter", "group-by keys must be distinct property names", "group_by"));
  }
  return ok(meter);
}

function isPropertyName(name: string): boolean {
  return name.length <= PROPERTY_NAME_LENGTH_MAX && PROPERTY_NAME_PATTERN.test(name);
}

export function createMeterState(meter: MeterDefinition): MeterState {
  return { meter, groups: new Map() };
}

export function createAggregateState(aggregation: Aggregation): AggregateState {
  switch (aggregation) {
    case "count":
      return { aggregation, count: 0n };
    case "sum":
      return { aggregation, total: 0n };
    case "max":
      return { aggregation, max: null };
    case "unique_count":
      return { aggregation, values: new Set() };
    case "latest":
      return { aggregation, latest: null };
    case "duration":
      return { aggregation, totalMs: 0n };
    default:
      return assertNever(aggregation);
  }
}

/** Applies one event. On error the state is unchanged and the error names the property. */
export function applyEvent(state: MeterState, event: UsageEvent): Result<void, BillingError> {
  const key = groupKeyOf(state.meter, event);
  if (!key.ok) return key;
  const mapKey = JSON.stringify(key.value);
  const existing = state.groups.get(mapKey);
  if (existing === undefined && state.groups.size >= METER_GROUPS_MAX) {
    return err(billingError("too_many_groups", `a meter keeps at most ${METER_GROUPS_MAX} groups per period`));
  }
  const group = existing ?? { key: key.value, state: createAggregateState(state.meter.aggregation) };
  const applied = applyToAggregate(state.meter, group.state, event);
  if (!applied.ok) return applied;
  if (existing === undefined) state.groups.set(mapKey, group);
  return ok(undefined);
}

/**
 * Applies every valid event of a batch and reports the others by index. Whether a batch
 * with a rejected event is applied at all is the caller's policy; this reports, it does not
 * decide.
 */
export function applyEvents(state: MeterState, events: readonly UsageEvent[]): RejectedEvent[] {
  const rejected: RejectedEvent[] = [];
  events.forEach((event, index) => {
    const applied = applyEvent(state, event);
    if (!applied.ok) rejected.push({ index, eventId: event.id, error: applied.error });
  });
  return rejected;
}

function applyToAggregate(meter: MeterDefinition, state: AggregateState, event: UsageEvent): Result<void, BillingError> {
  switch (state.aggregation) {
    case "count":
      return addChecked(state.count, 1n, (total) => (state.count = total));
    case "sum": {
      const value = readValue(meter, event);
      if (!value.ok) return value;
      return addChecked(state.total, value.value, (total) => (state.total = total));
    }
    case "max": {
      const value = readValue(meter, event);
      if (!value.ok) return value;
      if (state.max === null || value.value > state.max) state.max = value.value;
      return ok(undefined);
    }
    case "unique_count":
      return addUnique(meter, state.values, event);
    case "latest": {
      const value = readValue(meter, event);
      if (!value.ok) return value;
      const candidate = { value: value.value, timestampMs: event.timestampMs, eventId: event.id };
      state.latest = laterOf(state.latest, candidate);
      return ok(undefined);
    }
    case "duration": {
      const durationMs = eventDurationMs(event);
      if (!durationMs.ok) return durationMs;
      return addChecked(state.totalMs, BigInt(durationMs.value), (total) => (state.totalMs = total));
    }
    default:
      return assertNever(state);
  }
}

function addChecked(total: bigint, addend: bigint, store: (sum: bigint) => void): Result<void, BillingError> {
  const sum = total + addend;
  if (sum > QUANTITY_MAX) {
    return err(billingError("quantity_overflow", `the aggregated quantity would exceed ${QUANTITY_MAX}`));
  }
  store(sum);
  return ok(undefined);
}

function addUnique(meter: MeterDefinition, values: Set<string>, event: UsageEvent): Result<void, BillingError> {
  const property = meter.valueProperty ?? "";
  const raw = event.properties[property];
  if (raw === undefined || raw === null) {
    return err(billingError("missing_value", `event lacks the property ${property}`, `properties.${property}`));
  }
  const value = canonicalKeyValue(raw);
  if (value === null) {
    return err(
      billingError("invalid_value", "unique values must be strings, integers or booleans", `properties.${property}`),
    );
  }
  if (!values.has(value) && values.size >= UNIQUE_VALUES_MAX) {
    return err(billingError("too_many_unique_values", `a group keeps at most ${UNIQUE_VALUES_MAX} distinct values`));
  }
  values.add(value);
  return ok(undefined);
}

/**
 * The later of two latest values: the greater timestamp wins, and on equal timestamps the
 * greater event id (UTF-16 code-unit order), so the outcome never depends on arrival order.
 */
export function laterOf(current: LatestValue | null, candidate: LatestValue | null): LatestValue | null {
  if (current === null) return candidate;
  if (candidate === null) return current;
  if (candidate.timestampMs !== current.timestampMs) {
    return candidate.timestampMs > current.timestampMs ? candidate : current;
  }
  return candidate.eventId > current.eventId ? candidate : current;
}

function groupKeyOf(meter: MeterDefinition, event: UsageEvent): Result<GroupKey, BillingError> {
  const key: (string | null)[] = [];
  for (const property of meter.groupBy) {
    const raw = event.properties[property];
    if (raw === undefined || raw === null) {
      key.push(null);
      continue;
    }
    const value = canonicalKeyValue(raw);
    if (value === null) {
      return err(
        billingError("invalid_value", "group-by values must be strings, integers or booleans", `properties.${property}`),
      );
    }
    key.push(value);
  }
  return ok(key);
}

/**
 * Group keys and unique values are compared as strings: 42 and "42" are the same user id,
 * whichever client sent it. Floats and objects are refused (their text is not canonical).
 */
function canonicalKeyValue(raw: unknown): string | null {
  if (typeof raw === "string") return raw.length <= PROPERTY_VALUE_LENGTH_MAX ? raw : null;
  if (typeof raw === "number") return Number.isSafeInteger(raw) ? String(raw) : null;
  if (typeof raw === "boolean") return String(raw);
  return null;
}

function readValue(meter: MeterDefinition, event: UsageEvent): Result<bigint, BillingError> {
  const property = meter.valueProperty ?? "";
  const param = `properties.${property}`;
  const raw = event.properties[property];
  if (raw === undefined || raw === null) {
    return err(billingError("missing_value", `event lacks the property ${property}`, param));
  }
  return parseMeterValue(raw, meter.valueScaleDigits, param);
}

const DECIMAL_PATTERN = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
const QUANTITY_MAX_DIGITS = QUANTITY_MAX.toString().length;

/**
 * A non-negative meter value to value × 10^scaleDigits, exactly. Decimal strings are the
 * exact form ("12.345"). A JSON number is accepted when it is at most 2^53 − 1 and its
 * shortest decimal text (what JavaScript prints, which is what the sender wrote for
 * numbers of up to 15 significant digits) is a plain decimal: 1.5 passes, 1e21 does not.
 * Negative values are refused: corrections are reversals, not negative usage.
 */
export function parseMeterValue(raw: unknown, scaleDigits: number, param: string): Result<bigint, BillingError> {
  let text: string;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || Math.abs(raw) > Number.MAX_SAFE_INTEGER) {
      return err(billingError("invalid_value", "numbers above 2^53 − 1 must be sent as decimal strings", param));
    }
    text = String(raw);
  } else if (typeof raw === "string") {
    text = raw;
  } else {
    return err(billingError("invalid_value", "value must be a number or a decimal string", param));
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    return err(billingError("invalid_value", "value must be a non-negative plain decimal such as \"12.5\"", param));
  }
  const [, integerDigits = "", fractionDigits = ""] = match;
  if (fractionDigits.length > scaleDigits) {
    return err(billingError("invalid_value", `this meter takes at most ${scaleDigits} decimal places`, param));
  }
  // Length first, so a megabyte of digits costs a comparison rather than a bigint.
  if (integerDigits !== "0" && integerDigits.length + scaleDigits > QUANTITY_MAX_DIGITS) {
    return err(billingError("value_too_large", `value exceeds the maximum quantity ${QUANTITY_MAX}`, param));
  }
  const value = BigInt(integerDigits + fractionDigits.padEnd(scaleDigits, "0"));
  if (value > QUANTITY_MAX) {
    return err(billingError("value_too_large", `value exceeds the maximum quantity ${QUANTITY_MAX}`, param));
  }
  return ok(value);
}

const MS_INTEGER_PATTERN = /^(0|[1-9][0-9]{0,15})$/;
// RFC 3339 with an explicit offset and at most millisecond precision, so Date.parse is exact.
const RFC3339_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One event's duration in ms. An event carries exactly one of two forms:
 * - `duration_ms`: a non-negative integer (number or digit string), or
 * - `started_at` and `ended_at`: each epoch milliseconds (integer or digit string) or an
 *   RFC 3339 timestamp with an offset and at most millisecond precision; the duration is
 *   ended_at − started_at and must not be negative.
 * Both forms at once, neither, or only one bound is an error, as is a duration above
 * DURATION_EVENT_MS_MAX. A meter's duration is the sum of its events' durations:
 * overlapping sessions are each billed (two parallel calls use two lines), not merged.
 */
export function eventDurationMs(event: UsageEvent): Result<number, BillingError> {
  const { properties } = event;
  const duration = properties[DURATION_MS_PROPERTY];
  const started = properties[STARTED_AT_PROPERTY];
  const ended = properties[ENDED_AT_PROPERTY];
  const hasDuration = duration !== undefined && duration !== null;
  const hasStart = started !== undefined && started !== null;
  const hasEnd = ended !== undefined && ended !== null;
  if (hasDuration && (hasStart || hasEnd)) {
    return err(billingError("invalid_duration", `send either ${DURATION_MS_PROPERTY} or ${STARTED_AT_PROPERTY}/${ENDED_AT_PROPERTY}, not both`));
  }
  let durationMs: number | null;
  if (hasDuration) {
    durationMs = parseEpochOrMs(duration, false);
  } else if (hasStart && hasEnd) {
    const startMs = parseEpochOrMs(started, true);
    const endMs = parseEpochOrMs(ended, true);
    durationMs = startMs === null || endMs === null ? null : endMs - startMs;
  } else {
    return err(billingError("invalid_duration", `event needs ${DURATION_MS_PROPERTY}, or both ${STARTED_AT_PROPERTY} and ${ENDED_AT_PROPERTY}`));
  }
  if (durationMs === null || durationMs < 0) {
    return err(billingError("invalid_duration", "duration must be a non-negative number of milliseconds; ended_at must not precede started_at"));
  }
  if (durationMs > DURATION_EVENT_MS_MAX) {
    return err(billingError("invalid_duration", `one event's duration is at most ${DURATION_EVENT_MS_MAX} ms`));
  }
  return ok(durationMs);
}

function parseEpochOrMs(raw: unknown, allowTimestamp: boolean): number | null {
  if (typeof raw === "number") return Number.isSafeInteger(raw) && raw >= 0 ? raw : null;
  if (typeof raw !== "string") return null;
  if (MS_INTEGER_PATTERN.test(raw)) {
    const value = Number(raw);
    return Number.isSafeInteger(value) ? value : null;
  }
  if (!allowTimestamp || !RFC3339_PATTERN.test(raw)) return null;
  const value = Date.parse(raw);
  return Number.isNaN(value) ? null : value;
}

/**
 * The union of two states of the same meter, as a new state: inputs are not modified, so
 * a merge that fails (overflow, too many groups) leaves both intact.
 */
export function mergeMeterStates(a: MeterState, b: MeterState): Result<MeterState, BillingError> {
  if (a.meter !== b.meter && JSON.stringify(a.meter) !== JSON.stringify(b.meter)) {
    throw new RangeError("mergeMeterStates: states of different meters");
  }
  const groups = new Map<string, GroupState>();
  for (const [mapKey, group] of a.groups) groups.set(mapKey, { key: group.key, state: copyAggregate(group.state) });
  for (const [mapKey, group] of b.groups) {
    const into = groups.get(mapKey);
    if (into === undefined) {
      if (groups.size >= METER_GROUPS_MAX) {
        return err(billingError("too_many_groups", `a meter keeps at most ${METER_GROUPS_MAX} groups per period`));
      }
      groups.set(mapKey, { key: group.key, state: copyAggregate(group.state) });
      continue;
    }
    const merged = mergeAggregates(into.state, group.state);
    if (!merged.ok) return merged;
    groups.set(mapKey, { key: group.key, state: merged.value });
  }
  return ok({ meter: a.meter, groups });
}

function copyAggregate(state: AggregateState): AggregateState {
  return state.aggregation === "unique_count" ? { aggregation: "unique_count", values: new Set(state.values) } : { ...state };
}

/** Merges two aggregate states of the same aggregation into a new one. */
export function mergeAggregates(a: AggregateState, b: AggregateState): Result<AggregateState, BillingError> {
  const overflow = err(billingError("quantity_overflow", `the aggregated quantity would exceed ${QUANTITY_MAX}`));
  switch (a.aggregation) {
    case "count": {
      const count = a.count + sameKind(a, b).count;
      return count > QUANTITY_MAX ? overflow : ok({ aggregation: "count", count });
    }
    case "sum": {
      const total = a.total + sameKind(a, b).total;
      return total > QUANTITY_MAX ? overflow : ok({ aggregation: "sum", total });
    }
    case "max": {
      const other = sameKind(a, b).max;
      const max = a.max === null || (other !== null && other > a.max) ? other : a.max;
      return ok({ aggregation: "max", max });
    }
    case "unique_count": {
      const values = new Set(a.values);
      for (const value of sameKind(a, b).values) values.add(value);
      if (values.size > UNIQUE_VALUES_MAX) {
        return err(billingError("too_many_unique_values", `a group keeps at most ${UNIQUE_VALUES_MAX} distinct values`));
      }
      return ok({ aggregation: "unique_count", values });
    }
    case "latest":
      return ok({ aggregation: "latest", latest: laterOf(a.latest, sameKind(a, b).latest) });
    case "duration": {
      const totalMs = a.totalMs + sameKind(a, b).totalMs;
      return totalMs > QUANTITY_MAX ? overflow : ok({ aggregation: "duration", totalMs });
    }
    default:
      return assertNever(a);
  }
}

function sameKind<S extends AggregateState>(a: S, b: AggregateState): S {
  if (a.aggregation !== b.aggregation) {
    throw new RangeError(`cannot merge ${a.aggregation} with ${b.aggregation}`);
  }
  return b as S;
}

/**
 * The billable quantity of a group: the count; the sum or max or latest value in units
 * of 10^-valueScaleDigits; the number of distinct values; the total duration in ms. A
 * max or latest meter with no events has quantity 0.
 */
export function aggregateQuantity(state: AggregateState): bigint {
  switch (state.aggregation) {
    case "count":
      return state.count;
    case "sum":
      return state.total;
    case "max":
      return state.max ?? 0n;
    case "unique_count":
      return BigInt(state.values.size);
    case "latest":
      return state.latest?.value ?? 0n;
    case "duration":
      return state.totalMs;
    default:
      return assertNever(state);
  }
}

/** Every group's quantity, in a stable order (by the encoded group key). */
export function meterQuantities(state: MeterState): Array<{ readonly key: GroupKey; readonly quantity: bigint }> {
  return [...state.groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({ key: group.key, quantity: aggregateQuantity(group.state) }));
}
