/**
 * The running state of one batch: for each (subscription, meter) it touches, the current
 * period's aggregate rows as read at the start and what the batch adds to them, and for
 * subscriptions in reserve mode the period's charge against the reservation.
 *
 * A meter's quantity across groups follows its aggregation: count, sum, duration and
 * unique_count add the groups, max takes the largest, latest the latest by timestamp (ties by
 * event id, as the billing core's `laterOf`). Limits and reservations are checked against the
 * worst case, confirmed plus pending: a pending outcome may still be confirmed.
 */
import { type Aggregation, METER_GROUPS_MAX, type PlanCharge, planChargeFine, QUANTITY_MAX, UNIQUE_VALUES_MAX } from "../billing/index.js";
import type { UsageErrorCode } from "./errors.js";
import type { Meter } from "./types.js";

/** How an aggregate row merges what a batch adds: by addition, by maximum, or by the latest event. */
export type AggregateKind = "additive" | "max" | "latest";

export function kindOf(aggregation: Aggregation): AggregateKind {
  return aggregation === "max" ? "max" : aggregation === "latest" ? "latest" : "additive";
}

/** An aggregate row as ingestion reads it. */
export interface AggregateRowLite {
  readonly group_key: string;
  readonly quantity: bigint;
  readonly pending_quantity: bigint;
  readonly event_count: bigint;
  readonly latest_at: bigint | null;
  readonly latest_event_id: string | null;
}

export class GroupTally {
  addQuantity = 0n;
  addPending = 0n;
  addCount = 0n;
  touched = false;

  constructor(
    readonly groupKey: string,
    public quantity: bigint,
    public pending: bigint,
    public eventCount: bigint,
    public latestAt: number | null,
    public latestEventId: string | null,
  ) {}
}

/** Whether (at, id) comes after (currentAt, currentId), as the billing core's `laterOf` decides. */
export function isLater(at: number, id: string, currentAt: number | null, currentId: string | null): boolean {
  if (currentAt === null || currentId === null) return true;
  return at !== currentAt ? at > currentAt : id > currentId;
}

export class MeterTally {
  readonly kind: AggregateKind;
  readonly groups = new Map<string, GroupTally>();
  /** The meter's period quantity, confirmed plus pending, across groups. */
  total = 0n;
  private latestAt: number | null = null;
  private latestEventId: string | null = null;
  /** Set by `propose`: the total if the proposed event is applied. */
  proposedTotal = 0n;

  constructor(
    readonly subscriptionId: string,
    readonly meter: Meter,
    readonly charge: PlanCharge,
    readonly periodStartMs: number,
    rows: readonly AggregateRowLite[],
  ) {
    this.kind = kindOf(meter.definition.aggregation);
    for (const r of rows) {
      const latestAt = r.latest_at === null ? null : Number(r.latest_at);
      const g = new GroupTally(r.group_key, r.quantity, r.pending_quantity, r.event_count, latestAt, r.latest_event_id);
      this.groups.set(r.group_key, g);
      this.mergeIntoTotal(g.quantity + g.pending, latestAt, r.latest_event_id);
    }
  }

  private mergeIntoTotal(quantity: bigint, at: number | null, id: string | null): void {
    if (this.kind === "additive") this.total += quantity;
    else if (this.kind === "max") this.total = quantity > this.total ? quantity : this.total;
    else if (at !== null && id !== null && isLater(at, id, this.latestAt, this.latestEventId)) {
      this.total = quantity;
      this.latestAt = at;
      this.latestEventId = id;
    }
  }

  /**
   * Checks one event against the meter's bounds and the plan's limit; on success leaves the
   * resulting total in `proposedTotal` and changes nothing.
   */
  propose(groupKey: string, quantity: bigint, atMs: number, eventId: string): UsageErrorCode | null {
    const group = this.groups.get(groupKey);
    if (group === undefined && this.meter.definition.groupBy.length > 0 && this.groups.size >= METER_GROUPS_MAX) return "too_many_groups";
    let total: bigint;
    if (this.kind === "additive") {
      total = this.total + quantity;
      if (total > QUANTITY_MAX) return "quantity_overflow";
      if (quantity > 0n && this.meter.definition.aggregation === "unique_count" && group !== undefined && group.quantity >= BigInt(UNIQUE_VALUES_MAX)) {
        return "too_many_unique_values";
      }
    } else if (this.kind === "max") {
      total = quantity > this.total ? quantity : this.total;
    } else {
      total = isLater(atMs, eventId, this.latestAt, this.latestEventId) ? quantity : this.total;
    }
    const limit = this.charge.limitQuantity;
    if (limit !== null && total > limit && total > this.total) return "usage_limit_reached";
    this.proposedTotal = total;
    return null;
  }

  /** Applies the event last proposed. */
  apply(groupKey: string, quantity: bigint, pending: boolean, atMs: number, eventId: string): void {
    let group = this.groups.get(groupKey);
    if (group === undefined) {
      group = new GroupTally(groupKey, 0n, 0n, 0n, null, null);
      this.groups.set(groupKey, group);
    }
    group.touched = true;
    group.addCount += 1n;
    group.eventCount += 1n;
    if (this.kind === "additive") {
      if (pending) {
        group.pending += quantity;
        group.addPending += quantity;
      } else {
        group.quantity += quantity;
        group.addQuantity += quantity;
      }
    } else if (this.kind === "max") {
      if (quantity > group.quantity) group.quantity = quantity;
    } else if (isLater(atMs, eventId, group.latestAt, group.latestEventId)) {
      group.quantity = quantity;
      group.latestAt = atMs;
      group.latestEventId = eventId;
    }
    if (this.kind === "latest" && isLater(atMs, eventId, this.latestAt, this.latestEventId)) {
      this.latestAt = atMs;
      this.latestEventId = eventId;
    }
    this.total = this.proposedTotal;
  }
}

/**
 * A reserve-mode subscription's draw-down in the current period: the net usage charge, Σ over
 * the plan's charges of planChargeFine(charge, meter total), may not pass the reservation.
 */
export class ReservationTally {
  private readonly chargeByMeter = new Map<string, bigint>();
  consumedFine = 0n;
  private proposedChargeFine = 0n;

  constructor(
    readonly subscriptionId: string,
    readonly reservedFine: bigint,
    readonly storedConsumedFine: bigint,
    meters: readonly MeterTally[],
  ) {
    for (const m of meters) {
      const fine = planChargeFine(m.charge, m.total);
      this.chargeByMeter.set(m.meter.id, fine);
      this.consumedFine += fine;
    }
  }

  /** Whether the meter's proposed total still fits the reservation; remembers its charge. */
  fits(meter: MeterTally): boolean {
    const current = this.chargeByMeter.get(meter.meter.id) ?? 0n;
    this.proposedChargeFine = meter.proposedTotal === meter.total ? current : planChargeFine(meter.charge, meter.proposedTotal);
    return this.consumedFine - current + this.proposedChargeFine <= this.reservedFine;
  }

  /** Applies the charge last found to fit. */
  apply(meter: MeterTally): void {
    const current = this.chargeByMeter.get(meter.meter.id) ?? 0n;
    this.consumedFine += this.proposedChargeFine - current;
    this.chargeByMeter.set(meter.meter.id, this.proposedChargeFine);
  }
}
