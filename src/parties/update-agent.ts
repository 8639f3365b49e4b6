import { recordAudit } from "../audit/index.js";
import type { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { checkAgentKey } from "./jwk.js";
import { agentWriteAccess, denied, NOBODYS_AGENT, notFound } from "./policy.js";
import { agentRow, changesOf } from "./rows.js";
import { findAgent } from "./store.js";
import type { Actor, Agent, Ed25519PublicJwk, Metadata, PartiesDeps } from "./types.js";

export interface UpdateAgentInput {
  readonly displayName?: string;
  /** A new identity key (rotation), or null to remove it. */
  readonly publicKeyJwk?: Ed25519PublicJwk | null;
  /** Replaces the whole metadata object. */
  readonly metadata?: Metadata;
}

const WIRE_NAMES = { displayName: "display_name", publicKeyJwk: "public_key_jwk", metadata: "metadata" } as const;

/** The owner (or an admin) renames an agent, rotates its identity key or edits its metadata. */
export async function updateAgent(
  deps: PartiesDeps,
  actor: Actor,
  id: string,
  input: UpdateAgentInput,
): Promise<Result<Agent, ApiError>> {
  if (input.publicKeyJwk !== undefined) {
    const badKey = await checkAgentKey(input.publicKeyJwk);
    if (badKey !== null) return err(badKey);
  }
  return deps.database.transaction(async (trx): Promise<Result<Agent, ApiError>> => {
    const before = await findAgent(trx, id, deps.database.engine);
    const access = agentWriteAccess(actor.principal, before ?? NOBODYS_AGENT, "update");
    if (access !== "allow") return denied(access, "agent", id, "id");
    if (before === undefined) return err(notFound("agent", id, "id"));
    const after: Agent = { ...before, ...input };
    const { changed, values } = changesOf(before, after, WIRE_NAMES, ["publicKeyJwk"]);
    if (changed.length === 0) return ok(before);
    await trx.updateTable("agents").set(agentRow(after)).where("id", "=", id).execute();
    await recordAudit(
      trx,
      {
        actor: actor.principal,
        action: "agent.updated",
        objectType: "agent",
        objectId: id,
        userId: before.userId,
        requestId: actor.requestId,
        data: { changed, ...values },
      },
      deps.clock.nowMs(),
    );
    return ok(after);
  });
}

