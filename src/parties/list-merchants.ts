import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { denied, operatorAccess } from "./policy.js";
import { listMerchants as listMerchantRows } from "./store.js";
import type { Actor, Merchant, Page, PageRequest, PartiesDeps } from "./types.js";

/** Operators list merchants, newest first. */
export async function listMerchants(
  deps: PartiesDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Result<Page<Merchant>, ApiError>> {
  const access = operatorAccess(actor.principal);
  if (access !== "allow") return denied(access, "merchant", "");
  return ok(await listMerchantRows(deps.database.db, page));
}
