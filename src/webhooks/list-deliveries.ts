import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import type { Principal } from "../core/principal.js";
import type { Page, PageRequest } from "../parties/index.js";
import { ownedEndpointRow } from "./read-endpoints.js";
import { deliveryFromRow } from "./store.js";
import type { DeliveryStatus, WebhookDelivery, WebhookDeps } from "./types.js";

/** An endpoint's deliveries, newest first, for its owner (or an admin). */
export async function listDeliveries(
  deps: WebhookDeps,
  principal: Principal,
  endpointId: string,
  status: DeliveryStatus | null,
  page: PageRequest,
): Promise<Result<Page<WebhookDelivery>, ApiError>> {
  const endpoint = await ownedEndpointRow(deps.database.db, principal, endpointId);
  if (!endpoint.ok) return endpoint;
  let q = deps.database.db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("endpoint_id", "=", endpointId)
    .orderBy("id", "desc")
    .limit(page.limit + 1);
  if (status !== null) q = q.where("status", "=", status);
  if (page.startingAfter !== null) q = q.where("id", "<", page.startingAfter);
  const rows = await q.execute();
  return ok({ data: rows.slice(0, page.limit).map(deliveryFromRow), hasMore: rows.length > page.limit });
}
