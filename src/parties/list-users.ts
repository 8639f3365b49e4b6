import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { denied, operatorAccess } from "./policy.js";
import { listUsers as listUserRows } from "./store.js";
import type { Actor, Page, PageRequest, PartiesDeps, User } from "./types.js";

/** Operators list users, newest first. */
export async function listUsers(deps: PartiesDeps, actor: Actor, page: PageRequest): Promise<Result<Page<User>, ApiError>> {
  const access = operatorAccess(actor.principal);
  if (access !== "allow") return denied(access, "user", "");
  return ok(await listUserRows(deps.database.db, page));
}
