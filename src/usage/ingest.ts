/**
 * What both storage engines' ingestion drivers share: the batch they are given, the result they
 * give back, the aggregate rows they write and the batch's one audit event.
 */
import type { AuditEvent } from "../audit/index.js";
import type { Principal } from "../core/principal.js";
import type { Engine } from "../store/index.js";
import type { Accountant, IngestSettings } from "./accountant.js";
import { usageError } from "./errors.js";
import type { MalformedEvent, ParsedEvent } from "./parse-event.js";
import type { AggregateKind } from "./tally.js";
import type { EventResult, UsageBatchResult } from "./types.js";

export interface IngestBatch {
  /** The caller's merchant id; null for an admin operator (any merchant's subscriptions). */
  readonly merchantId: string | null;
  readonly nowMs: number;
  readonly settings: IngestSettings;
  readonly events: readonly (ParsedEvent | MalformedEvent)[];
  /** Record nothing unless every event is accepted or a duplicate. */
  readonly allOrNothing: boolean;
  readonly actor: Principal;
  readonly requestId: string | null;
}

/** A storage engine's ingestion: one batch, one transaction. */
export interface Ingestor {
  ingest(batch: IngestBatch, batchId: string): Promise<UsageBatchResult>;
}

export function batchResult(accountant: Accountant, results: readonly EventResult[], batchId: string): UsageBatchResult {
  return {
    batchId: accountant.accepted > 0 ? batchId : null,
    accepted: accountant.accepted,
    duplicates: accountant.duplicates,
    rejected: accountant.rejected,
    results,
  };
}

/** An all-or-nothing batch with a refused event: the valid events are reported as not recorded. */
export function notApplied(results: readonly EventResult[]): UsageBatchResult {
  const error = usageError("batch_not_applied", "Not recorded: another event of this all-or-nothing batch was rejected.");
  let duplicates = 0;
  const changed = results.map((r): EventResult => {
    if (r.status === "duplicate") duplicates++;
    return r.status === "accepted" ? { index: r.index, id: r.id, status: "rejected", error } : r;
  });
  return { batchId: null, accepted: 0, duplicates, rejected: results.length - duplicates, results: changed };
}

/** Subscription ids an audit event lists, at most; the count says how many there were. */
const AUDITED_SUBSCRIPTIONS_MAX = 100;

/** The one audit event of a batch that recorded usage (events are too many to audit singly). */
export function batchAudit(batch: IngestBatch, accountant: Accountant, batchId: string): AuditEvent {
  const subscriptions = [...accountant.acceptedSubscriptions];
  return {
    actor: batch.actor,
    action: "usage.recorded",
    objectType: "usage_batch",
    objectId: batchId,
    requestId: batch.requestId,
    data: {
      accepted: accountant.accepted,
      duplicates: accountant.duplicates,
      rejected: accountant.rejected,
      subscription_count: subscriptions.length,
      subscription_ids: subscriptions.slice(0, AUDITED_SUBSCRIPTIONS_MAX),
      first_event_id: accountant.firstAcceptedId,
      last_event_id: accountant.lastAcceptedId,
    },
  };
}

/** One aggregate row's change: for additive meters what the batch adds, else the group's new value. */
export interface AggregateWrite {
  readonly subscriptionId: string;
  readonly meterId: string;
  readonly periodStartMs: number;
  readonly groupKey: string;
  readonly quantity: bigint;
  readonly pendingQuantity: bigint;
  readonly eventCount: bigint;
  readonly latestAt: number | null;
  readonly latestEventId: string | null;
}

/**
 * The batch's aggregate changes by kind, in key order: concurrent PostgreSQL transactions then
 * lock the rows they share in the same order and never deadlock.
 */
export function aggregateWrites(accountant: Accountant): Record<AggregateKind, AggregateWrite[]> {
  const writes: Record<AggregateKind, AggregateWrite[]> = { additive: [], max: [], latest: [] };
  for (const tally of accountant.tallies()) {
    for (const g of tally.groups.values()) {
      if (!g.touched) continue;
      const additive = tally.kind === "additive";
      writes[tally.kind].push({
        subscriptionId: tally.subscriptionId,
        meterId: tally.meter.id,
        periodStartMs: tally.periodStartMs,
        groupKey: g.groupKey,
        quantity: additive ? g.addQuantity : g.quantity,
        pendingQuantity: additive ? g.addPending : 0n,
        eventCount: g.addCount,
        latestAt: g.latestAt,
        latestEventId: g.latestEventId,
      });
    }
  }
  for (const list of Object.values(writes)) list.sort(compareWrites);
  return writes;
}

function compareWrites(a: AggregateWrite, b: AggregateWrite): number {
  return compareText(a.subscriptionId, b.subscriptionId) || compareText(a.meterId, b.meterId) || compareText(a.groupKey, b.groupKey);
}

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const AGGREGATE_COLUMNS =
  "subscription_id, meter_id, period_start, group_key, quantity, pending_quantity, event_count, latest_at, latest_event_id, updated_at";

/**
 * How an aggregate row absorbs a batch's write. Additive rows add; max rows keep the larger;
 * latest rows keep the later (timestamp, then event id, compared byte-wise: ids are ASCII).
 */
export function aggregateConflictSql(engine: Engine, kind: AggregateKind): string {
  const t = "usage_aggregates";
  const head = `ON CONFLICT (subscription_id, meter_id, period_start, group_key) DO UPDATE SET event_count = ${t}.event_count + excluded.event_count, updated_at = excluded.updated_at`;
  if (kind === "additive") {
    return `${head}, quantity = ${t}.quantity + excluded.quantity, pending_quantity = ${t}.pending_quantity + excluded.pending_quantity`;
  }
  if (kind === "max") {
    return `${head}, quantity = ${engine === "sqlite" ? "max" : "greatest"}(${t}.quantity, excluded.quantity)`;
  }
  const collate = engine === "postgres" ? ' COLLATE "C"' : "";
  const later = `(${t}.latest_at IS NULL OR excluded.latest_at > ${t}.latest_at OR (excluded.latest_at = ${t}.latest_at AND excluded.latest_event_id${collate} > ${t}.latest_event_id${collate}))`;
  return (
    `${head}, quantity = CASE WHEN ${later} THEN excluded.quantity ELSE ${t}.quantity END, ` +
    `latest_at = CASE WHEN ${later} THEN excluded.latest_at ELSE ${t}.latest_at END, ` +
    `latest_event_id = CASE WHEN ${later} THEN excluded.latest_event_id ELSE ${t}.latest_event_id END`
  );
}

export const EVENT_COLUMNS = "subscription_id, event_id, meter_id, timestamp, period_start, quantity, group_key, status, properties, ingested_at";
