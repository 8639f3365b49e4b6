/**
 * Who may manage which endpoint: its owner (a user or a merchant), and admin operators for any
 * owner. Anyone else who may manage endpoints at all gets 404 for a foreign one, exactly as if it
 * did not exist; agents and other operators get 403.
 */
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { type Access, resolvePrincipal } from "../parties/index.js";
import type { OwnerType, WebhookDeps } from "./types.js";

export function endpointAccess(p: Principal, ownerId: string): Access {
  switch (p.type) {
    case "operator":
      return p.role === "admin" ? "allow" : "forbidden";
    case "user":
    case "merchant":
      return p.id === ownerId ? "allow" : "not_found";
    case "agent":
      return "forbidden";
  }
}

export const endpointNotFound = (id: string, param = "id") => new ApiError("not_found", `No such webhook endpoint: '${id}'.`, param);

/**
 * The owner of a new endpoint: the caller itself, or for an admin the user or merchant it names.
 * Naming someone else (or nobody that exists) answers 404.
 */
export async function ownerFor(
  deps: WebhookDeps,
  caller: Principal,
  ownerId: string | null,
): Promise<Result<{ type: OwnerType; id: string }, ApiError>> {
  if (caller.type === "user" || caller.type === "merchant") {
    if (ownerId !== null && ownerId !== caller.id) return err(new ApiError("not_found", `No such owner: '${ownerId}'.`, "owner"));
    return ok({ type: caller.type, id: caller.id });
  }
  if (caller.type !== "operator" || caller.role !== "admin") {
    return err(new ApiError("forbidden", "Only users, merchants and admin operators register webhook endpoints."));
  }
  if (ownerId === null) return err(new ApiError("validation_error", "An operator names the endpoint's owner (a user or merchant id).", "owner"));
  const owner = (await resolvePrincipal(deps.database, ownerId))?.principal;
  if (owner === undefined || (owner.type !== "user" && owner.type !== "merchant")) {
    return err(new ApiError("not_found", `No such user or merchant: '${ownerId}'.`, "owner"));
  }
  return ok({ type: owner.type, id: owner.id });
}
