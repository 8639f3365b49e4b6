/**
 * Who may touch which party, object by object. The rule throughout: a principal type that can
 * never act on a kind of object gets `forbidden` (403); a principal that may act on some objects
 * of that kind but not on this one gets `not_found` (404), exactly as if the object did not
 * exist, so nothing about a foreign object leaks.
 *
 * | object   | read                                     | write                                            |
 * |----------|------------------------------------------|--------------------------------------------------|
 * | user     | operators; the user itself               | admin (all fields); the user itself (profile)    |
 * | agent    | operators; its owner; the agent itself   | admin, owner; risk may also suspend/reactivate   |
 * | merchant | operators; the merchant itself           | admin                                            |
 * | operator | admin; the operator itself               | admin                                            |
 */
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, type Result } from "../core/result.js";

export type Access = "allow" | "forbidden" | "not_found";

const isAdmin = (p: Principal): boolean => p.type === "operator" && p.role === "admin";

export function userReadAccess(p: Principal, userId: string): Access {
  switch (p.type) {
    case "operator":
      return "allow";
    case "user":
      return p.id === userId ? "allow" : "not_found";
    default:
      return "forbidden";
  }
}

/** Fields only an admin may change on a user: they govern limits, residency and access. */
export const USER_ADMIN_FIELDS = ["kycLevel", "residencyRegion", "status"] as const;

export function userWriteAccess(p: Principal, userId: string, adminFieldsTouched: boolean): Access {
  const read = userReadAccess(p, userId);
  if (read !== "allow") return read;
  if (isAdmin(p)) return "allow";
  return p.type === "user" && !adminFieldsTouched ? "allow" : "forbidden";
}

export function agentReadAccess(p: Principal, agent: { id: string; userId: string }): Access {
  switch (p.type) {
    case "operator":
      return "allow";
    case "user":
      return p.id === agent.userId ? "allow" : "not_found";
    case "agent":
      return p.id === agent.id ? "allow" : "not_found";
    case "merchant":
      return "forbidden";
  }
}

/**
 * A missing agent is judged as one that belongs to nobody: whether the caller gets 403 or 404
 * then depends on who asks, never on whether the id exists.
 */
export const NOBODYS_AGENT = { id: "", userId: "" } as const;

export type AgentChange = "update" | "status";

export function agentWriteAccess(p: Principal, agent: { id: string; userId: string }, change: AgentChange): Access {
  const read = agentReadAccess(p, agent);
  if (read !== "allow") return read;
  if (isAdmin(p) || (p.type === "user" && p.id === agent.userId)) return "allow";
  return change === "status" && p.type === "operator" && p.role === "risk" ? "allow" : "forbidden";
}

/** Creating an agent for `userId`: the user itself, or an admin. */
export function agentCreateAccess(p: Principal, userId: string): Access {
  if (isAdmin(p)) return "allow";
  if (p.type === "user") return p.id === userId ? "allow" : "not_found";
  return "forbidden";
}

/** Listing agents: operators see all, a user its own; others never list agents. */
export function agentListAccess(p: Principal, userFilter: string | null): Access {
  if (p.type === "operator") return "allow";
  if (p.type === "user") return userFilter === null || userFilter === p.id ? "allow" : "not_found";
  return "forbidden";
}

export function merchantReadAccess(p: Principal, merchantId: string): Access {
  switch (p.type) {
    case "operator":
      return "allow";
    case "merchant":
      return p.id === merchantId ? "allow" : "not_found";
    default:
      return "forbidden";
  }
}

export function merchantWriteAccess(p: Principal, merchantId: string): Access {
  const read = merchantReadAccess(p, merchantId);
  if (read !== "allow") return read;
  return isAdmin(p) ? "allow" : "forbidden";
}

export function operatorReadAccess(p: Principal, operatorId: string): Access {
  if (p.type !== "operator") return "forbidden";
  return isAdmin(p) || p.id === operatorId ? "allow" : "not_found";
}

/** Creating users, merchants and operators, and listing operators: admin only. */
export function adminAccess(p: Principal): Access {
  return isAdmin(p) ? "allow" : "forbidden";
}

/** Listing users or merchants: any operator. */
export function operatorAccess(p: Principal): Access {
  return p.type === "operator" ? "allow" : "forbidden";
}

/**
 * The failure for a denied access. A `not_found` message is the one a missing object gets, so
 * a caller cannot tell "not yours" from "does not exist".
 */
export function denied<T>(access: Exclude<Access, "allow">, what: string, id: string, param?: string): Result<T, ApiError> {
  return access === "not_found"
    ? err(notFound(what, id, param))
    : err(new ApiError("forbidden", `This key's principal may not do this with ${what}s.`, param));
}

export function notFound(what: string, id: string, param?: string): ApiError {
  return new ApiError("not_found", `No such ${what}: '${id}'.`, param);
}
