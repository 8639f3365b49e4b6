import type { Principal } from "../core/principal.js";
import { resolvePrincipal } from "../parties/index.js";
import { keyFromRow, findKeyRow } from "./store.js";
import type { ApiKey, KeysDeps } from "./types.js";

/** A stored key and the principal it acts as (agents carry their owner), or undefined. */
export async function findKeyWithOwner(deps: KeysDeps, id: string): Promise<{ key: ApiKey; owner: Principal } | undefined> {
  const row = await findKeyRow(deps.database.db, id);
  if (row === undefined) return undefined;
  const owner = (await resolvePrincipal(deps.database, row.principal_id))?.principal;
  return owner === undefined ? undefined : { key: keyFromRow(row), owner };
}
