import { recordAudit } from "../audit/index.js";
import { assert } from "../core/assert.js";
import { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { denied, principalPrefixOf, resolvePrincipal } from "../parties/index.js";
import { grantRefusal, keyManageAccess, NOBODY, userOf } from "./policy.js";
import { allowedScopes, defaultScopes, type Scope, sortedScopes } from "./scopes.js";
import { hashSecret, newSecret, prefixOf } from "./secret.js";
import type { ApiKey, CreatedKey, KeyCaller, KeyId, KeysDeps } from "./types.js";

export interface CreateKeyInput {
  /** The user, agent, merchant or operator the key acts as. */
  readonly principalId: string;
  /** Null: every scope the principal may have (narrowed to the caller's own for self-issued keys). */
  readonly scopes: readonly Scope[] | null;
  readonly name: string | null;
}

/**
 * Issues an API key. The secret is returned here once and only its hash is stored. Admins issue
 * keys to anyone (that is how a user or merchant gets its first key); users to themselves and
 * their agents; merchants to themselves.
 */
export async function createKey(deps: KeysDeps, caller: KeyCaller, input: CreateKeyInput): Promise<Result<CreatedKey, ApiError>> {
  const owner = (await resolvePrincipal(deps.database, input.principalId))?.principal;
  const access = keyManageAccess(caller.principal, owner ?? NOBODY);
  if (access !== "allow") return denied(access, "principal", input.principalId, "principal");
  if (owner === undefined) return denied("not_found", "principal", input.principalId, "principal");
  const scopes = scopesFor(caller, owner, input.scopes);
  if (!scopes.ok) return scopes;
  const prefix = principalPrefixOf(owner.id);
  assert(prefix !== null, "a resolved principal has a principal id");
  const secret = newSecret(prefix);
  const key: ApiKey = {
    id: newId("key") as KeyId,
    prefix: prefixOf(secret),
    principalType: owner.type,
    principalId: owner.id,
    scopes: scopes.value,
    name: input.name,
    createdAtMs: deps.clock.nowMs(),
    revokedAtMs: null,
  };
  await deps.database.transaction(async (trx) => {
    await trx
      .insertInto("api_keys")
      .values({
        id: key.id,
        prefix: key.prefix,
        secret_hash: hashSecret(secret),
        principal_type: key.principalType,
        principal_id: key.principalId,
        scopes: JSON.stringify(key.scopes),
        name: key.name,
        created_at: BigInt(key.createdAtMs),
        revoked_at: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        actor: caller.principal,
        action: "api_key.created",
        objectType: "api_key",
        objectId: key.id,
        userId: userOf(owner),
        afterStatus: "active",
        requestId: caller.requestId,
        data: { principal_type: owner.type, principal_id: owner.id, prefix: key.prefix, scopes: key.scopes },
      },
      key.createdAtMs,
    );
  });
  return ok({ key, secret });
}

function scopesFor(caller: KeyCaller, owner: Principal, requested: readonly Scope[] | null): Result<Scope[], ApiError> {
  const allowed = allowedScopes(owner);
  const p = caller.principal;
  const selfIssued = p.type === owner.type && p.id === owner.id && !(p.type === "operator" && p.role === "admin");
  // Omitted scopes: all the owner may have, narrowed to the caller's own for a self-issued key.
  const scopes = requested ?? defaultScopes(owner).filter((s) => !selfIssued || caller.scopes.has(s));
  const foreign = scopes.find((s) => !allowed.has(s));
  if (foreign !== undefined) {
    const who = owner.type === "operator" ? `an operator with role ${owner.role}` : `a ${owner.type}`;
    return err(new ApiError("validation_error", `A key of ${who} may not have the scope ${foreign}.`, "scopes"));
  }
  const refusal = grantRefusal(caller, owner, scopes);
  return refusal === null ? ok(sortedScopes(scopes)) : err(refusal);
}
