/**
 * The lifecycle of outcome-based usage: pending → confirmed, pending → reversed, and confirmed →
 * reversed within the meter's dispute window. A confirmation of an event whose period is settled
 * counts in the current period (billed next); a reversal of confirmed usage of a settled period
 * takes it out of that period's figures, and settlement is told once the change is committed
 * (`onSettledUsageChanged`), so that it credits the payer.
 */
import { type Kysely, sql } from "kysely";
import { recordAudit } from "../audit/index.js";
import { type Aggregation, planChargeFine } from "../billing/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { Tables, UsageEventRow } from "../store/index.js";
import { REVERSIBLE_AGGREGATIONS } from "./create-meter.js";
import type { UsageDeps } from "./deps.js";
import { type UsageError, usageError } from "./errors.js";
import { AGGREGATE_COLUMNS, aggregateConflictSql, compareText } from "./ingest.js";
import { acrossGroups, loadPlan } from "./read-usage.js";
import { meterFromRow, SUBSCRIPTION_VIEW_COLUMNS, type SubscriptionViewRow, subscriptionViewFromRow } from "./rows.js";
import type { OutcomeBatchObject } from "./schema.js";
import { MeterTally, ReservationTally } from "./tally.js";
import type { Meter, PlanCharges, SubscriptionView as SubscriptionFacts, UsageEventStatus } from "./types.js";

export type OutcomeAction = "confirm" | "reverse";

type Trx = Kysely<Tables>;
type OutcomeResult = OutcomeBatchObject["results"][number];

/** Audit events list this many event ids at most; the counts say how many there were. */
const AUDITED_EVENT_IDS_MAX = 100;

interface Change {
  readonly event: UsageEventRow;
  readonly meter: Meter;
  readonly to: UsageEventStatus;
  /** The period it counts in afterwards (a settled pending event confirmed moves to the current one). */
  readonly periodStartMs: number;
}

interface Outcome {
  readonly results: OutcomeResult[];
  readonly changes: Change[];
  readonly settledPeriods: Set<number>;
}

export async function changeOutcomes(
  deps: UsageDeps,
  actor: Principal,
  action: OutcomeAction,
  subscriptionId: string,
  eventIds: readonly string[],
  requestId: string | null,
): Promise<Result<OutcomeBatchObject, ApiError>> {
  if (actor.type !== "merchant" && !(actor.type === "operator" && actor.role === "admin")) {
    return err(new ApiError("forbidden", "Only the merchant of a subscription (or an admin) confirms or reverses its usage."));
  }
  const nowMs = deps.clock.nowMs();
  const done = await deps.database.transaction(async (trx): Promise<Result<Outcome & { sub: SubscriptionFacts }, ApiError>> => {
    const sub = await lockSubscription(deps, trx, subscriptionId);
    if (sub === undefined || (actor.type === "merchant" && sub.merchantId !== actor.id)) {
      return err(new ApiError("not_found", `No subscription '${subscriptionId}' of yours.`, "subscription_id"));
    }
    const outcome = await decide(deps, trx, sub, action, [...new Set(eventIds)], nowMs);
    await apply(deps, trx, sub, outcome.changes, nowMs);
    if (outcome.changes.length > 0) await audit(trx, actor, action, sub, outcome, requestId, nowMs);
    return ok({ ...outcome, sub });
  });
  if (!done.ok) return done;
  const { results, sub, settledPeriods } = done.value;
  if (action === "reverse" && deps.onSettledUsageChanged !== undefined) {
    for (const periodStartMs of [...settledPeriods].sort((a, b) => a - b)) await deps.onSettledUsageChanged(sub.id, periodStartMs);
  }
  const byIdOrder = new Map(results.map((r) => [r.id, r]));
  const ordered = eventIds.map((id) => byIdOrder.get(id)!);
  const count = (s: OutcomeResult["status"]) => results.filter((r) => r.status === s).length;
  return ok({ object: "usage_outcome_batch", subscription_id: sub.id, changed: count("changed"), unchanged: count("unchanged"), rejected: count("rejected"), results: ordered });
}

async function lockSubscription(deps: UsageDeps, trx: Trx, id: string): Promise<SubscriptionFacts | undefined> {
  const lock = deps.database.engine === "postgres" ? sql` FOR UPDATE` : sql``;
  const found = await sql<SubscriptionViewRow>`SELECT ${sql.raw(SUBSCRIPTION_VIEW_COLUMNS)} FROM subscriptions WHERE id = ${id}${lock}`.execute(trx);
  const row = found.rows[0];
  return row === undefined ? undefined : subscriptionViewFromRow(row);
}

async function decide(deps: UsageDeps, trx: Trx, sub: SubscriptionFacts, action: OutcomeAction, ids: readonly string[], nowMs: number): Promise<Outcome> {
  const rows = await trx.selectFrom("usage_events").selectAll().where("subscription_id", "=", sub.id).where("event_id", "in", ids).execute();
  const events = new Map(rows.map((r) => [r.event_id, r]));
  const meterIds = [...new Set(rows.map((r) => r.meter_id))];
  const meterRows = meterIds.length === 0 ? [] : await trx.selectFrom("meters").selectAll().where("id", "in", meterIds).execute();
  const meters = new Map(meterRows.map((r) => [r.id, meterFromRow(r)]));
  const caps = action === "confirm" ? await CurrentPeriodCaps.load(deps, trx, sub) : null;
  const outcome: Outcome = { results: [], changes: [], settledPeriods: new Set() };
  for (const id of ids) {
    const event = events.get(id);
    const meter = event === undefined ? undefined : meters.get(event.meter_id);
    if (event === undefined || meter === undefined) {
      outcome.results.push(rejected(id, null, usageError("event_not_found", `No usage event '${id}' on this subscription.`)));
      continue;
    }
    const step = action === "confirm" ? confirmStep(sub, event, meter, caps!) : reverseStep(event, meter, nowMs);
    if ("error" in step) {
      outcome.results.push(rejected(id, event.status as UsageEventStatus, step.error));
      continue;
    }
    if (step.change === null) {
      outcome.results.push({ id, status: "unchanged", event_status: event.status as UsageEventStatus });
    } else {
      outcome.changes.push(step.change);
      outcome.results.push({ id, status: "changed", event_status: step.change.to });
    }
    const periodStartMs = Number(event.period_start);
    if (action === "reverse" && periodStartMs < sub.currentPeriodStartMs && (step.change !== null || event.status === "reversed")) {
      outcome.settledPeriods.add(periodStartMs);
    }
  }
  return outcome;
}

function rejected(id: string, status: UsageEventStatus | null, error: UsageError): OutcomeResult {
  return { id, status: "rejected", event_status: status, error };
}

type Step = { readonly change: Change | null } | { readonly error: UsageError };

function confirmStep(sub: SubscriptionFacts, event: UsageEventRow, meter: Meter, caps: CurrentPeriodCaps): Step {
  if (event.status === "confirmed") return { change: null };
  if (event.status === "reversed") return { error: usageError("already_reversed", "A reversed event cannot be confirmed.") };
  const periodStartMs = Number(event.period_start);
  if (periodStartMs >= sub.currentPeriodStartMs) return { change: { event, meter, to: "confirmed", periodStartMs } };
  // Its period is settled: the unit is billed in the current period, within its caps.
  const refused = caps.admit(meter, event);
  if (refused !== null) return { error: refused };
  return { change: { event, meter, to: "confirmed", periodStartMs: sub.currentPeriodStartMs } };
}

function reverseStep(event: UsageEventRow, meter: Meter, nowMs: number): Step {
  const periodStartMs = Number(event.period_start);
  if (event.status === "reversed") return { change: null };
  if (event.status === "pending") return { change: { event, meter, to: "reversed", periodStartMs } };
  if (meter.disputeWindowS === null || !REVERSIBLE_AGGREGATIONS.has(meter.definition.aggregation)) {
    return { error: usageError("not_reversible", `Meter ${meter.id} has no dispute window: its confirmed usage stays.`) };
  }
  if (nowMs > Number(event.timestamp) + meter.disputeWindowS * 1000) {
    return { error: usageError("dispute_window_closed", `The ${meter.disputeWindowS} s dispute window of this event has passed.`) };
  }
  return { change: { event, meter, to: "reversed", periodStartMs } };
}

/**
 * The current period's hard limits and reservation, for confirmations that move settled
 * pending units into it (pending units of the current period are already counted against them).
 */
class CurrentPeriodCaps {
  private constructor(
    private readonly plan: PlanCharges,
    private readonly tallies: Map<string, MeterTally>,
    private readonly reservation: ReservationTally | null,
  ) {}

  static async load(deps: UsageDeps, trx: Trx, sub: SubscriptionFacts): Promise<CurrentPeriodCaps> {
    const plan = await loadPlan(deps, trx, sub.planId);
    const meterIds = plan.charges.map((c) => c.meterId);
    const meters = meterIds.length === 0 ? [] : await trx.selectFrom("meters").selectAll().where("id", "in", meterIds).execute();
    const aggregates = await trx
      .selectFrom("usage_aggregates")
      .select(["meter_id", "group_key", "quantity", "pending_quantity", "event_count", "latest_at", "latest_event_id"])
      .where("subscription_id", "=", sub.id)
      .where("period_start", "=", BigInt(sub.currentPeriodStartMs))
      .execute();
    const tallies = new Map<string, MeterTally>();
    for (const row of meters) {
      const meter = meterFromRow(row);
      const rows = aggregates.filter((a) => a.meter_id === meter.id);
      tallies.set(meter.id, new MeterTally(sub.id, meter, plan.byMeter.get(meter.id)!, sub.currentPeriodStartMs, rows));
    }
    const reservation = sub.chargingMode === "reserve" ? new ReservationTally(sub.id, sub.reservedFine, sub.consumedFine, [...tallies.values()]) : null;
    return new CurrentPeriodCaps(plan, tallies, reservation);
  }

  admit(meter: Meter, event: UsageEventRow): UsageError | null {
    const tally = this.tallies.get(meter.id);
    if (tally === undefined || !this.plan.byMeter.has(meter.id)) return null;
    const code = tally.propose(event.group_key, event.quantity, Number(event.timestamp), event.event_id);
    if (code !== null) return usageError(code, "Confirming this unit into the current period would pass its limit.");
    if (this.reservation !== null && !this.reservation.fits(tally)) {
      return usageError("insufficient_reservation", "The current period's reservation does not cover this unit; top the hold up and confirm again.");
    }
    tally.apply(event.group_key, event.quantity, false, Number(event.timestamp), event.event_id);
    this.reservation?.apply(tally);
    return null;
  }
}

/** Writes the events' new status and the aggregate rows' changes; in reserve mode, the new draw-down. */
async function apply(deps: UsageDeps, trx: Trx, sub: SubscriptionFacts, changes: readonly Change[], nowMs: number): Promise<void> {
  if (changes.length === 0) return;
  const deltas = new Map<string, { meterId: string; periodStartMs: number; groupKey: string; quantity: bigint; pending: bigint; count: bigint }>();
  const add = (meterId: string, periodStartMs: number, groupKey: string, quantity: bigint, pending: bigint, count: bigint) => {
    const key = `${periodStartMs}\n${meterId}\n${groupKey}`;
    const d = deltas.get(key) ?? { meterId, periodStartMs, groupKey, quantity: 0n, pending: 0n, count: 0n };
    deltas.set(key, { ...d, quantity: d.quantity + quantity, pending: d.pending + pending, count: d.count + count });
  };
  for (const c of changes) {
    const q = c.event.quantity;
    const from = Number(c.event.period_start);
    const wasPending = c.event.status === "pending";
    // Out of where it counted…
    add(c.meter.id, from, c.event.group_key, wasPending ? 0n : -q, wasPending ? -q : 0n, from === c.periodStartMs ? 0n : -1n);
    // …and into where it counts now (a reversal counts nowhere).
    if (c.to === "confirmed") add(c.meter.id, c.periodStartMs, c.event.group_key, q, 0n, from === c.periodStartMs ? 0n : 1n);
    else add(c.meter.id, from, c.event.group_key, 0n, 0n, -1n);
  }
  const sorted = [...deltas.values()].sort((a, b) => a.periodStartMs - b.periodStartMs || compareText(a.meterId, b.meterId) || compareText(a.groupKey, b.groupKey));
  const conflict = sql.raw(aggregateConflictSql(deps.database.engine, "additive"));
  for (const d of sorted) {
    await sql`INSERT INTO usage_aggregates (${sql.raw(AGGREGATE_COLUMNS)}) VALUES (${sub.id}, ${d.meterId}, ${d.periodStartMs}, ${d.groupKey},
      ${d.quantity}, ${d.pending}, ${d.count}, NULL, NULL, ${nowMs}) ${conflict}`.execute(trx);
  }
  for (const c of changes) {
    await trx
      .updateTable("usage_events")
      .set({ status: c.to, period_start: BigInt(c.periodStartMs) })
      .where("subscription_id", "=", sub.id)
      .where("event_id", "=", c.event.event_id)
      .execute();
  }
  if (sub.chargingMode === "reserve") {
    const consumedFine = await consumedFineOf(deps, trx, sub);
    await trx.updateTable("subscriptions").set({ consumed_fine: consumedFine, updated_at: BigInt(nowMs) }).where("id", "=", sub.id).execute();
  }
}

/** The current period's net usage charge, pending units included (the hold covers the worst case). */
async function consumedFineOf(deps: UsageDeps, trx: Trx, sub: SubscriptionFacts): Promise<bigint> {
  const plan = await loadPlan(deps, trx, sub.planId);
  const rows = await trx
    .selectFrom("usage_aggregates as a")
    .innerJoin("meters as m", "m.id", "a.meter_id")
    .select(["a.meter_id", "m.aggregation", "a.group_key", "a.quantity", "a.pending_quantity", "a.event_count", "a.latest_at", "a.latest_event_id"])
    .where("a.subscription_id", "=", sub.id)
    .where("a.period_start", "=", BigInt(sub.currentPeriodStartMs))
    .execute();
  let total = 0n;
  for (const charge of plan.charges) {
    const meterRows = rows.filter((r) => r.meter_id === charge.meterId);
    const aggregation = meterRows[0]?.aggregation;
    const usage = aggregation === undefined ? null : acrossGroups(aggregation as Aggregation, meterRows);
    total += planChargeFine(charge, usage === null ? 0n : usage.quantity + usage.pendingQuantity);
  }
  return total;
}

async function audit(trx: Trx, actor: Principal, action: OutcomeAction, sub: SubscriptionFacts, outcome: Outcome, requestId: string | null, nowMs: number): Promise<void> {
  const ids = outcome.changes.map((c) => c.event.event_id);
  await recordAudit(
    trx,
    {
      actor,
      action: action === "confirm" ? "usage.confirmed" : "usage.reversed",
      objectType: "subscription",
      objectId: sub.id,
      userId: sub.userId,
      requestId,
      data: {
        changed: ids.length,
        event_ids: ids.slice(0, AUDITED_EVENT_IDS_MAX),
        settled_periods: [...outcome.settledPeriods],
      },
    },
    nowMs,
  );
}
