/**
 * Every bound usage ingestion enforces, named once (TigerBeetle style). Relations between them
 * are asserted at start-up, below.
 */
import { QUANTITY_MAX } from "../billing/index.js";

/** Events in one ingestion request (HTTP batch or `report_usage` call). */
export const USAGE_BATCH_EVENTS_MAX = 1_000;
/** Event ids named in one confirm or reverse call. */
export const OUTCOME_EVENT_IDS_MAX = 1_000;
/** A merchant-chosen event id: printable ASCII, so every engine orders ids the same way. */
export const EVENT_ID_LENGTH_MAX = 128;
/** A meter's event type, as events name it. */
export const EVENT_TYPE_LENGTH_MAX = 64;
export const METER_NAME_LENGTH_MAX = 120;
/** Subscription and meter ids as the API accepts them (ours are 30 characters). */
export const OBJECT_ID_LENGTH_MAX = 64;
/** An event's properties as stored (JSON text): usage events are facts, not documents. */
export const EVENT_PROPERTIES_JSON_LENGTH_MAX = 4_096;
/** How far back an event's timestamp may be: a little more than a monthly period. */
export const USAGE_PAST_WINDOW_MS_DEFAULT = 35 * 24 * 3_600_000;
/** How far ahead of the server's clock an event's timestamp may be (clock skew). */
export const USAGE_FUTURE_SKEW_MS_DEFAULT = 5 * 60_000;
/** The longest dispute window a meter may set: a confirmed outcome stays reversible this long. */
export const DISPUTE_WINDOW_S_MAX = 180 * 24 * 3_600;
/** Usage events and meters per page of a list. */
export const USAGE_PAGE_SIZE_MAX = 100;
/** Plans kept parsed in memory; plans' charges never change, so the cache is never stale. */
export const PLAN_CACHE_SIZE_MAX = 10_000;
/** Subscriptions whose unchanging facts (merchant, plan, charging mode) are kept in memory. */
export const SUBSCRIPTION_CACHE_SIZE_MAX = 100_000;
/**
 * SQLite: events of the batches that share one transaction (group commit). Bounds how long the
 * write lock is held: a few batches' inserts, one fsync.
 */
export const INGEST_GROUP_EVENTS_MAX = 8_000;
/** SQLite: events waiting for a transaction; past it a batch is refused with 503 (retry it). */
export const INGEST_QUEUE_EVENTS_MAX = 64_000;
/** PostgreSQL: attempts of a batch that lost a race with a concurrent batch of the same events. */
export const INGEST_RETRIES_MAX = 3;
/** Timestamps on the wire are Unix seconds; beyond this they are not a plausible date (year 5138). */
export const TIMESTAMP_S_MAX = 100_000_000_000;

function assertLimits(): void {
  const relations: ReadonlyArray<readonly [boolean, string]> = [
    [USAGE_BATCH_EVENTS_MAX >= 1 && OUTCOME_EVENT_IDS_MAX >= 1, "batches hold at least one event"],
    [BigInt(USAGE_BATCH_EVENTS_MAX) < QUANTITY_MAX, "a batch's event count fits a quantity"],
    [INGEST_GROUP_EVENTS_MAX >= USAGE_BATCH_EVENTS_MAX, "a full batch fits a group commit"],
    [INGEST_QUEUE_EVENTS_MAX >= INGEST_GROUP_EVENTS_MAX, "the queue holds at least one group"],
    [USAGE_PAST_WINDOW_MS_DEFAULT > 0 && USAGE_FUTURE_SKEW_MS_DEFAULT >= 0, "the accepted window is not empty"],
    [Number.isSafeInteger(TIMESTAMP_S_MAX * 1000), "timestamps in ms are safe integers"],
    [Number.isSafeInteger(DISPUTE_WINDOW_S_MAX * 1000), "a dispute window in ms is a safe integer"],
    [PLAN_CACHE_SIZE_MAX >= USAGE_BATCH_EVENTS_MAX, "one batch's plans fit the plan cache"],
    [SUBSCRIPTION_CACHE_SIZE_MAX >= USAGE_BATCH_EVENTS_MAX, "one batch's subscriptions fit the cache"],
  ];
  for (const [holds, relation] of relations) {
    if (!holds) throw new Error(`usage limits: expected ${relation}`);
  }
}

assertLimits();
