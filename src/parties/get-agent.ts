import type { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { agentReadAccess, denied, NOBODYS_AGENT, notFound } from "./policy.js";
import { findAgent } from "./store.js";
import type { Actor, Agent, PartiesDeps } from "./types.js";

/** Operators, the owner and the agent itself read an agent; anyone else is told it does not exist. */
export async function getAgent(deps: PartiesDeps, actor: Actor, id: string): Promise<Result<Agent, ApiError>> {
  const agent = await findAgent(deps.database.db, id);
  const access = agentReadAccess(actor.principal, agent ?? NOBODYS_AGENT);
  if (access !== "allow") return denied(access, "agent", id, "id");
  return agent === undefined ? err(notFound("agent", id, "id")) : ok(agent);
}
