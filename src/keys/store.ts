import type { Kysely } from "kysely";
import { assert } from "../core/assert.js";
import type { PrincipalType } from "../core/principal.js";
import type { PageRequest } from "../parties/index.js";
import type { ApiKeyRow, Tables } from "../store/index.js";
import { parseScopes } from "./scopes.js";
import type { ApiKey, KeyId } from "./types.js";

type Db = Kysely<Tables>;

const PRINCIPAL_TYPES: readonly PrincipalType[] = ["user", "agent", "merchant", "operator"];

export function keyFromRow(r: ApiKeyRow): ApiKey {
  assert((PRINCIPAL_TYPES as readonly string[]).includes(r.principal_type), `stored key ${r.id} has principal type '${r.principal_type}'`);
  return {
    id: r.id as KeyId,
    prefix: r.prefix,
    principalType: r.principal_type as PrincipalType,
    principalId: r.principal_id,
    scopes: parseScopes(r.scopes),
    name: r.name,
    createdAtMs: Number(r.created_at),
    revokedAtMs: r.revoked_at === null ? null : Number(r.revoked_at),
  };
}

export async function findKeyRow(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findKeyRowBySecretHash(db: Db, secretHash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom("api_keys").selectAll().where("secret_hash", "=", secretHash).executeTakeFirst();
}

/** Which keys a listing covers. */
export type KeyListScope =
  | { readonly kind: "all" }
  | { readonly kind: "principal"; readonly principalId: string }
  | { readonly kind: "user_and_agents"; readonly userId: string };

/** Keys newest first; ids are ULIDs, so the cursor is an id. */
export async function listKeyRows(
  db: Db,
  scope: KeyListScope,
  page: PageRequest,
): Promise<{ rows: ApiKeyRow[]; hasMore: boolean }> {
  let q = db.selectFrom("api_keys").selectAll().orderBy("id", "desc").limit(page.limit + 1);
  if (page.startingAfter !== null) q = q.where("id", "<", page.startingAfter);
  if (scope.kind === "principal") q = q.where("principal_id", "=", scope.principalId);
  if (scope.kind === "user_and_agents") {
    const { userId } = scope;
    q = q.where((eb) =>
      eb.or([
        eb("principal_id", "=", userId),
        eb("principal_id", "in", eb.selectFrom("agents").select("agents.id").where("agents.user_id", "=", userId)),
      ]),
    );
  }
  const rows = await q.execute();
  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}
