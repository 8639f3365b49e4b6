import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import type { Actor } from "../parties/index.js";
import { recordEndpointEvent } from "./audit.js";
import type { WebhookEventType } from "./events.js";
import { ownedEndpointRow } from "./read-endpoints.js";
import { endpointFromRow } from "./store.js";
import type { WebhookDeps, WebhookEndpoint } from "./types.js";
import { urlRefusal } from "./url-policy.js";

export interface UpdateEndpointInput {
  readonly url?: string;
  readonly enabledEvents?: readonly (WebhookEventType | "*")[];
  readonly description?: string | null;
  /** `enabled` also ends `failing` (the owner says the receiver is fixed); `disabled` stops deliveries. */
  readonly status?: "enabled" | "disabled";
}

/** The owner (or an admin) changes an endpoint. Nothing changed: nothing written. */
export async function updateEndpoint(deps: WebhookDeps, actor: Actor, id: string, input: UpdateEndpointInput): Promise<Result<WebhookEndpoint, ApiError>> {
  if (input.url !== undefined) {
    const refusal = urlRefusal(input.url, deps.settings.targets);
    if (refusal !== null) return err(new ApiError("validation_error", `url ${refusal}.`, "url"));
  }
  const nowMs = deps.clock.nowMs();
  return deps.database.transaction(async (trx): Promise<Result<WebhookEndpoint, ApiError>> => {
    const row = await ownedEndpointRow(trx, actor.principal, id, deps.database.engine);
    if (!row.ok) return row;
    const before = endpointFromRow(row.value);
    const after: WebhookEndpoint = {
      ...before,
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.enabledEvents !== undefined ? { enabledEvents: [...input.enabledEvents] } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.status !== undefined ? { status: input.status, consecutiveFailures: 0 } : {}),
      updatedAtMs: nowMs,
    };
    const changed = [
      ...(after.url !== before.url ? ["url"] : []),
      ...(JSON.stringify(after.enabledEvents) !== JSON.stringify(before.enabledEvents) ? ["enabled_events"] : []),
      ...(after.description !== before.description ? ["description"] : []),
      ...(after.status !== before.status ? ["status"] : []),
    ];
    if (changed.length === 0) return ok(before);
    await trx
      .updateTable("webhook_endpoints")
      .set({
        url: after.url,
        enabled_events: JSON.stringify(after.enabledEvents),
        description: after.description,
        status: after.status,
        consecutive_failures: BigInt(after.consecutiveFailures),
        ...(after.status !== before.status ? { probe_after: null } : {}),
        updated_at: BigInt(nowMs),
      })
      .where("id", "=", id)
      .execute();
    await recordEndpointEvent(
      trx,
      after,
      { actor: actor.principal, action: "updated", beforeStatus: before.status, afterStatus: after.status, requestId: actor.requestId, data: { changed } },
      nowMs,
    );
    return ok(after);
  });
}
