import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { denied } from "../parties/index.js";
import { findKeyWithOwner } from "./owner.js";
import { keyManageAccess, NOBODY } from "./policy.js";
import type { ApiKey, KeyCaller, KeysDeps } from "./types.js";

/** A key as listed (never its secret), to whoever may manage its principal's keys. */
export async function getKey(deps: KeysDeps, caller: KeyCaller, id: string): Promise<Result<ApiKey, ApiError>> {
  const found = await findKeyWithOwner(deps, id);
  const access = keyManageAccess(caller.principal, found?.owner ?? NOBODY);
  if (access !== "allow") return denied(access, "API key", id, "id");
  return found === undefined ? denied("not_found", "API key", id, "id") : ok(found.key);
}
