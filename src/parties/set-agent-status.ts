import { recordAudit } from "../audit/index.js";
import type { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { agentWriteAccess, denied, NOBODYS_AGENT, notFound } from "./policy.js";
import { findAgent } from "./store.js";
import type { Actor, Agent, AgentStatus, PartiesDeps } from "./types.js";

const ACTION: Record<AgentStatus, string> = { suspended: "agent.suspended", active: "agent.reactivated" };

/**
 * Suspends or reactivates an agent (owner, admin or risk). A suspended agent's keys stop working
 * on the next request: authentication reads the status on every call. Setting the status it
 * already has changes nothing and records nothing.
 */
export async function setAgentStatus(
  deps: PartiesDeps,
  actor: Actor,
  id: string,
  status: AgentStatus,
): Promise<Result<Agent, ApiError>> {
  return deps.database.transaction(async (trx): Promise<Result<Agent, ApiError>> => {
    const before = await findAgent(trx, id, deps.database.engine);
    const access = agentWriteAccess(actor.principal, before ?? NOBODYS_AGENT, "status");
    if (access !== "allow") return denied(access, "agent", id, "id");
    if (before === undefined) return err(notFound("agent", id, "id"));
    if (before.status === status) return ok(before);
    const after: Agent = { ...before, status };
    await trx.updateTable("agents").set({ status }).where("id", "=", id).execute();
    await recordAudit(
      trx,
      {
        actor: actor.principal,
        action: ACTION[status],
        objectType: "agent",
        objectId: id,
        userId: before.userId,
        beforeStatus: before.status,
        afterStatus: status,
        requestId: actor.requestId,
      },
      deps.clock.nowMs(),
    );
    return ok(after);
  });
}
