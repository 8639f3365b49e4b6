/** The audit event of an endpoint's change. It is not a webhook event: endpoints never hear of themselves. */
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { Principal } from "../core/principal.js";
import type { Tables } from "../store/index.js";
import type { WebhookEndpoint } from "./types.js";

export const ENDPOINT_ACTIONS = ["created", "updated", "deleted", "secret_rotated", "failing", "recovered"] as const;
export type EndpointAction = (typeof ENDPOINT_ACTIONS)[number];

export async function recordEndpointEvent(
  trx: Kysely<Tables>,
  e: WebhookEndpoint,
  change: {
    readonly actor: Principal | null;
    readonly action: EndpointAction;
    readonly beforeStatus: string | null;
    readonly afterStatus: string | null;
    readonly requestId: string | null;
    readonly data?: Record<string, unknown>;
  },
  nowMs: number,
): Promise<void> {
  await recordAudit(
    trx,
    {
      actor: change.actor,
      action: `webhook_endpoint.${change.action}`,
      objectType: "webhook_endpoint",
      objectId: e.id,
      userId: e.ownerType === "user" ? e.ownerId : null,
      beforeStatus: change.beforeStatus,
      afterStatus: change.afterStatus,
      requestId: change.requestId,
      // Never the secret.
      data: { owner: e.ownerId, url: e.url, enabled_events: e.enabledEvents, ...change.data },
    },
    nowMs,
  );
}
