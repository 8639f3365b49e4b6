import { createHash, timingSafeEqual } from "node:crypto";
import { ApiError } from "../core/errors.js";
import { ReadBatcher } from "../core/read-batcher.js";
import { err, ok, type Result } from "../core/result.js";
import { resolvePrincipal } from "../parties/index.js";
import type { ApiKeyRow, Database } from "../store/index.js";
import { ALL_SCOPES, BOOTSTRAP_OPERATOR } from "./builtin.js";
import { allowedScopes, parseScopes } from "./scopes.js";
import { hashSecret, SECRET_PATTERN } from "./secret.js";
import type { Authenticated, KeyId } from "./types.js";

export interface AuthenticateDeps {
  readonly database: Database;
  /** The `AGENTPAY_OPERATOR_KEY` bootstrap key, acting as a built-in admin; null when unset. */
  readonly operatorKey: string | null;
}

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();
const invalid = () => err(new ApiError("unauthenticated", "Invalid API key."));

type KeyRow = Pick<ApiKeyRow, "id" | "principal_type" | "principal_id" | "scopes" | "revoked_at" | "secret_hash">;

/** Per database, the key lookups asked for in one turn, by secret hash: one query for all of them. */
const keyReads = new WeakMap<Database, ReadBatcher<KeyRow>>();

function keyByHash(database: Database, secretHash: string): Promise<KeyRow | undefined> {
  let reads = keyReads.get(database);
  if (reads === undefined) {
    reads = new ReadBatcher(async (hashes) => {
      const rows = await database.db
        .selectFrom("api_keys")
        .select(["id", "principal_type", "principal_id", "scopes", "revoked_at", "secret_hash"])
        .where("secret_hash", "in", hashes)
        .execute();
      return new Map(rows.map((r) => [r.secret_hash, r]));
    });
    keyReads.set(database, reads);
  }
  return reads.load(secretHash);
}

/**
 * Resolves a bearer secret to the principal it acts as and the key's scopes. Nothing is cached:
 * each call reads the key and its principal, so a revocation or a suspension made by any process
 * holds from the next request on. Two indexed lookups per call; concurrent calls share the first
 * (ReadBatcher).
 */
export async function authenticate(deps: AuthenticateDeps, secret: string): Promise<Result<Authenticated, ApiError>> {
  if (deps.operatorKey !== null && timingSafeEqual(digest(secret), digest(deps.operatorKey))) {
    return ok({ principal: BOOTSTRAP_OPERATOR, scopes: ALL_SCOPES, keyId: null });
  }
  if (!SECRET_PATTERN.test(secret)) return invalid();
  const row = await keyByHash(deps.database, hashSecret(secret));
  if (row === undefined) return invalid();
  if (row.revoked_at !== null) return err(new ApiError("unauthenticated", "This API key has been revoked."));
  const record = await resolvePrincipal(deps.database, row.principal_id);
  if (record === undefined || record.principal.type !== row.principal_type) return invalid();
  if (record.inactiveReason !== null) return err(new ApiError("forbidden", record.inactiveReason));
  // Intersect with what the principal may hold today (an operator's role may have changed).
  const allowed = allowedScopes(record.principal);
  const scopes = new Set(parseScopes(row.scopes).filter((s) => allowed.has(s)));
  return ok({ principal: record.principal, scopes, keyId: row.id as KeyId });
}
