import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { agentListAccess, denied } from "./policy.js";
import { listAgents as listAgentRows } from "./store.js";
import type { Actor, Agent, Page, PageRequest, PartiesDeps } from "./types.js";

/**
 * Lists agents newest first: a user gets its own, an operator all of them or one user's
 * (`userId`). A user asking for another user's agents is told that user does not exist.
 */
export async function listAgents(
  deps: PartiesDeps,
  actor: Actor,
  userId: string | null,
  page: PageRequest,
): Promise<Result<Page<Agent>, ApiError>> {
  const p = actor.principal;
  const access = agentListAccess(p, userId);
  if (access !== "allow") return denied(access, "user", userId ?? "", "user");
  const owner = userId ?? (p.type === "user" ? p.id : null);
  return ok(await listAgentRows(deps.database.db, owner, page));
}
