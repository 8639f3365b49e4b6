import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import type { Actor } from "../parties/index.js";
import { recordEndpointEvent } from "./audit.js";
import { ownedEndpointRow } from "./read-endpoints.js";
import { endpointFromRow } from "./store.js";
import type { WebhookDeps } from "./types.js";

/**
 * Deletes an endpoint and its deliveries (pending ones are never sent). The audit event keeps
 * what it was. An attempt in flight at that moment finishes, and its result is discarded.
 */
export async function deleteEndpoint(deps: WebhookDeps, actor: Actor, id: string): Promise<Result<{ id: string }, ApiError>> {
  const nowMs = deps.clock.nowMs();
  return deps.database.transaction(async (trx): Promise<Result<{ id: string }, ApiError>> => {
    const row = await ownedEndpointRow(trx, actor.principal, id, deps.database.engine);
    if (!row.ok) return row;
    const endpoint = endpointFromRow(row.value);
    await trx.deleteFrom("webhook_deliveries").where("endpoint_id", "=", id).execute();
    await trx.deleteFrom("webhook_endpoints").where("id", "=", id).execute();
    await recordEndpointEvent(
      trx,
      endpoint,
      { actor: actor.principal, action: "deleted", beforeStatus: endpoint.status, afterStatus: null, requestId: actor.requestId },
      nowMs,
    );
    return ok({ id });
  });
}
