import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { adminAccess, denied } from "./policy.js";
import { listOperators as listOperatorRows } from "./store.js";
import type { Actor, Operator, Page, PageRequest, PartiesDeps } from "./types.js";

/** Admins list operators, newest first. */
export async function listOperators(
  deps: PartiesDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Result<Page<Operator>, ApiError>> {
  const access = adminAccess(actor.principal);
  if (access !== "allow") return denied(access, "operator", "");
  return ok(await listOperatorRows(deps.database.db, page));
}
