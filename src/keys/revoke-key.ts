import { recordAudit } from "../audit/index.js";
import { assert } from "../core/assert.js";
import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { denied } from "../parties/index.js";
import { findKeyWithOwner } from "./owner.js";
import { keyManageAccess, NOBODY, userOf } from "./policy.js";
import { findKeyRow, keyFromRow } from "./store.js";
import type { ApiKey, KeyCaller, KeysDeps } from "./types.js";

/**
 * Revokes a key. Authentication reads the key on every request, so the revocation holds from
 * the next request on, in every process. Revoking a revoked key changes and records nothing.
 */
export async function revokeKey(deps: KeysDeps, caller: KeyCaller, id: string): Promise<Result<ApiKey, ApiError>> {
  const found = await findKeyWithOwner(deps, id);
  const access = keyManageAccess(caller.principal, found?.owner ?? NOBODY);
  if (access !== "allow") return denied(access, "API key", id, "id");
  if (found === undefined) return denied("not_found", "API key", id, "id");
  const { owner } = found;
  const nowMs = deps.clock.nowMs();
  return deps.database.transaction(async (trx): Promise<Result<ApiKey, ApiError>> => {
    const revoked = await trx
      .updateTable("api_keys")
      .set({ revoked_at: BigInt(nowMs) })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    const row = await findKeyRow(trx, id);
    assert(row !== undefined, "a key found a moment ago still exists: keys are never deleted");
    if (revoked.numUpdatedRows === 0n) return ok(keyFromRow(row));
    await recordAudit(
      trx,
      {
        actor: caller.principal,
        action: "api_key.revoked",
        objectType: "api_key",
        objectId: id,
        userId: userOf(owner),
        beforeStatus: "active",
        afterStatus: "revoked",
        requestId: caller.requestId,
        data: { principal_type: owner.type, principal_id: owner.id, prefix: row.prefix },
      },
      nowMs,
    );
    return ok(keyFromRow(row));
  });
}
