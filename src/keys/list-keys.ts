import { assert } from "../core/assert.js";
import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { denied, type Page, type PageRequest, resolvePrincipal } from "../parties/index.js";
import { keyManageAccess, NOBODY } from "./policy.js";
import { keyFromRow, type KeyListScope, listKeyRows } from "./store.js";
import type { ApiKey, KeyCaller, KeysDeps } from "./types.js";

/**
 * Keys newest first, never their secrets. Without `principalId`: an admin sees every key, a user
 * its own and its agents', a merchant its own. With it: that principal's keys, if the caller may
 * manage them (otherwise the principal "does not exist").
 */
export async function listKeys(
  deps: KeysDeps,
  caller: KeyCaller,
  principalId: string | null,
  page: PageRequest,
): Promise<Result<Page<ApiKey>, ApiError>> {
  const scope = await listScope(deps, caller, principalId);
  if (!scope.ok) return scope;
  const { rows, hasMore } = await listKeyRows(deps.database.db, scope.value, page);
  return ok({ data: rows.map(keyFromRow), hasMore });
}

async function listScope(deps: KeysDeps, caller: KeyCaller, principalId: string | null): Promise<Result<KeyListScope, ApiError>> {
  const p = caller.principal;
  if (principalId !== null) {
    const owner = (await resolvePrincipal(deps.database, principalId))?.principal;
    const access = keyManageAccess(p, owner ?? NOBODY);
    if (access !== "allow") return denied(access, "principal", principalId, "principal");
    if (owner === undefined) return denied("not_found", "principal", principalId, "principal");
    return ok({ kind: "principal", principalId });
  }
  const access = keyManageAccess(p, p);
  if (access !== "allow") return denied(access, "API key", "", "principal");
  if (p.type === "operator") return ok({ kind: "all" });
  if (p.type === "user") return ok({ kind: "user_and_agents", userId: p.id });
  assert(p.type === "merchant", "only admins, users and merchants manage keys");
  return ok({ kind: "principal", principalId: p.id });
}
