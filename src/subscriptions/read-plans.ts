import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { maySeePlan } from "./access.js";
import type { SubscriptionDeps } from "./deps.js";
import { planFromRow } from "./rows.js";
import { findPlan } from "./store.js";
import type { Plan, PlanStatus } from "./types.js";

export async function getPlan(deps: SubscriptionDeps, actor: Principal, id: string): Promise<Result<Plan, ApiError>> {
  const plan = await findPlan(deps.database.db, id);
  if (plan === undefined || !maySeePlan(actor, plan)) return err(new ApiError("not_found", `No plan '${id}'.`, "id"));
  return ok(plan);
}

export interface PlanListQuery {
  readonly limit: number;
  readonly startingAfter: string | undefined;
  readonly merchantId: string | undefined;
  readonly status: PlanStatus | undefined;
}

/** Newest first. A merchant lists its own plans; payers the active plans (of one merchant, if asked); operators all. */
export async function listPlans(deps: SubscriptionDeps, actor: Principal, q: PlanListQuery): Promise<Result<{ data: Plan[]; hasMore: boolean }, ApiError>> {
  let query = deps.database.db.selectFrom("plans").selectAll();
  if (actor.type === "merchant") query = query.where("merchant_id", "=", actor.id);
  if (actor.type === "agent" || actor.type === "user") query = query.where("status", "=", "active");
  if (q.merchantId !== undefined) query = query.where("merchant_id", "=", q.merchantId);
  if (q.status !== undefined) query = query.where("status", "=", q.status);
  if (q.startingAfter !== undefined) query = query.where("id", "<", q.startingAfter);
  const rows = await query.orderBy("id", "desc").limit(q.limit + 1).execute();
  return ok({ data: rows.slice(0, q.limit).map(planFromRow), hasMore: rows.length > q.limit });
}
