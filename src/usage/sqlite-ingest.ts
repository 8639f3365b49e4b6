/**
 * SQLite ingestion: batches run synchronously inside BEGIN IMMEDIATE … COMMIT under the process's
 * write lock (the one the ledger's committer takes), with statements prepared once. Nothing else
 * can write meanwhile, so what a batch reads — subscriptions, aggregates, the reservation — is
 * exact, and deduplication is the insert itself: an event row that is already there changes
 * nothing, and the insert says so.
 *
 * Group commit. The commit's fsync is most of a batch's cost and blocks the process, so batches
 * that arrive while one is committing wait and then share one transaction (up to
 * INGEST_GROUP_EVENTS_MAX events): one fsync for several requests. Each runs in turn, in its own
 * SAVEPOINT, and sees the ones before it, so a reservation is drawn down exactly as if they had
 * committed one by one; one that fails (or an all-or-nothing batch that is refused) is rolled
 * back alone. No batch is answered before the transaction holding it has committed.
 */
import type { Statement } from "better-sqlite3";
import { auditRow } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Database, MeterRow, PlanRow } from "../store/index.js";
import { Accountant, accountAll, type BatchContext, type BatchSource, type Candidate, meterKey, resolveAll } from "./accountant.js";
import {
  AGGREGATE_COLUMNS,
  aggregateConflictSql,
  aggregateWrites,
  batchAudit,
  batchResult,
  EVENT_COLUMNS,
  type IngestBatch,
  type Ingestor,
  notApplied,
} from "./ingest.js";
import type { PlanCache } from "./plans.js";
import { meterFromRow, SUBSCRIPTION_FACT_COLUMNS, subscriptionFromRaw } from "./rows.js";
import type { AggregateKind, AggregateRowLite } from "./tally.js";
import { INGEST_GROUP_EVENTS_MAX, INGEST_QUEUE_EVENTS_MAX } from "./limits.js";
import type { Meter, PlanCharges, SubscriptionFacts, UsageBatchResult } from "./types.js";

type SqliteDatabase = Extract<Database, { engine: "sqlite" }>;

const AUDIT_COLUMNS = [
  "id", "occurred_at", "actor_type", "actor_id", "action", "object_type", "object_id", "user_id",
  "intent_id", "mandate_id", "payment_id", "before_status", "after_status", "request_id", "data",
] as const;

const inJson = "(SELECT value FROM json_each(?))";

interface Job {
  readonly batch: IngestBatch;
  readonly batchId: string;
  readonly resolve: (result: UsageBatchResult) => void;
  readonly reject: (error: Error) => void;
}

type Outcome = { readonly ok: true; readonly result: UsageBatchResult } | { readonly ok: false; readonly error: Error };

export class SqliteIngestor implements Ingestor {
  private readonly stmt: ReturnType<typeof prepare>;
  private queue: Job[] = [];
  private queuedEvents = 0;
  private draining = false;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly plans: PlanCache,
  ) {
    this.stmt = prepare(database);
  }

  ingest(batch: IngestBatch, batchId: string): Promise<UsageBatchResult> {
    if (this.queuedEvents + batch.events.length > INGEST_QUEUE_EVENTS_MAX) {
      return Promise.reject(new ApiError("overloaded", "Usage ingestion is behind; retry this batch shortly (its events are not recorded)."));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, batchId, resolve, reject });
      this.queuedEvents += batch.events.length;
      if (!this.draining) {
        this.draining = true;
        // Let the batches parsed in this turn of the event loop join the first transaction.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.take();
        await this.database.writeLock.run(async () => this.commitGroup(group));
      }
    } finally {
      this.draining = false;
    }
  }

  /** The longest prefix of the queue within INGEST_GROUP_EVENTS_MAX events (always one batch at least). */
  private take(): Job[] {
    let count = 0;
    let events = 0;
    while (count < this.queue.length) {
      const size = this.queue[count]!.batch.events.length;
      if (count > 0 && events + size > INGEST_GROUP_EVENTS_MAX) break;
      events += size;
      count++;
    }
    const group = this.queue.slice(0, count);
    this.queue = this.queue.slice(count);
    this.queuedEvents -= events;
    return group;
  }

  /** One transaction for the group; every batch is answered after the commit, or all fail with it. */
  private commitGroup(group: readonly Job[]): void {
    let outcomes: Outcome[];
    try {
      outcomes = this.runGroup(group);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const job of group) job.reject(failure);
      return;
    }
    group.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.result);
      else job.reject(o.error);
    });
  }

  private runGroup(group: readonly Job[]): Outcome[] {
    this.stmt.begin.run();
    try {
      const outcomes = group.map((job) => this.runInSavepoint(job));
      this.stmt.commit.run();
      return outcomes;
    } finally {
      if (this.database.sqlite.inTransaction) this.stmt.rollback.run();
    }
  }

  private runInSavepoint(job: Job): Outcome {
    this.stmt.savepoint.run();
    try {
      const { result, keep } = this.ingestOne(job.batch, job.batchId);
      if (!keep) this.stmt.rollbackTo.run();
      this.stmt.release.run();
      return { ok: true, result };
    } catch (error) {
      this.stmt.rollbackTo.run();
      this.stmt.release.run();
      return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /** One batch inside the group's transaction; `keep` false rolls back a refused all-or-nothing batch. */
  private ingestOne(batch: IngestBatch, batchId: string): { result: UsageBatchResult; keep: boolean } {
    const ctx = this.load(batch);
    const accountant = new Accountant(ctx, this.source());
    const results = accountAll(accountant, batch.events, resolveAll(ctx, batch.events));
    if (batch.allOrNothing && accountant.rejected > 0) return { result: notApplied(results), keep: false };
    if (accountant.accepted > 0) this.write(batch, accountant, batchId);
    return { result: batchResult(accountant, results, batchId), keep: true };
  }

  /** The batch's subscriptions, the meters its events name, and their plans. */
  private load(batch: IngestBatch): BatchContext {
    const subIds = new Set<string>();
    const types = new Set<string>();
    for (const e of batch.events) {
      if (!e.ok) continue;
      subIds.add(e.subscriptionId);
      types.add(e.type);
    }
    const subscriptions = new Map<string, SubscriptionFacts>();
    for (const row of this.stmt.subscriptions.all(JSON.stringify([...subIds]))) {
      const sub = subscriptionFromRaw(row);
      subscriptions.set(sub.id, sub);
    }
    const merchants = new Set([...subscriptions.values()].map((s) => s.merchantId));
    const metersByType = new Map<string, Meter>();
    for (const row of this.stmt.metersByType.all(JSON.stringify([...merchants]), JSON.stringify([...types]))) {
      metersByType.set(meterKey(row.merchant_id, row.event_type), meterFromRow(row));
    }
    const plans = new Map<string, PlanCharges>();
    const reservedMeterIds = new Set<string>();
    for (const sub of subscriptions.values()) {
      const plan = plans.get(sub.planId) ?? this.plan(sub.planId);
      plans.set(plan.id, plan);
      if (sub.chargingMode === "reserve") for (const c of plan.charges) reservedMeterIds.add(c.meterId);
    }
    const metersById = new Map<string, Meter>();
    if (reservedMeterIds.size > 0) {
      for (const row of this.stmt.metersById.all(JSON.stringify([...reservedMeterIds]))) metersById.set(row.id, meterFromRow(row));
    }
    return { merchantId: batch.merchantId, nowMs: batch.nowMs, settings: batch.settings, subscriptions, metersByType, metersById, plans };
  }

  private plan(id: string): PlanCharges {
    const cached = this.plans.get(id);
    if (cached !== undefined) return cached;
    const row = this.stmt.plan.get(id);
    if (row === undefined) throw new Error(`plan ${id} of a subscription does not exist`);
    return this.plans.put(row);
  }

  private source(): BatchSource {
    const s = this.stmt;
    return {
      aggregateRows: (subscriptionId, meterId, periodStartMs) => s.aggregateRows.all(subscriptionId, meterId, periodStartMs),
      // The insert itself tells a duplicate.
      knownDuplicate: () => false,
      eventExists: (subscriptionId, eventId) => s.eventExists.get(subscriptionId, eventId) !== undefined,
      uniqueValueExists: (subscriptionId, meterId, periodStartMs, groupKey, value) =>
        s.uniqueExists.get(subscriptionId, meterId, periodStartMs, groupKey, value) !== undefined,
      insertEvent: (c: Candidate, quantity: bigint, ingestedAtMs: number) =>
        s.insertEvent.run(
          c.subscription.id,
          c.event.id,
          c.meter.id,
          c.event.timestampMs,
          c.subscription.currentPeriodStartMs,
          quantity,
          c.groupKey,
          c.pending ? "pending" : "confirmed",
          c.event.propertiesJson,
          ingestedAtMs,
        ).changes === 1,
      insertUniqueValue: (c: Candidate) =>
        void s.insertUnique.run(c.subscription.id, c.meter.id, c.subscription.currentPeriodStartMs, c.groupKey, c.uniqueValue),
    };
  }

  private write(batch: IngestBatch, accountant: Accountant, batchId: string): void {
    const nowMs = batch.nowMs;
    const writes = aggregateWrites(accountant);
    for (const kind of ["additive", "max", "latest"] as const) {
      const upsert = this.stmt.upsert[kind];
      for (const w of writes[kind]) {
        upsert.run(w.subscriptionId, w.meterId, w.periodStartMs, w.groupKey, w.quantity, w.pendingQuantity, w.eventCount, w.latestAt, w.latestEventId, nowMs);
      }
    }
    for (const c of accountant.consumptionChanges()) this.stmt.updateConsumed.run(c.consumedFine, nowMs, c.subscriptionId);
    this.stmt.insertAudit.run(auditRow(batchAudit(batch, accountant, batchId), nowMs));
  }
}

function prepare(database: SqliteDatabase) {
  const { sqlite } = database;
  const upsert = (kind: AggregateKind): Statement =>
    sqlite.prepare(`INSERT INTO usage_aggregates (${AGGREGATE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ${aggregateConflictSql("sqlite", kind)}`);
  return {
    begin: sqlite.prepare("BEGIN IMMEDIATE"),
    commit: sqlite.prepare("COMMIT"),
    rollback: sqlite.prepare("ROLLBACK"),
    savepoint: sqlite.prepare("SAVEPOINT usage_batch"),
    rollbackTo: sqlite.prepare("ROLLBACK TO usage_batch"),
    release: sqlite.prepare("RELEASE usage_batch"),
    // Raw rows: a batch reads up to 1,000 subscriptions, and an object per row costs more than the query.
    subscriptions: sqlite.prepare<[string], unknown[]>(`SELECT ${SUBSCRIPTION_FACT_COLUMNS} FROM subscriptions WHERE id IN ${inJson}`).raw(true),
    metersByType: sqlite.prepare<[string, string], MeterRow>(`SELECT * FROM meters WHERE merchant_id IN ${inJson} AND event_type IN ${inJson}`),
    metersById: sqlite.prepare<[string], MeterRow>(`SELECT * FROM meters WHERE id IN ${inJson}`),
    plan: sqlite.prepare<[string], Pick<PlanRow, "id" | "charges" | "currency">>("SELECT id, charges, currency FROM plans WHERE id = ?"),
    aggregateRows: sqlite.prepare<[string, string, number], AggregateRowLite>(
      "SELECT group_key, quantity, pending_quantity, event_count, latest_at, latest_event_id FROM usage_aggregates WHERE subscription_id = ? AND meter_id = ? AND period_start = ?",
    ),
    eventExists: sqlite.prepare<[string, string], unknown>("SELECT 1 FROM usage_events WHERE subscription_id = ? AND event_id = ?"),
    uniqueExists: sqlite.prepare<[string, string, number, string, string], unknown>(
      "SELECT 1 FROM usage_unique_values WHERE subscription_id = ? AND meter_id = ? AND period_start = ? AND group_key = ? AND value = ?",
    ),
    insertEvent: sqlite.prepare(`INSERT INTO usage_events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    insertUnique: sqlite.prepare(
      "INSERT INTO usage_unique_values (subscription_id, meter_id, period_start, group_key, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    ),
    upsert: { additive: upsert("additive"), max: upsert("max"), latest: upsert("latest") } as Record<AggregateKind, Statement>,
    updateConsumed: sqlite.prepare("UPDATE subscriptions SET consumed_fine = ?, updated_at = ? WHERE id = ?"),
    insertAudit: sqlite.prepare(`INSERT INTO audit_events (${AUDIT_COLUMNS.join(", ")}) VALUES (${AUDIT_COLUMNS.map((c) => `@${c}`).join(", ")})`),
  };
}
