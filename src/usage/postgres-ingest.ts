/**
 * PostgreSQL ingestion: one transaction per batch, a handful of set-based statements whatever its
 * size, so that round trips do not grow with the events.
 *
 * Deduplication is the insert itself: the batch's candidate events are inserted first with
 * ON CONFLICT DO NOTHING RETURNING, which names the new ones; every other is a duplicate —
 * including one a concurrent batch stored first (PostgreSQL makes the second insert wait for the
 * first transaction and then skip). Accounting then runs in batch order over the new events, and
 * the few it refuses (a limit, the reservation) are deleted again before the commit.
 *
 * Concurrency. Several processes may ingest at once. A subscription whose usage is capped (reserve
 * mode, or a plan charge with a hard limit) is locked FOR UPDATE, in id order, so its batches
 * take turns and each sees the exact period total. Others are locked FOR SHARE: concurrent
 * batches proceed together, and a renewal (whose UPDATE of the row waits for them) cannot close
 * the period between our read of it and our commit, so no event lands in a settled period.
 * Aggregates are written as increments (or max/latest merges), which commute. A unique value a
 * concurrent batch counted first makes the batch start over.
 */
import { type Kysely, sql } from "kysely";
import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Database, MeterRow, PlanRow, Tables } from "../store/index.js";
import { Accountant, accountAll, type BatchContext, type BatchSource, type Candidate, isRefusal, meterKey, type Refusal, resolveAll } from "./accountant.js";
import {
  AGGREGATE_COLUMNS,
  aggregateConflictSql,
  type AggregateWrite,
  aggregateWrites,
  batchAudit,
  batchResult,
  EVENT_COLUMNS,
  type IngestBatch,
  type Ingestor,
  notApplied,
} from "./ingest.js";
import { INGEST_RETRIES_MAX, SUBSCRIPTION_CACHE_SIZE_MAX } from "./limits.js";
import type { MalformedEvent } from "./parse-event.js";
import type { PlanCache } from "./plans.js";
import { meterFromRow, SUBSCRIPTION_FACT_COLUMNS, type SubscriptionFactsRow, subscriptionFromRow } from "./rows.js";
import type { AggregateKind, AggregateRowLite } from "./tally.js";
import type { EventResult, Meter, PlanCharges, SubscriptionFacts, UsageBatchResult } from "./types.js";

type PgDatabase = Extract<Database, { engine: "postgres" }>;
type Trx = Kysely<Tables>;
type Resolved = Candidate | Refusal | MalformedEvent;

/** A concurrent batch stored one of this batch's events or unique values first. */
class LostRace extends Error {}
/** An all-or-nothing batch with a refused event: roll back and report. */
class NotApplied extends Error {
  constructor(readonly results: readonly EventResult[]) {
    super("all-or-nothing batch not applied");
  }
}

const key2 = (a: string, b: string): string => `${a}\n${b}`;

/** The usage_events columns as json_to_recordset reads them. */
const EVENT_RECORD_TYPES =
  "subscription_id text, event_id text, meter_id text, timestamp int8, period_start int8, quantity int8, group_key text, status text, properties text, ingested_at int8";

export class PostgresIngestor implements Ingestor {
  /** Whether a subscription is capped: from its charging mode and plan, which never change. */
  private readonly capped = new Map<string, boolean>();

  constructor(
    private readonly database: PgDatabase,
    private readonly plans: PlanCache,
  ) {}

  async ingest(batch: IngestBatch, batchId: string): Promise<UsageBatchResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.database.transaction((trx) => this.attempt(trx, batch, batchId));
      } catch (error) {
        if (error instanceof NotApplied) return notApplied(error.results);
        if (!(error instanceof LostRace)) throw error;
        if (attempt >= INGEST_RETRIES_MAX) {
          throw new ApiError("conflict", "Concurrent requests reported the same events; retry this batch (duplicates are not counted twice).");
        }
      }
    }
  }

  private async attempt(trx: Trx, batch: IngestBatch, batchId: string): Promise<UsageBatchResult> {
    const ctx = await this.load(trx, batch);
    const resolved = resolveAll(ctx, batch.events);
    const source = new PgBatch(batch.nowMs);
    await source.insertCandidates(trx, ctx, resolved);
    await this.preload(trx, ctx, source, batch.events, resolved);
    const accountant = new Accountant(ctx, source);
    const results = accountAll(accountant, batch.events, resolved);
    if (batch.allOrNothing && accountant.rejected > 0) throw new NotApplied(results);
    await source.settleEvents(trx);
    if (accountant.accepted > 0) await this.write(trx, batch, accountant, source, batchId);
    return batchResult(accountant, results, batchId);
  }

  private async load(trx: Trx, batch: IngestBatch): Promise<BatchContext> {
    const subIds = new Set<string>();
    const types = new Set<string>();
    for (const e of batch.events) {
      if (!e.ok) continue;
      subIds.add(e.subscriptionId);
      types.add(e.type);
    }
    const subscriptions = await this.lockSubscriptions(trx, [...subIds].sort());
    const plans = new Map<string, PlanCharges>();
    for (const sub of subscriptions.values()) {
      const plan = await this.plan(trx, sub.planId);
      plans.set(sub.planId, plan);
      // Locked in the wrong mode (the cache was wrong): learn, and start over with the right lock.
      const capped = sub.chargingMode === "reserve" || plan.limited;
      if (capped !== this.capped.get(sub.id)) {
        this.capped.set(sub.id, capped);
        throw new LostRace(`subscription ${sub.id} was locked in the wrong mode`);
      }
    }
    const merchants = [...new Set([...subscriptions.values()].map((s) => s.merchantId))];
    const metersByType = new Map<string, Meter>();
    const byType = await sql<MeterRow>`SELECT * FROM meters WHERE merchant_id = ANY(${merchants}::text[]) AND event_type = ANY(${[...types]}::text[])`.execute(trx);
    for (const row of byType.rows) metersByType.set(meterKey(row.merchant_id, row.event_type), meterFromRow(row));
    const reservedMeterIds = [...subscriptions.values()].filter((s) => s.chargingMode === "reserve").flatMap((s) => plans.get(s.planId)!.charges.map((c) => c.meterId));
    const metersById = new Map<string, Meter>();
    if (reservedMeterIds.length > 0) {
      const byId = await sql<MeterRow>`SELECT * FROM meters WHERE id = ANY(${[...new Set(reservedMeterIds)]}::text[])`.execute(trx);
      for (const row of byId.rows) metersById.set(row.id, meterFromRow(row));
    }
    return { merchantId: batch.merchantId, nowMs: batch.nowMs, settings: batch.settings, subscriptions, metersByType, metersById, plans };
  }

  /** Capped subscriptions FOR UPDATE, then the others FOR SHARE, each in id order. */
  private async lockSubscriptions(trx: Trx, ids: readonly string[]): Promise<Map<string, SubscriptionFacts>> {
    await this.learnCapped(trx, ids.filter((id) => !this.capped.has(id)));
    const exclusive = ids.filter((id) => this.capped.get(id) === true);
    const shared = ids.filter((id) => this.capped.get(id) === false);
    const subscriptions = new Map<string, SubscriptionFacts>();
    for (const [list, mode] of [[exclusive, sql`FOR UPDATE`], [shared, sql`FOR SHARE`]] as const) {
      if (list.length === 0) continue;
      const rows = await sql<SubscriptionFactsRow>`SELECT ${sql.raw(SUBSCRIPTION_FACT_COLUMNS)} FROM subscriptions WHERE id = ANY(${list}::text[]) ORDER BY id ${mode}`.execute(trx);
      for (const row of rows.rows) subscriptions.set(row.id, subscriptionFromRow(row));
    }
    return subscriptions;
  }

  private async learnCapped(trx: Trx, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await sql<{ id: string; plan_id: string; charging_mode: string }>`SELECT id, plan_id, charging_mode FROM subscriptions WHERE id = ANY(${ids}::text[])`.execute(trx);
    if (this.capped.size + rows.rows.length > SUBSCRIPTION_CACHE_SIZE_MAX) this.capped.clear();
    for (const row of rows.rows) {
      const plan = await this.plan(trx, row.plan_id);
      this.capped.set(row.id, row.charging_mode === "reserve" || plan.limited);
    }
  }

  private async plan(trx: Trx, id: string): Promise<PlanCharges> {
    const cached = this.plans.get(id);
    if (cached !== undefined) return cached;
    const row = await trx.selectFrom("plans").select(["id", "charges", "currency"]).where("id", "=", id).executeTakeFirst();
    if (row === undefined) throw new Error(`plan ${id} of a subscription does not exist`);
    return this.plans.put(row as Pick<PlanRow, "id" | "charges" | "currency">);
  }

  /**
   * Reads what the accounting pass may ask beyond the insert's answer: whether refused events of
   * the caller's subscriptions are stored (a stored one is reported as a duplicate), the aggregate
   * rows of every (subscription, meter) touched or reserved, and the unique values counted.
   */
  private async preload(trx: Trx, ctx: BatchContext, source: PgBatch, events: IngestBatch["events"], resolved: readonly Resolved[]): Promise<void> {
    const refusedSubs: string[] = [];
    const refusedIds: string[] = [];
    const pairs = new Map<string, { s: string; m: string; p: number }>();
    const unique: Candidate[] = [];
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const r = resolved[i] as Candidate | Refusal;
      if (!e.ok) continue;
      if (isRefusal(r)) {
        if (r.mayBeDuplicate) {
          refusedSubs.push(e.subscriptionId);
          refusedIds.push(e.id);
        }
        continue;
      }
      pairs.set(key2(r.subscription.id, r.meter.id), { s: r.subscription.id, m: r.meter.id, p: r.subscription.currentPeriodStartMs });
      if (r.uniqueValue !== null) unique.push(r);
    }
    for (const sub of ctx.subscriptions.values()) {
      if (sub.chargingMode !== "reserve") continue;
      for (const c of ctx.plans.get(sub.planId)!.charges) pairs.set(key2(sub.id, c.meterId), { s: sub.id, m: c.meterId, p: sub.currentPeriodStartMs });
    }
    await source.loadStored(trx, refusedSubs, refusedIds);
    await source.loadAggregates(trx, [...pairs.values()]);
    await source.loadUniqueValues(trx, unique);
  }

  private async write(trx: Trx, batch: IngestBatch, accountant: Accountant, source: PgBatch, batchId: string): Promise<void> {
    const nowMs = batch.nowMs;
    await source.insertUniqueValues(trx);
    const writes = aggregateWrites(accountant);
    for (const kind of ["additive", "max", "latest"] as const) await upsertAggregates(trx, kind, writes[kind], nowMs);
    const changes = accountant.consumptionChanges();
    if (changes.length > 0) {
      await sql`UPDATE subscriptions SET consumed_fine = v.consumed, updated_at = ${nowMs} FROM unnest(${changes.map((c) => c.subscriptionId)}::text[], ${changes.map((c) => c.consumedFine)}::int8[]) AS v(id, consumed) WHERE subscriptions.id = v.id`.execute(trx);
    }
    await recordAudit(trx, batchAudit(batch, accountant, batchId), nowMs);
  }
}

async function upsertAggregates(trx: Trx, kind: AggregateKind, writes: readonly AggregateWrite[], nowMs: number): Promise<void> {
  if (writes.length === 0) return;
  const col = <T>(f: (w: AggregateWrite) => T): T[] => writes.map(f);
  await sql`INSERT INTO usage_aggregates (${sql.raw(AGGREGATE_COLUMNS)})
    SELECT s, m, p, g, q, pq, n, la, li, ${nowMs}::int8 FROM unnest(
      ${col((w) => w.subscriptionId)}::text[], ${col((w) => w.meterId)}::text[], ${col((w) => w.periodStartMs)}::int8[],
      ${col((w) => w.groupKey)}::text[], ${col((w) => w.quantity)}::int8[], ${col((w) => w.pendingQuantity)}::int8[],
      ${col((w) => w.eventCount)}::int8[], ${col((w) => w.latestAt)}::int8[], ${col((w) => w.latestEventId)}::text[]
    ) AS v(s, m, p, g, q, pq, n, la, li) ORDER BY s, m, p, g
    ${sql.raw(aggregateConflictSql("postgres", kind))}`.execute(trx);
}

/**
 * One batch's dealings with PostgreSQL: its candidates inserted up front, its reads loaded in
 * bulk, and what accounting changed afterwards.
 */
class PgBatch implements BatchSource {
  /** The first candidate of each (subscription, event id): the one inserted. */
  private readonly firsts = new Map<SubscriptionFacts, Map<string, Candidate>>();
  /** First candidates whose rows this batch inserted: the new events. */
  private readonly inserted = new Set<Candidate>();
  /** Refused events found stored (reported as duplicates), by `subscription\nevent id`. */
  private readonly stored = new Set<string>();
  private readonly aggregates = new Map<string, AggregateRowLite[]>();
  private readonly uniqueStored = new Set<string>();
  /** What accounting accepted, by the first candidate of its id: the candidate and its quantity. */
  private readonly accepted = new Map<Candidate, { c: Candidate; quantity: bigint }>();
  private readonly uniqueValues: Candidate[] = [];

  constructor(private readonly ingestedAtMs: number) {}

  private firstOf(sub: SubscriptionFacts, eventId: string): Candidate | undefined {
    return this.firsts.get(sub)?.get(eventId);
  }

  /**
   * Inserts the first candidate of each id; RETURNING names those that were new. The rows go as
   * one JSON document, written by hand: PostgreSQL parses one value, and the client neither
   * escapes ten thousand array elements nor builds an object per row.
   */
  async insertCandidates(trx: Trx, ctx: BatchContext, resolved: readonly Resolved[]): Promise<void> {
    const rows: string[] = [];
    for (const r of resolved) {
      if ("ok" in r || isRefusal(r)) continue;
      let ids = this.firsts.get(r.subscription);
      if (ids === undefined) {
        ids = new Map();
        this.firsts.set(r.subscription, ids);
      }
      if (ids.has(r.event.id)) continue;
      ids.set(r.event.id, r);
      rows.push(eventJson(r, r.quantity, this.ingestedAtMs));
    }
    if (rows.length === 0) return;
    const result = await sql<{ subscription_id: string; event_id: string }>`INSERT INTO usage_events (${sql.raw(EVENT_COLUMNS)})
      SELECT ${sql.raw(EVENT_COLUMNS)} FROM json_to_recordset(${`[${rows.join(",")}]`}::json) AS v(${sql.raw(EVENT_RECORD_TYPES)})
      ORDER BY subscription_id, event_id
      ON CONFLICT DO NOTHING RETURNING subscription_id, event_id`.execute(trx);
    for (const row of result.rows) this.inserted.add(this.firstOf(ctx.subscriptions.get(row.subscription_id)!, row.event_id)!);
  }

  async loadStored(trx: Trx, subs: readonly string[], ids: readonly string[]): Promise<void> {
    if (subs.length === 0) return;
    const rows = await sql<{ subscription_id: string; event_id: string }>`SELECT k.s AS subscription_id, k.i AS event_id
      FROM unnest(${subs}::text[], ${ids}::text[]) AS k(s, i)
      WHERE EXISTS (SELECT 1 FROM usage_events e WHERE e.subscription_id = k.s AND e.event_id = k.i)`.execute(trx);
    for (const r of rows.rows) this.stored.add(key2(r.subscription_id, r.event_id));
  }

  /** A lateral join: one index range per (subscription, meter), whatever the planner guesses of unnest's size. */
  async loadAggregates(trx: Trx, pairs: ReadonlyArray<{ s: string; m: string; p: number }>): Promise<void> {
    if (pairs.length === 0) return;
    const rows = await sql<AggregateRowLite & { subscription_id: string; meter_id: string }>`SELECT k.s AS subscription_id, k.m AS meter_id, a.group_key,
        a.quantity, a.pending_quantity, a.event_count, a.latest_at, a.latest_event_id
      FROM unnest(${pairs.map((x) => x.s)}::text[], ${pairs.map((x) => x.m)}::text[], ${pairs.map((x) => x.p)}::int8[]) AS k(s, m, p)
      CROSS JOIN LATERAL (SELECT * FROM usage_aggregates u WHERE u.subscription_id = k.s AND u.meter_id = k.m AND u.period_start = k.p) AS a`.execute(trx);
    for (const r of rows.rows) {
      const k = key2(r.subscription_id, r.meter_id);
      const list = this.aggregates.get(k);
      if (list === undefined) this.aggregates.set(k, [r]);
      else list.push(r);
    }
  }

  async loadUniqueValues(trx: Trx, candidates: readonly Candidate[]): Promise<void> {
    if (candidates.length === 0) return;
    const col = <T>(f: (c: Candidate) => T): T[] => candidates.map(f);
    const rows = await sql<{ s: string; m: string; g: string; v: string }>`SELECT k.s, k.m, k.g, k.v
      FROM unnest(${col((c) => c.subscription.id)}::text[], ${col((c) => c.meter.id)}::text[], ${col((c) => c.subscription.currentPeriodStartMs)}::int8[],
        ${col((c) => c.groupKey)}::text[], ${col((c) => c.uniqueValue)}::text[]) AS k(s, m, p, g, v)
      WHERE EXISTS (SELECT 1 FROM usage_unique_values u
        WHERE u.subscription_id = k.s AND u.meter_id = k.m AND u.period_start = k.p AND u.group_key = k.g AND u.value = k.v)`.execute(trx);
    for (const r of rows.rows) this.uniqueStored.add(`${r.s}\n${r.m}\n${r.g}\n${r.v}`);
  }

  aggregateRows(subscriptionId: string, meterId: string): readonly AggregateRowLite[] {
    return this.aggregates.get(key2(subscriptionId, meterId)) ?? [];
  }

  /** Tried but not inserted by this batch: stored before it, or by a concurrent batch. */
  knownDuplicate(c: Candidate): boolean {
    const first = this.firstOf(c.subscription, c.event.id);
    return first !== undefined && !this.inserted.has(first);
  }

  eventExists(subscriptionId: string, eventId: string): boolean {
    if (this.stored.has(key2(subscriptionId, eventId))) return true;
    for (const [sub, ids] of this.firsts) {
      if (sub.id !== subscriptionId) continue;
      const first = ids.get(eventId);
      return first !== undefined && (!this.inserted.has(first) || this.accepted.has(first));
    }
    return false;
  }

  uniqueValueExists(subscriptionId: string, meterId: string, _periodStartMs: number, groupKey: string, value: string): boolean {
    return this.uniqueStored.has(`${subscriptionId}\n${meterId}\n${groupKey}\n${value}`);
  }

  insertEvent(c: Candidate, quantity: bigint): boolean {
    this.accepted.set(this.firstOf(c.subscription, c.event.id)!, { c, quantity });
    return true;
  }

  insertUniqueValue(c: Candidate): void {
    this.uniqueValues.push(c);
  }

  /**
   * Makes the stored rows what accounting decided: refused rows deleted; a row whose accepted
   * event is not the one inserted (a repeated id in the batch after a refusal) or whose quantity
   * changed (a unique value already counted) rewritten. None of this happens in the common case.
   */
  async settleEvents(trx: Trx): Promise<void> {
    const refused: Candidate[] = [];
    const rewritten: string[] = [];
    for (const first of this.inserted) {
      const a = this.accepted.get(first);
      if (a === undefined) refused.push(first);
      else if (a.c !== first || a.quantity !== first.quantity) rewritten.push(eventJson(a.c, a.quantity, this.ingestedAtMs));
    }
    if (refused.length > 0) {
      await sql`DELETE FROM usage_events e USING unnest(${refused.map((c) => c.subscription.id)}::text[], ${refused.map((c) => c.event.id)}::text[]) AS k(s, i)
        WHERE e.subscription_id = k.s AND e.event_id = k.i`.execute(trx);
    }
    if (rewritten.length > 0) {
      await sql`UPDATE usage_events e SET meter_id = v.meter_id, timestamp = v.timestamp, quantity = v.quantity, group_key = v.group_key, status = v.status, properties = v.properties
        FROM json_to_recordset(${`[${rewritten.join(",")}]`}::json) AS v(${sql.raw(EVENT_RECORD_TYPES)})
        WHERE e.subscription_id = v.subscription_id AND e.event_id = v.event_id`.execute(trx);
    }
  }

  async insertUniqueValues(trx: Trx): Promise<void> {
    const u = this.uniqueValues;
    if (u.length === 0) return;
    const col = <T>(f: (c: Candidate) => T): T[] => u.map(f);
    const result = await sql`INSERT INTO usage_unique_values (subscription_id, meter_id, period_start, group_key, value)
      SELECT * FROM unnest(${col((c) => c.subscription.id)}::text[], ${col((c) => c.meter.id)}::text[], ${col((c) => c.subscription.currentPeriodStartMs)}::int8[],
        ${col((c) => c.groupKey)}::text[], ${col((c) => c.uniqueValue)}::text[]) AS v ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT DO NOTHING`.execute(trx);
    if (Number(result.numAffectedRows ?? 0n) !== u.length) throw new LostRace("a concurrent batch counted one of these values first");
  }
}

/** An event row as a JSON object (bigints as digit strings, which json_to_recordset reads into int8). */
function eventJson(c: Candidate, quantity: bigint, ingestedAtMs: number): string {
  const q = JSON.stringify;
  return (
    `{"subscription_id":${q(c.subscription.id)},"event_id":${q(c.event.id)},"meter_id":${q(c.meter.id)},"timestamp":${c.event.timestampMs},` +
    `"period_start":${c.subscription.currentPeriodStartMs},"quantity":"${quantity}","group_key":${q(c.groupKey)},` +
    `"status":"${c.pending ? "pending" : "confirmed"}","properties":${q(c.event.propertiesJson)},"ingested_at":${ingestedAtMs}}`
  );
}
