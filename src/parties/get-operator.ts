import type { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { denied, notFound, operatorReadAccess } from "./policy.js";
import { findOperator } from "./store.js";
import type { Actor, Operator, PartiesDeps } from "./types.js";

export async function getOperator(deps: PartiesDeps, actor: Actor, id: string): Promise<Result<Operator, ApiError>> {
  const access = operatorReadAccess(actor.principal, id);
  if (access !== "allow") return denied(access, "operator", id, "id");
  const operator = await findOperator(deps.database.db, id);
  return operator === undefined ? err(notFound("operator", id, "id")) : ok(operator);
}
