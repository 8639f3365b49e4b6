import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import type { Actor } from "../parties/index.js";
import { recordEndpointEvent } from "./audit.js";
import { ownedEndpointRow } from "./read-endpoints.js";
import { newSecret } from "./secret.js";
import { endpointFromRow } from "./store.js";
import type { EndpointWithSecret, WebhookDeps } from "./types.js";

/**
 * A new signing secret, returned this once. For `previousTtlMs` the old one keeps signing too:
 * each delivery then carries both signatures (the Standard Webhooks header holds several), so
 * the receiver can switch secrets without dropping a single event.
 */
export async function rotateSecret(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  previousTtlMs: number | null,
): Promise<Result<EndpointWithSecret, ApiError>> {
  const nowMs = deps.clock.nowMs();
  const ttlMs = previousTtlMs ?? deps.settings.previousSecretTtlMs;
  const secret = newSecret();
  return deps.database.transaction(async (trx): Promise<Result<EndpointWithSecret, ApiError>> => {
    const row = await ownedEndpointRow(trx, actor.principal, id, deps.database.engine);
    if (!row.ok) return row;
    await trx
      .updateTable("webhook_endpoints")
      .set({
        secret,
        previous_secret: ttlMs > 0 ? row.value.secret : null,
        previous_secret_expires_at: ttlMs > 0 ? BigInt(nowMs + ttlMs) : null,
        updated_at: BigInt(nowMs),
      })
      .where("id", "=", id)
      .execute();
    const endpoint = { ...endpointFromRow(row.value), updatedAtMs: nowMs };
    await recordEndpointEvent(
      trx,
      endpoint,
      {
        actor: actor.principal,
        action: "secret_rotated",
        beforeStatus: endpoint.status,
        afterStatus: endpoint.status,
        requestId: actor.requestId,
        data: { previous_secret_expires_at: ttlMs > 0 ? Math.floor((nowMs + ttlMs) / 1000) : null },
      },
      nowMs,
    );
    return ok({ endpoint, secret });
  });
}
