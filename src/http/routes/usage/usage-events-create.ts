import { ApiError } from "../../../core/errors.js";
import { presentUsageBatch, recordUsage, USAGE_BATCH_EVENTS_MAX, usageBatchBody, usageBatchObject } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

/** 1,000 events with properties of up to 4,096 characters each, and their envelopes. */
export const USAGE_BODY_BYTES_MAX = 5 * 1_048_576;

interface UsageBatchRequest {
  readonly events: unknown[];
  readonly all_or_nothing?: boolean;
}

/**
 * The body's envelope only. Each event is checked by the use case, which rejects a malformed
 * event on its own (a per-event result) instead of failing the batch, and does so by hand: a
 * schema walk over 1,000 events per request costs more than recording them.
 */
function validateEnvelope(body: unknown): { value: UsageBatchRequest } | { error: ApiError } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { error: new ApiError("validation_error", "The body must be an object with `events`.") };
  const b = body as Record<string, unknown>;
  for (const key in b) {
    if (key !== "events" && key !== "all_or_nothing") return { error: new ApiError("validation_error", `Unknown field ${key.slice(0, 64)}.`, key.slice(0, 64)) };
  }
  if (!Array.isArray(b.events) || b.events.length === 0 || b.events.length > USAGE_BATCH_EVENTS_MAX) {
    return { error: new ApiError("validation_error", `events must be a list of 1 to ${USAGE_BATCH_EVENTS_MAX} usage events.`, "events") };
  }
  if (b.all_or_nothing !== undefined && typeof b.all_or_nothing !== "boolean") {
    return { error: new ApiError("validation_error", "all_or_nothing must be a boolean.", "all_or_nothing") };
  }
  return { value: b as unknown as UsageBatchRequest };
}

export function recordUsageRoute(app: AppInstance): void {
  app.post(
    "/v1/usage_events",
    {
      bodyLimit: USAGE_BODY_BYTES_MAX,
      onRequest: requireAccess({ scope: "usage:write", types: ["merchant", "operator"], operatorRoles: ["admin"] }),
      // The documented schema stays `usageBatchBody` (OpenAPI, SDK); the check is the envelope's.
      validatorCompiler: ({ httpPart }) => (data: unknown) => (httpPart === "body" ? validateEnvelope(data) : { value: data }),
      // The batch object is built by the use case with a fixed shape: plain JSON, no per-result schema walk.
      serializerCompiler: () => (data: unknown) => JSON.stringify(data),
      schema: {
        summary: "Report usage events (1 to 1,000 per request)",
        description:
          "Records metered usage for your subscriptions. Each event has your `id` (unique per subscription), the " +
          "`subscription_id`, the meter's event `type`, a `timestamp` in Unix seconds (up to 3 decimals; default now) that " +
          "must fall in the subscription's current period and within 35 days before and 5 minutes after now, and its " +
          "`properties`. The batch is partial: every event gets a result — `accepted`, `duplicate` (an event with this id " +
          "was recorded before, in this batch or days ago: it is never counted twice) or `rejected` with a reason code " +
          "(period_closed, period_not_open, timestamp_out_of_range, meter_not_found, usage_limit_reached, " +
          "insufficient_reservation, validation_error…) — and valid events are recorded even when others are not " +
          "(`all_or_nothing: true` records none unless all are valid). No Idempotency-Key is needed: event ids make a " +
          "resent batch safe. Reserve mode is a hard cap: usage the period's reservation does not cover is rejected with " +
          "`insufficient_reservation`, and when that is so for every event of the batch the answer is 402 with that code — " +
          "stop serving the customer.",
        tags: ["usage"],
        body: usageBatchBody,
        response: { 200: usageBatchObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const body = request.body as unknown as UsageBatchRequest;
      const options = { allOrNothing: body.all_or_nothing === true, requestId };
      return presentUsageBatch(unwrap(await recordUsage(app.deps.usage, principal, body.events, options)));
    },
  );
}
