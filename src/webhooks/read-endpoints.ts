import type { Kysely } from "kysely";
import type { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { denied, type Page, type PageRequest, resolvePrincipal } from "../parties/index.js";
import type { Engine, Tables, WebhookEndpointRow } from "../store/index.js";
import { endpointAccess, endpointNotFound } from "./access.js";
import { endpointFromRow, findEndpointRow } from "./store.js";
import type { WebhookDeps, WebhookEndpoint } from "./types.js";

/**
 * The endpoint if the caller may manage it. A foreign endpoint is judged by its real owner, a
 * missing one as nobody's: both answer 404 to users and merchants, 403 to agents.
 */
export async function ownedEndpointRow(
  db: Kysely<Tables>,
  principal: Principal,
  id: string,
  lockFor: Engine | null = null,
): Promise<Result<WebhookEndpointRow, ApiError>> {
  const row = await findEndpointRow(db, id, lockFor);
  const access = endpointAccess(principal, row?.owner_id ?? "");
  if (access !== "allow") return denied(access, "webhook endpoint", id, "id");
  return row === undefined ? err(endpointNotFound(id)) : ok(row);
}

export async function getEndpoint(deps: WebhookDeps, principal: Principal, id: string): Promise<Result<WebhookEndpoint, ApiError>> {
  const row = await ownedEndpointRow(deps.database.db, principal, id);
  return row.ok ? ok(endpointFromRow(row.value)) : row;
}

/** Newest first. Users and merchants see their own; admins all, or one owner's with `ownerId`. */
export async function listEndpoints(
  deps: WebhookDeps,
  principal: Principal,
  ownerId: string | null,
  page: PageRequest,
): Promise<Result<Page<WebhookEndpoint>, ApiError>> {
  const scope = await listScope(deps, principal, ownerId);
  if (!scope.ok) return scope;
  const owner = scope.value;
  let q = deps.database.db.selectFrom("webhook_endpoints").selectAll().orderBy("id", "desc").limit(page.limit + 1);
  if (owner !== null) q = q.where("owner_id", "=", owner);
  if (page.startingAfter !== null) q = q.where("id", "<", page.startingAfter);
  const rows = await q.execute();
  return ok({ data: rows.slice(0, page.limit).map(endpointFromRow), hasMore: rows.length > page.limit });
}

/** Whose endpoints a listing covers: one owner's, or (null) everybody's for an admin. */
async function listScope(deps: WebhookDeps, principal: Principal, ownerId: string | null): Promise<Result<string | null, ApiError>> {
  if (principal.type === "user" || principal.type === "merchant") {
    return ownerId === null || ownerId === principal.id ? ok(principal.id) : denied("not_found", "owner", ownerId, "owner");
  }
  if (endpointAccess(principal, "") === "forbidden") return denied("forbidden", "webhook endpoint", "", "owner");
  if (ownerId !== null && (await resolvePrincipal(deps.database, ownerId)) === undefined) return denied("not_found", "owner", ownerId, "owner");
  return ok(ownerId);
}
