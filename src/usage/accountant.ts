/**
 * The engine-independent core of ingestion, in two passes over a batch whose subscriptions,
 * meters and plans are loaded:
 * - `resolveEvent` (pure): which subscription, meter and plan charge an event feeds, whether its
 *   time and status are acceptable, its group and its quantity;
 * - `Accountant.account` (in order, stateful): deduplication, the meter's bounds, the plan's hard
 *   limit and, in reserve mode, the reservation; then the event is stored and counted.
 * The storage engine supplies reads and writes through `BatchSource`: SQLite runs them as they
 * come inside one write transaction; PostgreSQL inserts the candidates first (the insert tells
 * which are new), loads the reads in bulk, and settles what accounting refused afterwards.
 */
import {
  eventDurationMs,
  type PlanCharge,
  parseMeterValue,
  PROPERTY_VALUE_LENGTH_MAX,
  QUANTITY_MAX,
  VALUE_SCALE_DIGITS_MAX,
  type BillingError,
} from "../billing/index.js";
import { assert, AssertionError } from "../core/assert.js";
import { type UsageError, usageError } from "./errors.js";
import type { MalformedEvent, ParsedEvent } from "./parse-event.js";
import { type AggregateRowLite, MeterTally, ReservationTally } from "./tally.js";
import type { EventResult, Meter, PlanCharges, SubscriptionFacts } from "./types.js";

export interface IngestSettings {
  /** Events older than this before now are refused (`timestamp_out_of_range`). */
  readonly pastWindowMs: number;
  /** Events later than this after now are refused (`timestamp_out_of_range`). */
  readonly futureSkewMs: number;
}

/** What a batch was loaded with, inside its transaction. */
export interface BatchContext {
  /** The merchant the caller is; null for an admin operator, who may report for any merchant. */
  readonly merchantId: string | null;
  readonly nowMs: number;
  readonly settings: IngestSettings;
  readonly subscriptions: ReadonlyMap<string, SubscriptionFacts>;
  /** Keyed by `meterKey(merchantId, eventType)`. */
  readonly metersByType: ReadonlyMap<string, Meter>;
  /** The meters of reserve-mode subscriptions' plans, by id (their totals make the charge). */
  readonly metersById: ReadonlyMap<string, Meter>;
  readonly plans: ReadonlyMap<string, PlanCharges>;
}

export const meterKey = (merchantId: string, eventType: string): string => `${merchantId}\n${eventType}`;

/** An event that passed every check that does not depend on what is stored. */
export interface Candidate {
  readonly event: ParsedEvent;
  readonly subscription: SubscriptionFacts;
  readonly meter: Meter;
  readonly charge: PlanCharge;
  readonly pending: boolean;
  readonly groupKey: string;
  /** The event's contribution; for unique_count 1, made 0 if its value was already counted. */
  readonly quantity: bigint;
  /** unique_count only: the canonical value. */
  readonly uniqueValue: string | null;
}

export interface Refusal {
  readonly refused: UsageError;
  /** Whether the event's id is trustworthy enough to look up as a duplicate (its subscription is the caller's). */
  readonly mayBeDuplicate: boolean;
}

export function isRefusal(r: Candidate | Refusal): r is Refusal {
  return (r as Refusal).refused !== undefined;
}

/** The reads and writes of one batch, in the engine's transaction. */
export interface BatchSource {
  /** The period's aggregate rows of one (subscription, meter). */
  aggregateRows(subscriptionId: string, meterId: string, periodStartMs: number): readonly AggregateRowLite[];
  /** A candidate known to be stored already without a lookup of its own (PostgreSQL inserts first). */
  knownDuplicate(c: Candidate): boolean;
  /**
   * Whether an event with this id is stored (before this batch, or accepted in it): asked only
   * for an event about to be refused, since a stored one is a duplicate, not a rejection.
   */
  eventExists(subscriptionId: string, eventId: string): boolean;
  uniqueValueExists(subscriptionId: string, meterId: string, periodStartMs: number, groupKey: string, value: string): boolean;
  /** Stores the event; false when it was already stored (a duplicate, counted nowhere). */
  insertEvent(c: Candidate, quantity: bigint, ingestedAtMs: number): boolean;
  insertUniqueValue(c: Candidate): void;
}

function refuse(event: ParsedEvent, code: UsageError["code"], message: string, field: string | null, mayBeDuplicate = true): Refusal {
  const param = field === null ? undefined : `events[${event.index}].${field}`;
  return { refused: usageError(code, message, param), mayBeDuplicate };
}

function fromBilling(event: ParsedEvent, e: BillingError): Refusal {
  return { refused: usageError(e.code as UsageError["code"], e.message, `events[${event.index}]${e.param === undefined ? "" : `.${e.param}`}`), mayBeDuplicate: true };
}

/** Pass one: every check that needs no stored usage. */
export function resolveEvent(ctx: BatchContext, event: ParsedEvent): Candidate | Refusal {
  const sub = ctx.subscriptions.get(event.subscriptionId);
  if (sub === undefined || (ctx.merchantId !== null && sub.merchantId !== ctx.merchantId)) {
    return refuse(event, "subscription_not_found", `No subscription '${event.subscriptionId}' of yours.`, "subscription_id", false);
  }
  if (sub.status !== "active") return refuse(event, "subscription_not_active", `The subscription is ${sub.status}.`, "subscription_id");
  const meter = ctx.metersByType.get(meterKey(sub.merchantId, event.type));
  if (meter === undefined) return refuse(event, "meter_not_found", `No meter has the event type '${event.type}'.`, "type");
  if (meter.status !== "active") return refuse(event, "meter_archived", `Meter ${meter.id} is archived.`, "type");
  const plan = ctx.plans.get(sub.planId);
  if (plan === undefined) throw new AssertionError(`plan ${sub.planId} of subscription ${sub.id} is not loaded`);
  const charge = plan.byMeter.get(meter.id);
  if (charge === undefined) return refuse(event, "meter_not_in_plan", `The subscription's plan does not bill meter ${meter.id}.`, "type");
  const status = event.status ?? (meter.outcomeBased ? "pending" : "confirmed");
  if (status === "pending" && !meter.outcomeBased) {
    return refuse(event, "invalid_status", "Only events of outcome-based meters may be pending.", "status");
  }
  const timed = checkTime(ctx, sub, event);
  if (timed !== null) return timed;
  return measure(event, sub, meter, charge, status === "pending");
}

function checkTime(ctx: BatchContext, sub: SubscriptionFacts, event: ParsedEvent): Refusal | null {
  const t = event.timestampMs;
  if (t < ctx.nowMs - ctx.settings.pastWindowMs || t > ctx.nowMs + ctx.settings.futureSkewMs) {
    const message = `timestamp must be within ${ctx.settings.pastWindowMs / 1000} s before and ${ctx.settings.futureSkewMs / 1000} s after now`;
    return refuse(event, "timestamp_out_of_range", message, "timestamp");
  }
  if (t < sub.currentPeriodStartMs) {
    return refuse(event, "period_closed", "timestamp is before the subscription's current period, which alone takes usage", "timestamp");
  }
  if (t >= sub.currentPeriodEndMs) {
    return refuse(event, "period_not_open", "timestamp is after the current period; retry once the subscription has renewed", "timestamp");
  }
  return null;
}

const NO_GROUPS = "[]";
/** 10^digits for every value scale a meter may have. */
const SCALE_FACTORS: readonly bigint[] = Array.from({ length: VALUE_SCALE_DIGITS_MAX + 1 }, (_, d) => 10n ** BigInt(d));

/** The group key and quantity of an event on its meter. */
function measure(event: ParsedEvent, sub: SubscriptionFacts, meter: Meter, charge: PlanCharge, pending: boolean): Candidate | Refusal {
  const def = meter.definition;
  let groupKey = NO_GROUPS;
  if (def.groupBy.length > 0) {
    const key: (string | null)[] = [];
    for (const property of def.groupBy) {
      const raw = event.properties[property];
      const value = raw === undefined || raw === null ? null : canonicalKeyValue(raw);
      if (value === undefined) return refuse(event, "invalid_value", "group-by values must be strings, integers or booleans", `properties.${property}`);
      key.push(value);
    }
    groupKey = JSON.stringify(key);
  }
  switch (def.aggregation) {
    case "count":
      return candidate(event, sub, meter, charge, pending, groupKey, 1n, null);
    case "duration": {
      const ms = eventDurationMs({ id: event.id, timestampMs: event.timestampMs, properties: event.properties });
      return ms.ok ? candidate(event, sub, meter, charge, pending, groupKey, BigInt(ms.value), null) : fromBilling(event, ms.error);
    }
    case "unique_count": {
      const property = def.valueProperty ?? "";
      const raw = event.properties[property];
      if (raw === undefined || raw === null) return refuse(event, "missing_value", `event lacks the property ${property}`, `properties.${property}`);
      const value = canonicalKeyValue(raw);
      if (value === undefined) return refuse(event, "invalid_value", "unique values must be strings, integers or booleans", `properties.${property}`);
      return candidate(event, sub, meter, charge, pending, groupKey, 1n, value);
    }
    default: {
      const property = def.valueProperty ?? "";
      const raw = event.properties[property];
      if (raw === undefined || raw === null) return refuse(event, "missing_value", `event lacks the property ${property}`, `properties.${property}`);
      // The common case, a non-negative safe integer, without the text round trip; the same value
      // parseMeterValue gives (a plain integer scaled), checked against the same bound.
      if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0) {
        const scaled = BigInt(raw) * SCALE_FACTORS[def.valueScaleDigits]!;
        if (scaled <= QUANTITY_MAX) return candidate(event, sub, meter, charge, pending, groupKey, scaled, null);
      }
      const value = parseMeterValue(raw, def.valueScaleDigits, `properties.${property}`);
      return value.ok ? candidate(event, sub, meter, charge, pending, groupKey, value.value, null) : fromBilling(event, value.error);
    }
  }
}

/** One object shape for every candidate (a literal, not a spread: this runs per event). */
function candidate(
  event: ParsedEvent,
  subscription: SubscriptionFacts,
  meter: Meter,
  charge: PlanCharge,
  pending: boolean,
  groupKey: string,
  quantity: bigint,
  uniqueValue: string | null,
): Candidate {
  return { event, subscription, meter, charge, pending, groupKey, quantity, uniqueValue };
}

/**
 * The billing core's rule for group keys and unique values: 42 and "42" are the same value;
 * floats, objects and over-long strings are refused (undefined here).
 */
function canonicalKeyValue(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw.length <= PROPERTY_VALUE_LENGTH_MAX ? raw : undefined;
  if (typeof raw === "number") return Number.isSafeInteger(raw) ? String(raw) : undefined;
  if (typeof raw === "boolean") return String(raw);
  return undefined;
}

const ACCEPTED = "accepted" as const;

/** One subscription's part of a batch, keyed by its (shared) facts object: no string keys per event. */
class SubscriptionState {
  /** Event ids accepted in this batch or found stored. */
  readonly seen = new Set<string>();
  /** By meter id: the batch's meters and a plan's (for the reservation) are loaded separately. */
  readonly meters = new Map<string, MeterTally>();
  /** `${meterId}\n${groupKey}\n${value}` of unique values counted in this batch. */
  readonly uniqueSeen = new Set<string>();
  /** Reserve mode's draw-down; undefined until first needed, null in arrears. */
  reservation: ReservationTally | null | undefined = undefined;
}

/** Pass two, in the batch's order. */
export class Accountant {
  private readonly states = new Map<SubscriptionFacts, SubscriptionState>();
  accepted = 0;
  duplicates = 0;
  rejected = 0;
  /** For the batch's audit event. */
  readonly acceptedSubscriptions = new Set<string>();
  firstAcceptedId: string | null = null;
  lastAcceptedId: string | null = null;

  constructor(
    private readonly ctx: BatchContext,
    private readonly source: BatchSource,
  ) {}

  /** Counts a refused event: as a duplicate if it was stored before, else as rejected. */
  refuse(event: ParsedEvent, refusal: Refusal): EventResult {
    if (refusal.mayBeDuplicate && this.isStored(event)) return this.duplicate(event, this.stateOf(this.ctx.subscriptions.get(event.subscriptionId)!));
    this.rejected++;
    return { index: event.index, id: event.id, status: "rejected", error: refusal.refused };
  }

  rejectMalformed(result: EventResult): EventResult {
    this.rejected++;
    return result;
  }

  account(c: Candidate): EventResult {
    const { event, subscription: sub } = c;
    const state = this.stateOf(sub);
    if (state.seen.has(event.id) || this.source.knownDuplicate(c)) return this.duplicate(event, state);
    const tally = this.meterTally(state, sub, c.meter, c.charge);
    const uniqueKey = c.uniqueValue === null ? null : `${c.meter.id}\n${c.groupKey}\n${c.uniqueValue}`;
    const isNewValue =
      uniqueKey !== null && !state.uniqueSeen.has(uniqueKey) && !this.source.uniqueValueExists(sub.id, c.meter.id, sub.currentPeriodStartMs, c.groupKey, c.uniqueValue!);
    const quantity = uniqueKey === null || isNewValue ? c.quantity : 0n;
    const refused = this.check(state, c, tally, quantity);
    if (refused !== null) return this.refuse(event, refused);
    if (!this.source.insertEvent(c, quantity, this.ctx.nowMs)) return this.duplicate(event, state);
    tally.apply(c.groupKey, quantity, c.pending, event.timestampMs, event.id);
    state.reservation?.apply(tally);
    if (isNewValue) {
      this.source.insertUniqueValue(c);
      state.uniqueSeen.add(uniqueKey!);
    }
    state.seen.add(event.id);
    this.accepted++;
    if (this.firstAcceptedId === null) this.firstAcceptedId = event.id;
    this.lastAcceptedId = event.id;
    this.acceptedSubscriptions.add(sub.id);
    return { index: event.index, id: event.id, status: ACCEPTED };
  }

  private check(state: SubscriptionState, c: Candidate, tally: MeterTally, quantity: bigint): Refusal | null {
    const code = tally.propose(c.groupKey, quantity, c.event.timestampMs, c.event.id);
    if (code !== null) return refuse(c.event, code, REFUSAL_MESSAGES[code] ?? code, null);
    const reservation = this.reservationTally(state, c.subscription);
    if (reservation !== null && !reservation.fits(tally)) {
      return refuse(c.event, "insufficient_reservation", "The period's reservation does not cover this usage; stop serving until the hold is topped up.", null);
    }
    return null;
  }

  private stateOf(sub: SubscriptionFacts): SubscriptionState {
    let state = this.states.get(sub);
    if (state === undefined) {
      state = new SubscriptionState();
      this.states.set(sub, state);
    }
    return state;
  }

  private duplicate(event: ParsedEvent, state: SubscriptionState): EventResult {
    state.seen.add(event.id);
    this.duplicates++;
    return { index: event.index, id: event.id, status: "duplicate" };
  }

  private isStored(event: ParsedEvent): boolean {
    const sub = this.ctx.subscriptions.get(event.subscriptionId);
    if (sub === undefined) return false;
    return this.stateOf(sub).seen.has(event.id) || this.source.eventExists(sub.id, event.id);
  }

  private meterTally(state: SubscriptionState, sub: SubscriptionFacts, meter: Meter, charge: PlanCharge): MeterTally {
    let tally = state.meters.get(meter.id);
    if (tally === undefined) {
      const rows = this.source.aggregateRows(sub.id, meter.id, sub.currentPeriodStartMs);
      tally = new MeterTally(sub.id, meter, charge, sub.currentPeriodStartMs, rows);
      state.meters.set(meter.id, tally);
    }
    return tally;
  }

  /** A reserve-mode subscription's reservation, built from every metered charge of its plan. */
  private reservationTally(state: SubscriptionState, sub: SubscriptionFacts): ReservationTally | null {
    if (state.reservation !== undefined) return state.reservation;
    if (sub.chargingMode !== "reserve") {
      state.reservation = null;
      return null;
    }
    const plan = this.ctx.plans.get(sub.planId)!;
    const meters = plan.charges.map((charge) => {
      const meter = this.ctx.metersById.get(charge.meterId);
      assert(meter !== undefined, `meter ${charge.meterId} of plan ${plan.id} is loaded`);
      return this.meterTally(state, sub, meter, charge);
    });
    state.reservation = new ReservationTally(sub.id, sub.reservedFine, sub.consumedFine, meters);
    return state.reservation;
  }

  /** Every (subscription, meter) the batch read, with what it adds to each group. */
  *tallies(): IterableIterator<MeterTally> {
    for (const state of this.states.values()) yield* state.meters.values();
  }

  /** Reserve-mode subscriptions whose consumption moved (or was found out of date). */
  consumptionChanges(): Array<{ subscriptionId: string; consumedFine: bigint }> {
    const changes: Array<{ subscriptionId: string; consumedFine: bigint }> = [];
    for (const { reservation: r } of this.states.values()) {
      if (r !== null && r !== undefined && r.consumedFine !== r.storedConsumedFine) changes.push({ subscriptionId: r.subscriptionId, consumedFine: r.consumedFine });
    }
    return changes;
  }
}

const REFUSAL_MESSAGES: Partial<Record<UsageError["code"], string>> = {
  too_many_groups: "The meter already has the most groups a period may hold.",
  quantity_overflow: "The period's quantity on this meter would exceed the largest storable quantity.",
  too_many_unique_values: "The group already has the most distinct values a period may hold.",
  usage_limit_reached: "The plan's limit on this meter for the period is reached; usage past it is refused.",
};

/** Pass one over a whole batch; malformed events pass through. */
export function resolveAll(ctx: BatchContext, events: readonly (ParsedEvent | MalformedEvent)[]): Array<Candidate | Refusal | MalformedEvent> {
  return events.map((e) => (e.ok ? resolveEvent(ctx, e) : e));
}

/** Pass two over a whole batch, in order. */
export function accountAll(accountant: Accountant, events: readonly (ParsedEvent | MalformedEvent)[], resolved: ReadonlyArray<Candidate | Refusal | MalformedEvent>): EventResult[] {
  const results = new Array<EventResult>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const r = resolved[i]!;
    if (!event.ok) {
      results[i] = accountant.rejectMalformed({ index: event.index, id: event.id, status: "rejected", error: event.error });
    } else if (isRefusal(r as Candidate | Refusal)) {
      results[i] = accountant.refuse(event, r as Refusal);
    } else {
      results[i] = accountant.account(r as Candidate);
    }
  }
  return results;
}
