// The usage module's only public surface: meters, usage ingestion, outcome lifecycle and reads.
export type { UsageError, UsageErrorCode } from "./errors.js";
export * from "./limits.js";
export type { EventOutcome, EventResult, Meter, MeterStatus, UsageBatchResult, UsageEventStatus, UsageEventView } from "./types.js";
export { METER_STATUSES, USAGE_EVENT_STATUSES } from "./types.js";
export { createUsageDeps, DEFAULT_USAGE_SETTINGS, type SettledUsageChanged, type UsageDeps, type UsageDepsOptions, type UsageSettings } from "./deps.js";
export { createMeter } from "./create-meter.js";
export { updateMeter } from "./update-meter.js";
export { getMeter, listMeters, type MeterListQuery } from "./read-meters.js";
export { recordUsage, type RecordUsageOptions } from "./record-usage.js";
export { changeOutcomes, type OutcomeAction } from "./change-outcomes.js";
export {
  acrossGroups,
  getSubscriptionUsage,
  listSubscriptionEvents,
  listUsageEvents,
  type MeterUsage,
  maySeeSubscription,
  periodUsage,
  type UsageEventQuery,
} from "./read-usage.js";
export * from "./schema.js";
