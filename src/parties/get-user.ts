import type { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { denied, notFound, userReadAccess } from "./policy.js";
import { findUser } from "./store.js";
import type { Actor, PartiesDeps, User } from "./types.js";

export async function getUser(deps: PartiesDeps, actor: Actor, id: string): Promise<Result<User, ApiError>> {
  const access = userReadAccess(actor.principal, id);
  if (access !== "allow") return denied(access, "user", id, "id");
  const user = await findUser(deps.database.db, id);
  return user === undefined ? err(notFound("user", id, "id")) : ok(user);
}
