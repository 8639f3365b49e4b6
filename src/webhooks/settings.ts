/**
 * Every limit of the webhook machinery, named, with its default. The relations between them are
 * asserted once when the runtime starts (`checkWebhookSettings`).
 */
import { assert } from "../core/assert.js";

/** Which addresses an endpoint may point at: see url-policy.ts. */
export type TargetPolicy = "public" | "loopback" | "any";

export interface WebhookSettings {
  /** How often the worker looks for new audit events and due deliveries. */
  readonly pollIntervalMs: number;
  /** Audit events one dispatcher pass reads. */
  readonly dispatchBatchMax: number;
  /**
   * How long a sequence number missing below the cursor is re-checked before it is taken for a
   * rolled-back insert. Must exceed the longest time a transaction takes from writing its audit
   * event to committing.
   */
  readonly gapGraceMs: number;
  /** Delivery requests in flight at once, per process. */
  readonly concurrencyMax: number;
  /** One delivery request, connection to last byte. */
  readonly requestTimeoutMs: number;
  /**
   * Delays before the 2nd, 3rd, … attempt; a delivery is given up (`failed`) after
   * `retryScheduleMs.length + 1` attempts.
   */
  readonly retryScheduleMs: readonly number[];
  /** Each delay is multiplied by a random factor in [1 - jitter, 1 + jitter]. */
  readonly jitterRatio: number;
  /** Consecutive failed attempts (over all its deliveries) after which an endpoint is `failing`. */
  readonly failingAfterAttempts: number;
  /** A failing endpoint gets one probe attempt per this interval until one succeeds. */
  readonly failingProbeIntervalMs: number;
  /** How long a rotated-out secret still signs (alongside the new one) by default. */
  readonly previousSecretTtlMs: number;
  /** Which targets endpoint URLs may resolve to. */
  readonly targets: TargetPolicy;
  /** Finished deliveries older than this are deleted. */
  readonly deliveryRetentionMs: number;
}

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 24 h: eleven attempts over about two days. */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5 * SECOND_MS,
  30 * SECOND_MS,
  2 * MINUTE_MS,
  10 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  24 * HOUR_MS,
];

export const REQUEST_TIMEOUT_MS_MAX = 30_000;
export const CONCURRENCY_MAX = 64;
export const DISPATCH_BATCH_MAX = 1_000;
/** Gap ranges the cursor tracks; past it the oldest are given up (they are almost surely rollbacks). */
export const GAP_RANGES_MAX = 1_000;
/** How long a claimed delivery is reserved for the worker that claimed it. */
export const claimLeaseMs = (s: WebhookSettings): number => s.requestTimeoutMs + 30 * SECOND_MS;

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  pollIntervalMs: 500,
  dispatchBatchMax: 500,
  gapGraceMs: 5 * MINUTE_MS,
  concurrencyMax: 8,
  requestTimeoutMs: 10 * SECOND_MS,
  retryScheduleMs: RETRY_SCHEDULE_MS,
  jitterRatio: 0.2,
  failingAfterAttempts: 15,
  failingProbeIntervalMs: 5 * MINUTE_MS,
  previousSecretTtlMs: 24 * HOUR_MS,
  targets: "loopback",
  deliveryRetentionMs: 30 * 24 * HOUR_MS,
};

/**
 * `AGENTPAY_WEBHOOK_ALLOW_PRIVATE`: `1`/`true` any address; `loopback` this machine too;
 * `0`/`false` public addresses only. Unset: `loopback`, except with NODE_ENV=production, where
 * only public addresses are allowed.
 */
export function loadWebhookSettings(env: NodeJS.ProcessEnv): Partial<WebhookSettings> {
  const value = env.AGENTPAY_WEBHOOK_ALLOW_PRIVATE?.trim().toLowerCase();
  if (value === undefined || value === "") return { targets: env.NODE_ENV === "production" ? "public" : "loopback" };
  if (value === "1" || value === "true") return { targets: "any" };
  if (value === "0" || value === "false") return { targets: "public" };
  if (value === "loopback") return { targets: "loopback" };
  throw new Error(`AGENTPAY_WEBHOOK_ALLOW_PRIVATE must be 1, true, loopback, 0 or false (got "${value}")`);
}

export function checkWebhookSettings(s: WebhookSettings): void {
  assert(s.pollIntervalMs >= 1, "webhook poll interval is positive");
  assert(s.dispatchBatchMax >= 1 && s.dispatchBatchMax <= DISPATCH_BATCH_MAX, "dispatch batch within its maximum");
  assert(s.concurrencyMax >= 1 && s.concurrencyMax <= CONCURRENCY_MAX, "delivery concurrency within its maximum");
  assert(s.requestTimeoutMs >= 1 && s.requestTimeoutMs <= REQUEST_TIMEOUT_MS_MAX, "delivery timeout within its maximum");
  assert(s.retryScheduleMs.every((d) => d >= 0), "retry delays are not negative");
  assert(s.jitterRatio >= 0 && s.jitterRatio < 1, "jitter is a ratio below 1");
  assert(s.failingAfterAttempts >= 1, "an endpoint fails after at least one attempt");
  // A gap given up before the next pass would never be looked at again.
  assert(s.gapGraceMs >= s.pollIntervalMs, "gaps are re-checked at least once");
}
