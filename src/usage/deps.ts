/** What the usage use cases depend on, built once per process (prepared statements, caches). */
import type { Clock } from "../core/clock.js";
import type { Database } from "../store/index.js";
import type { IngestSettings } from "./accountant.js";
import type { Ingestor } from "./ingest.js";
import { USAGE_FUTURE_SKEW_MS_DEFAULT, USAGE_PAST_WINDOW_MS_DEFAULT } from "./limits.js";
import { PlanCache } from "./plans.js";
import { PostgresIngestor } from "./postgres-ingest.js";
import { SqliteIngestor } from "./sqlite-ingest.js";

export type UsageSettings = IngestSettings;

export const DEFAULT_USAGE_SETTINGS: UsageSettings = {
  pastWindowMs: USAGE_PAST_WINDOW_MS_DEFAULT,
  futureSkewMs: USAGE_FUTURE_SKEW_MS_DEFAULT,
};

/**
 * Called after a reversal of confirmed usage in a period that was already settled has committed,
 * once per (subscription, period) the call touched — also when the events were already reversed,
 * so that a retry after a failed call completes it. It must therefore be idempotent: it compares
 * what was billed for the period with `periodUsage` now, and credits the difference.
 */
export type SettledUsageChanged = (subscriptionId: string, periodStartMs: number) => Promise<void>;

export interface UsageDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly settings: UsageSettings;
  readonly onSettledUsageChanged?: SettledUsageChanged;
  /** The engine's ingestion driver. */
  readonly ingestor: Ingestor;
  readonly plans: PlanCache;
}

export interface UsageDepsOptions {
  readonly database: Database;
  readonly clock: Clock;
  readonly settings?: Partial<UsageSettings>;
  readonly onSettledUsageChanged?: SettledUsageChanged;
}

/** Needs a migrated database: the SQLite driver prepares its statements here. */
export function createUsageDeps(options: UsageDepsOptions): UsageDeps {
  const { database, clock } = options;
  const settings = { ...DEFAULT_USAGE_SETTINGS, ...options.settings };
  if (!(settings.pastWindowMs > 0 && settings.futureSkewMs >= 0)) throw new Error("usage settings: the accepted timestamp window must not be empty");
  const plans = new PlanCache();
  const ingestor = database.engine === "sqlite" ? new SqliteIngestor(database, plans) : new PostgresIngestor(database, plans);
  return {
    database,
    clock,
    settings,
    ingestor,
    plans,
    ...(options.onSettledUsageChanged === undefined ? {} : { onSettledUsageChanged: options.onSettledUsageChanged }),
  };
}
