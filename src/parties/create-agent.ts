import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { err, ok, type Result } from "../core/result.js";
import { checkAgentKey } from "./jwk.js";
import { agentCreateAccess, denied, notFound } from "./policy.js";
import { agentRow } from "./rows.js";
import { findUser } from "./store.js";
import type { Actor, Agent, AgentId, Ed25519PublicJwk, Metadata, PartiesDeps } from "./types.js";

export interface CreateAgentInput {
  /** The owner; a user may leave it out (it owns the agent), an admin must name it. */
  readonly userId: string | null;
  readonly displayName: string;
  readonly publicKeyJwk: Ed25519PublicJwk | null;
  readonly metadata: Metadata;
}

/** A user registers an agent that acts for it (an admin may do it on a user's behalf). */
export async function createAgent(deps: PartiesDeps, actor: Actor, input: CreateAgentInput): Promise<Result<Agent, ApiError>> {
  const p = actor.principal;
  const userId = input.userId ?? (p.type === "user" ? p.id : null);
  if (userId === null) return err(new ApiError("validation_error", "Name the owning user in `user`.", "user"));
  const access = agentCreateAccess(p, userId);
  if (access !== "allow") return denied(access, "user", userId, "user");
  const badKey = await checkAgentKey(input.publicKeyJwk);
  if (badKey !== null) return err(badKey);
  return deps.database.transaction(async (trx): Promise<Result<Agent, ApiError>> => {
    if ((await findUser(trx, userId)) === undefined) return err(notFound("user", userId, "user"));
    const agent: Agent = {
      id: newId("agt") as AgentId,
      userId: userId as Agent["userId"],
      displayName: input.displayName,
      publicKeyJwk: input.publicKeyJwk,
      status: "active",
      metadata: input.metadata,
      createdAtMs: deps.clock.nowMs(),
    };
    await trx.insertInto("agents").values(agentRow(agent)).execute();
    await recordAudit(
      trx,
      {
        actor: p,
        action: "agent.created",
        objectType: "agent",
        objectId: agent.id,
        userId,
        afterStatus: agent.status,
        requestId: actor.requestId,
        data: { public_key_x: agent.publicKeyJwk?.x ?? null },
      },
      agent.createdAtMs,
    );
    return ok(agent);
  });
}
