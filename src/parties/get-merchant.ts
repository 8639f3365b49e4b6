import type { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { denied, merchantReadAccess, notFound } from "./policy.js";
import { findMerchant } from "./store.js";
import type { Actor, Merchant, PartiesDeps } from "./types.js";

export async function getMerchant(deps: PartiesDeps, actor: Actor, id: string): Promise<Result<Merchant, ApiError>> {
  const access = merchantReadAccess(actor.principal, id);
  if (access !== "allow") return denied(access, "merchant", id, "id");
  const merchant = await findMerchant(deps.database.db, id);
  return merchant === undefined ? err(notFound("merchant", id, "id")) : ok(merchant);
}
