/**
 * Usage reads: a subscription's usage per meter for a period, the events behind it, and
 * `periodUsage`, which settlement (src/subscriptions) bills from.
 */
import type { Kysely } from "kysely";
import { type Aggregation, planChargeFine } from "../billing/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { PlanRow, Tables, UsageAggregateRow } from "../store/index.js";
import type { UsageDeps } from "./deps.js";
import { meterFromRow, SUBSCRIPTION_VIEW_COLUMNS, type SubscriptionViewRow, subscriptionViewFromRow, usageEventFromRow } from "./rows.js";
import { fine, presentUsageEvent, type SubscriptionUsageObject, wireQuantity, wireSeconds } from "./schema.js";
import { isLater } from "./tally.js";
import type { PlanCharges, SubscriptionView, UsageEventView } from "./types.js";

export interface MeterUsage {
  /** Confirmed quantity across groups, by the meter's aggregation: what bills. */
  readonly quantity: bigint;
  /** Pending (outcome-based) quantity across groups: not billed unless confirmed. */
  readonly pendingQuantity: bigint;
  readonly eventCount: bigint;
}

type AggregateLite = Pick<UsageAggregateRow, "group_key" | "quantity" | "pending_quantity" | "event_count" | "latest_at" | "latest_event_id">;

/**
 * A meter's figures across its groups: count, sum, duration and unique_count add the groups,
 * max takes the largest, latest the latest group's value (by timestamp, then event id).
 */
export function acrossGroups(aggregation: Aggregation, rows: readonly AggregateLite[]): MeterUsage {
  let quantity = 0n;
  let pendingQuantity = 0n;
  let eventCount = 0n;
  let latestAt: number | null = null;
  let latestId: string | null = null;
  for (const r of rows) {
    pendingQuantity += r.pending_quantity;
    eventCount += r.event_count;
    if (aggregation === "max") {
      if (r.quantity > quantity) quantity = r.quantity;
    } else if (aggregation === "latest") {
      const at = r.latest_at === null ? null : Number(r.latest_at);
      if (at !== null && r.latest_event_id !== null && isLater(at, r.latest_event_id, latestAt, latestId)) {
        quantity = r.quantity;
        latestAt = at;
        latestId = r.latest_event_id;
      }
    } else {
      quantity += r.quantity;
    }
  }
  return { quantity, pendingQuantity, eventCount };
}

/** Each metered meter's usage of one period of a subscription (meters without usage are absent). */
export async function periodUsage(db: Kysely<Tables>, subscriptionId: string, periodStartMs: number): Promise<Map<string, MeterUsage>> {
  const rows = await db
    .selectFrom("usage_aggregates as a")
    .innerJoin("meters as m", "m.id", "a.meter_id")
    .select(["a.meter_id", "m.aggregation", "a.group_key", "a.quantity", "a.pending_quantity", "a.event_count", "a.latest_at", "a.latest_event_id"])
    .where("a.subscription_id", "=", subscriptionId)
    .where("a.period_start", "=", BigInt(periodStartMs))
    .execute();
  const byMeter = new Map<string, { aggregation: Aggregation; rows: AggregateLite[] }>();
  for (const r of rows) {
    const entry = byMeter.get(r.meter_id) ?? { aggregation: r.aggregation as Aggregation, rows: [] };
    entry.rows.push(r);
    byMeter.set(r.meter_id, entry);
  }
  return new Map([...byMeter].map(([meterId, e]) => [meterId, acrossGroups(e.aggregation, e.rows)]));
}

/** Who may read a subscription's usage: its merchant, its user, its agent, operators. */
export function maySeeSubscription(actor: Principal, s: Pick<SubscriptionView, "merchantId" | "userId" | "agentId">): boolean {
  switch (actor.type) {
    case "operator":
      return true;
    case "merchant":
      return actor.id === s.merchantId;
    case "user":
      return actor.id === s.userId;
    case "agent":
      return actor.id === s.agentId;
  }
}

export async function visibleSubscription(deps: UsageDeps, actor: Principal, id: string): Promise<Result<SubscriptionView, ApiError>> {
  const row = await deps.database.db
    .selectFrom("subscriptions")
    .select(SUBSCRIPTION_VIEW_COLUMNS.split(", ") as Array<keyof SubscriptionViewRow>)
    .where("id", "=", id)
    .executeTakeFirst();
  const sub = row === undefined ? undefined : subscriptionViewFromRow(row as SubscriptionViewRow);
  if (sub === undefined || !maySeeSubscription(actor, sub)) return err(new ApiError("not_found", `No subscription '${id}'.`, "id"));
  return ok(sub);
}

export async function loadPlan(deps: UsageDeps, db: Kysely<Tables>, id: string): Promise<PlanCharges> {
  const cached = deps.plans.get(id);
  if (cached !== undefined) return cached;
  const row = await db.selectFrom("plans").select(["id", "charges", "currency"]).where("id", "=", id).executeTakeFirstOrThrow();
  return deps.plans.put(row as Pick<PlanRow, "id" | "charges" | "currency">);
}

/** One subscription's usage in a period (the current one when `periodStartMs` is null), per metered meter. */
export async function getSubscriptionUsage(deps: UsageDeps, actor: Principal, subscriptionId: string, periodStartMs: number | null): Promise<Result<SubscriptionUsageObject, ApiError>> {
  const found = await visibleSubscription(deps, actor, subscriptionId);
  if (!found.ok) return found;
  const sub = found.value;
  const period = periodStartMs ?? sub.currentPeriodStartMs;
  if (period > sub.currentPeriodStartMs) return err(new ApiError("validation_error", "period_start is after the subscription's current period.", "period_start"));
  const db = deps.database.db;
  const plan = await loadPlan(deps, db, sub.planId);
  const meterIds = plan.charges.map((c) => c.meterId);
  const meterRows = meterIds.length === 0 ? [] : await db.selectFrom("meters").selectAll().where("id", "in", meterIds).execute();
  const meters = new Map(meterRows.map((r) => [r.id, meterFromRow(r)]));
  const aggregates = await db.selectFrom("usage_aggregates").selectAll().where("subscription_id", "=", sub.id).where("period_start", "=", BigInt(period)).execute();
  const current = period === sub.currentPeriodStartMs;
  return ok({
    object: "subscription_usage",
    subscription_id: sub.id,
    currency: sub.currency,
    period_start: wireSeconds(period),
    period_end: current ? wireSeconds(sub.currentPeriodEndMs) : null,
    current,
    charging_mode: sub.chargingMode,
    reservation: current && sub.chargingMode === "reserve" ? reservationOf(sub) : null,
    meters: plan.charges.flatMap((charge) => {
      const meter = meters.get(charge.meterId);
      if (meter === undefined) return [];
      const rows = aggregates.filter((a) => a.meter_id === meter.id).sort((a, b) => (a.group_key < b.group_key ? -1 : a.group_key > b.group_key ? 1 : 0));
      const total = acrossGroups(meter.definition.aggregation, rows);
      return [
        {
          meter_id: meter.id,
          event_type: meter.eventType,
          name: meter.name,
          aggregation: meter.definition.aggregation,
          ...figures(total),
          amount: fine(planChargeFine(charge, total.quantity), sub.currency),
          groups: rows.map((r) => ({ key: JSON.parse(r.group_key) as (string | null)[], ...figures(acrossGroups(meter.definition.aggregation, [r])) })),
        },
      ];
    }),
  });
}

function figures(u: MeterUsage) {
  return { quantity: wireQuantity(u.quantity), pending_quantity: wireQuantity(u.pendingQuantity), event_count: wireQuantity(u.eventCount) };
}

function reservationOf(sub: SubscriptionView): SubscriptionUsageObject["reservation"] {
  const remaining = sub.reservedFine > sub.consumedFine ? sub.reservedFine - sub.consumedFine : 0n;
  return { reserved: fine(sub.reservedFine, sub.currency), consumed: fine(sub.consumedFine, sub.currency), remaining: fine(remaining, sub.currency) };
}

export interface UsageEventQuery {
  readonly subscriptionId: string;
  /** Only events counting in this period; all when null. */
  readonly periodStartMs: number | null;
  readonly startingAfter: string | null;
  readonly limit: number;
}

/**
 * A subscription's events in event-id order (the table's key order, so a page is one range read
 * of the primary key); the drill-down under an aggregated posting. No access check: callers
 * check the subscription first.
 */
export async function listUsageEvents(db: Kysely<Tables>, q: UsageEventQuery): Promise<{ data: UsageEventView[]; hasMore: boolean }> {
  let query = db.selectFrom("usage_events").selectAll().where("subscription_id", "=", q.subscriptionId);
  if (q.periodStartMs !== null) query = query.where("period_start", "=", BigInt(q.periodStartMs));
  if (q.startingAfter !== null) query = query.where("event_id", ">", q.startingAfter);
  const rows = await query.orderBy("event_id").limit(q.limit + 1).execute();
  return { data: rows.slice(0, q.limit).map(usageEventFromRow), hasMore: rows.length > q.limit };
}

/** `listUsageEvents` for a caller who may see the subscription. */
export async function listSubscriptionEvents(deps: UsageDeps, actor: Principal, q: UsageEventQuery): Promise<Result<{ data: UsageEventView[]; hasMore: boolean }, ApiError>> {
  const found = await visibleSubscription(deps, actor, q.subscriptionId);
  if (!found.ok) return err(new ApiError("not_found", `No subscription '${q.subscriptionId}'.`, "subscription_id"));
  return ok(await listUsageEvents(deps.database.db, q));
}

export { presentUsageEvent };
