/**
 * Who may manage whose keys. Admins: anyone's. A user: its own and its agents'. A merchant: its
 * own. Agents and non-admin operators never manage keys (403). A principal outside the caller's
 * reach answers 404, as if it did not exist.
 */
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import type { Access } from "../parties/index.js";
import type { Scope } from "./scopes.js";
import type { KeyCaller } from "./types.js";

export function keyManageAccess(caller: Principal, owner: Principal): Access {
  switch (caller.type) {
    case "operator":
      return caller.role === "admin" ? "allow" : "forbidden";
    case "user":
      return (owner.type === "user" && owner.id === caller.id) || (owner.type === "agent" && owner.userId === caller.id)
        ? "allow"
        : "not_found";
    case "merchant":
      return owner.type === "merchant" && owner.id === caller.id ? "allow" : "not_found";
    case "agent":
      return "forbidden";
  }
}

/**
 * A key cannot mint a more powerful key. Admins grant anything the owner may have. Otherwise a
 * key for oneself may carry only scopes the calling key holds, and a key for one's agent needs
 * `agents:write` on the calling key. Returns the refusal, or null.
 */
export function grantRefusal(caller: KeyCaller, owner: Principal, scopes: readonly Scope[]): ApiError | null {
  const p = caller.principal;
  if (p.type === "operator" && p.role === "admin") return null;
  if (owner.type === "agent") {
    return caller.scopes.has("agents:write")
      ? null
      : new ApiError("forbidden", "Issuing a key for an agent needs a key with agents:write.", "principal");
  }
  const missing = scopes.filter((s) => !caller.scopes.has(s));
  return missing.length === 0
    ? null
    : new ApiError("forbidden", `This key cannot grant scopes it does not hold: ${missing.join(", ")}.`, "scopes");
}

/**
 * Stands in for a principal that does not exist: only an admin reaches it (and then finds
 * nothing), so whether a caller gets 403 or 404 never depends on whether the id exists.
 */
export const NOBODY: Principal = { type: "merchant", id: "" };

/** The user an owner's activity belongs to, for the audit trail. */
export const userOf = (owner: Principal): string | null =>
  owner.type === "user" ? owner.id : owner.type === "agent" ? owner.userId : null;
