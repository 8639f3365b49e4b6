import { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { err, ok, type Result } from "../core/result.js";
import type { Actor } from "../parties/index.js";
import { ownerFor } from "./access.js";
import { recordEndpointEvent } from "./audit.js";
import type { WebhookEventType } from "./events.js";
import { newSecret } from "./secret.js";
import type { EndpointWithSecret, WebhookDeps, WebhookEndpoint } from "./types.js";
import { urlRefusal } from "./url-policy.js";

/** Endpoints one owner may have: each event is signed and sent once per endpoint. */
export const ENDPOINTS_PER_OWNER_MAX = 16;

export interface CreateEndpointInput {
  readonly url: string;
  readonly enabledEvents: readonly (WebhookEventType | "*")[];
  readonly description: string | null;
  readonly ownerId: string | null;
}

/** Registers an endpoint and returns its signing secret, this once. It hears of events from now on. */
export async function createEndpoint(deps: WebhookDeps, actor: Actor, input: CreateEndpointInput): Promise<Result<EndpointWithSecret, ApiError>> {
  const owner = await ownerFor(deps, actor.principal, input.ownerId);
  if (!owner.ok) return owner;
  const refusal = urlRefusal(input.url, deps.settings.targets);
  if (refusal !== null) return err(new ApiError("validation_error", `url ${refusal}.`, "url"));
  const nowMs = deps.clock.nowMs();
  const endpoint: WebhookEndpoint = {
    id: newId("whe"),
    ownerType: owner.value.type,
    ownerId: owner.value.id,
    url: input.url,
    description: input.description,
    enabledEvents: [...input.enabledEvents],
    status: "enabled",
    consecutiveFailures: 0,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  const secret = newSecret();
  return deps.database.transaction(async (trx): Promise<Result<EndpointWithSecret, ApiError>> => {
    const { count } = await trx
      .selectFrom("webhook_endpoints")
      .select((eb) => eb.fn.countAll<bigint | number>().as("count"))
      .where("owner_id", "=", endpoint.ownerId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= ENDPOINTS_PER_OWNER_MAX) {
      return err(new ApiError("validation_error", `An owner may have at most ${ENDPOINTS_PER_OWNER_MAX} webhook endpoints.`, "url"));
    }
    await trx
      .insertInto("webhook_endpoints")
      .values({
        id: endpoint.id,
        owner_type: endpoint.ownerType,
        owner_id: endpoint.ownerId,
        url: endpoint.url,
        description: endpoint.description,
        enabled_events: JSON.stringify(endpoint.enabledEvents),
        status: endpoint.status,
        secret,
        previous_secret: null,
        previous_secret_expires_at: null,
        consecutive_failures: 0n,
        probe_after: null,
        created_at: BigInt(nowMs),
        updated_at: BigInt(nowMs),
      })
      .execute();
    await recordEndpointEvent(trx, endpoint, { actor: actor.principal, action: "created", beforeStatus: null, afterStatus: "enabled", requestId: actor.requestId }, nowMs);
    return ok({ endpoint, secret });
  });
}
