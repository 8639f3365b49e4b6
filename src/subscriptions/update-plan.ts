/** Renames, describes or archives a plan. Its charges, currency and interval never change. */
import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { mayManagePlan, maySeePlan } from "./access.js";
import type { SubscriptionDeps } from "./deps.js";
import type { UpdatePlanBody } from "./schema.js";
import { findPlan } from "./store.js";
import type { Plan } from "./types.js";

export async function updatePlan(
  deps: SubscriptionDeps,
  actor: Principal,
  id: string,
  body: UpdatePlanBody,
  requestId: string | null,
): Promise<Result<Plan, ApiError>> {
  const plan = await findPlan(deps.database.db, id);
  if (plan === undefined || !maySeePlan(actor, plan)) return err(new ApiError("not_found", `No plan '${id}'.`, "id"));
  if (!mayManagePlan(actor, plan)) return err(new ApiError("forbidden", "Only the plan's merchant changes it."));
  const nowMs = deps.clock.nowMs();
  const next: Plan = {
    ...plan,
    name: body.name ?? plan.name,
    description: body.description === undefined ? plan.description : body.description,
    status: body.status ?? plan.status,
    updatedAtMs: nowMs,
  };
  await deps.database.transaction(async (trx) => {
    await trx
      .updateTable("plans")
      .set({ name: next.name, description: next.description, status: next.status, updated_at: BigInt(nowMs) })
      .where("id", "=", id)
      .execute();
    await recordAudit(
      trx,
      {
        actor,
        action: next.status !== plan.status ? `plan.${next.status}` : "plan.updated",
        objectType: "plan",
        objectId: id,
        beforeStatus: plan.status,
        afterStatus: next.status,
        requestId,
        data: { merchant_id: plan.merchantId, fields: Object.keys(body) },
      },
      nowMs,
    );
  });
  return ok(next);
}
