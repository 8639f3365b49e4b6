import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import type { Actor } from "../parties/index.js";
import { claimOf, recordOutcome } from "./deliver.js";
import { ownedEndpointRow } from "./read-endpoints.js";
import { sendMessage } from "./send.js";
import { claimLeaseMs } from "./settings.js";
import { deliveryFromRow, findDeliveryRow } from "./store.js";
import type { WebhookDelivery, WebhookDeps } from "./types.js";

/**
 * Sends a delivery again now, whatever its status and the endpoint's, with the same
 * `webhook-id` and body (a fresh timestamp and signature), and answers with the result. The
 * attempt counts like any other: a failure goes on with the retry schedule (or leaves the
 * delivery `failed` when the schedule is spent); a success revives a failing endpoint.
 */
export async function replayDelivery(deps: WebhookDeps, actor: Actor, endpointId: string, deliveryId: string): Promise<Result<WebhookDelivery, ApiError>> {
  const endpoint = await ownedEndpointRow(deps.database.db, actor.principal, endpointId);
  if (!endpoint.ok) return endpoint;
  const nowMs = deps.clock.nowMs();
  const until = nowMs + claimLeaseMs(deps.settings);
  // Taking the claim also voids any claim a worker holds: its late result will not be recorded.
  const row = await deps.database.transaction(async (trx) => {
    const updated = await trx
      .updateTable("webhook_deliveries")
      .set({ status: "pending", next_attempt_at: BigInt(until), updated_at: BigInt(nowMs) })
      .where("id", "=", deliveryId)
      .where("endpoint_id", "=", endpointId)
      .executeTakeFirst();
    return updated.numUpdatedRows === 0n ? undefined : findDeliveryRow(trx, endpointId, deliveryId);
  });
  if (row === undefined) return err(new ApiError("not_found", `No such webhook delivery: '${deliveryId}'.`, "delivery_id"));
  const e = endpoint.value;
  const claim = claimOf({ ...row, url: e.url, secret: e.secret, previous_secret: e.previous_secret, previous_secret_expires_at: e.previous_secret_expires_at }, until, nowMs);
  const outcome = await sendMessage(claim.message, {
    timeoutMs: deps.settings.requestTimeoutMs,
    targets: deps.settings.targets,
    stop: new AbortController().signal,
    nowMs: deps.clock.nowMs(),
  });
  if (outcome.kind !== "aborted") await recordOutcome(deps, claim, outcome);
  const after = await findDeliveryRow(deps.database.db, endpointId, deliveryId);
  return after === undefined ? err(new ApiError("not_found", `No such webhook delivery: '${deliveryId}'.`, "delivery_id")) : ok(deliveryFromRow(after));
}
