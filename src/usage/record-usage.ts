import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { UsageDeps } from "./deps.js";
import { newUsageBatchId } from "./ids.js";
import { USAGE_BATCH_EVENTS_MAX } from "./limits.js";
import { parseEvent } from "./parse-event.js";
import type { UsageBatchResult } from "./types.js";

export interface RecordUsageOptions {
  /** Record nothing unless every event is accepted or a duplicate. */
  readonly allOrNothing?: boolean;
  readonly requestId?: string | null;
}

/**
 * Records a batch of usage events for the caller's subscriptions (a merchant's own; an admin
 * operator's any). Partial by default: each event is accepted, a duplicate (same subscription
 * and id as an event already recorded — counted once, never again) or rejected with its reason,
 * and the valid ones are recorded even when others are not. Event ids make retries safe, so no
 * Idempotency-Key is needed: resending a whole batch after a timeout counts nothing twice.
 *
 * When every event is refused for `insufficient_reservation` the batch fails as a whole with
 * that code (HTTP 402): the merchant must stop serving at once. A batch in which only some
 * events ran out of reservation answers normally, those events rejected with that code.
 */
export async function recordUsage(
  deps: UsageDeps,
  actor: Principal,
  events: unknown,
  options: RecordUsageOptions = {},
): Promise<Result<UsageBatchResult, ApiError>> {
  const merchantId = reporterScope(actor);
  if (merchantId === undefined) return err(new ApiError("forbidden", "Only the merchant of a subscription (or an admin) reports its usage."));
  if (!Array.isArray(events) || events.length === 0 || events.length > USAGE_BATCH_EVENTS_MAX) {
    return err(new ApiError("validation_error", `events must be a list of 1 to ${USAGE_BATCH_EVENTS_MAX} usage events.`, "events"));
  }
  const nowMs = deps.clock.nowMs();
  const parsed = events.map((raw: unknown, index) => parseEvent(raw, index, nowMs));
  const batch = {
    merchantId,
    nowMs,
    settings: deps.settings,
    events: parsed,
    allOrNothing: options.allOrNothing === true,
    actor,
    requestId: options.requestId ?? null,
  };
  const result = await deps.ingestor.ingest(batch, newUsageBatchId());
  if (result.results.every((r) => r.error?.code === "insufficient_reservation")) {
    const message = `The subscription's reservation is used up: none of the ${result.rejected} events was recorded. Stop serving until the hold is topped up.`;
    return err(new ApiError("insufficient_reservation", message));
  }
  return ok(result);
}

/** The merchant whose subscriptions the caller may report for; null: any (admin); undefined: none. */
function reporterScope(actor: Principal): string | null | undefined {
  if (actor.type === "merchant") return actor.id;
  if (actor.type === "operator" && actor.role === "admin") return null;
  return undefined;
}
