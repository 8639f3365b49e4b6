import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { MandateDeps } from "./deps.js";
import { loadMandate, maySee, type MandateView, viewMandate } from "./read-mandates.js";
import type { StoredMandateStatus } from "./types.js";

export type MandateAction = "pause" | "resume" | "revoke";

const TRANSITIONS: Record<MandateAction, { from: readonly StoredMandateStatus[]; to: StoredMandateStatus }> = {
  pause: { from: ["active"], to: "paused" },
  resume: { from: ["paused"], to: "active" },
  revoke: { from: ["active", "paused"], to: "revoked" },
};

/** The owner pauses, resumes or revokes; an admin or risk operator may revoke. */
function mayChange(actor: Principal, userId: string, action: MandateAction): boolean {
  if (actor.type === "user") return actor.id === userId;
  if (actor.type === "operator") return action === "revoke" && (actor.role === "admin" || actor.role === "risk");
  return false;
}

/**
 * The status is changed with a conditional update, so two racing changes cannot both apply; it
 * takes effect for the very next payment, which reads the status in its own check.
 */
export async function changeMandateStatus(
  deps: MandateDeps,
  actor: Principal,
  id: string,
  action: MandateAction,
  requestId: string | null,
): Promise<Result<MandateView, ApiError>> {
  const m = await loadMandate(deps, id);
  if (m === undefined || !maySee(actor, m)) return err(new ApiError("not_found", `No mandate '${id}'.`, "id"));
  if (!mayChange(actor, m.userId, action)) return err(new ApiError("forbidden", `You may not ${action} this mandate.`));
  const { from, to } = TRANSITIONS[action];
  if (!from.includes(m.status)) {
    return err(new ApiError("conflict", `A ${m.status} mandate cannot be ${action === "resume" ? "resumed" : `${action}d`}.`));
  }
  const nowMs = deps.clock.nowMs();
  const changed = await deps.database.transaction(async (trx) => {
    const result = await trx
      .updateTable("mandates")
      .set({ status: to, updated_at: BigInt(nowMs) })
      .where("id", "=", id)
      .where("status", "=", m.status)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await recordAudit(
      trx,
      {
        actor,
        action: `mandate.${action === "resume" ? "resumed" : `${action}d`}`,
        objectType: "mandate",
        objectId: id,
        userId: m.userId,
        mandateId: id,
        beforeStatus: m.status,
        afterStatus: to,
        requestId,
      },
      nowMs,
    );
    return true;
  });
  if (!changed) return err(new ApiError("conflict", "The mandate changed meanwhile; read it and try again."));
  return ok(await viewMandate(deps, { ...m, status: to, updatedAtMs: nowMs }));
}
