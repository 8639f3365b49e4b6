import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { maySeeSubscription } from "./access.js";
import type { SubscriptionDeps } from "./deps.js";
import { subscriptionFromRow } from "./rows.js";
import { findSubscription } from "./store.js";
import type { Subscription, SubscriptionStatus } from "./types.js";

/** A subscription with the payment, if any, that waits for the user's confirmation before it can go on. */
export interface SubscriptionView {
  readonly subscription: Subscription;
  readonly pendingPaymentId: string | null;
}

async function pendingPayments(deps: SubscriptionDeps, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.database.db
    .selectFrom("billing_postings")
    .select(["subscription_id", "payment_id"])
    .where("subscription_id", "in", [...ids])
    .where("status", "in", ["reserving", "requires_confirmation"])
    .where("payment_id", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.subscription_id, r.payment_id!]));
}

export async function viewSubscriptions(deps: SubscriptionDeps, subs: readonly Subscription[]): Promise<SubscriptionView[]> {
  const pending = await pendingPayments(
    deps,
    subs.filter((s) => s.status === "incomplete" || s.status === "past_due").map((s) => s.id),
  );
  return subs.map((s) => ({ subscription: s, pendingPaymentId: pending.get(s.id) ?? null }));
}

export async function getSubscription(deps: SubscriptionDeps, actor: Principal, id: string): Promise<Result<SubscriptionView, ApiError>> {
  const s = await findSubscription(deps.database.db, id);
  if (s === undefined || !maySeeSubscription(actor, s)) return err(new ApiError("not_found", `No subscription '${id}'.`, "id"));
  return ok((await viewSubscriptions(deps, [s]))[0]!);
}

export interface SubscriptionListQuery {
  readonly limit: number;
  readonly startingAfter: string | undefined;
  readonly status: SubscriptionStatus | undefined;
  readonly planId: string | undefined;
}

/** Newest first: an agent its own, a user theirs, a merchant those to its plans; operators all. */
export async function listSubscriptions(
  deps: SubscriptionDeps,
  actor: Principal,
  q: SubscriptionListQuery,
): Promise<Result<{ data: SubscriptionView[]; hasMore: boolean }, ApiError>> {
  let query = deps.database.db.selectFrom("subscriptions").selectAll();
  if (actor.type === "agent") query = query.where("agent_id", "=", actor.id);
  if (actor.type === "user") query = query.where("user_id", "=", actor.id);
  if (actor.type === "merchant") query = query.where("merchant_id", "=", actor.id);
  if (q.status !== undefined) query = query.where("status", "=", q.status);
  if (q.planId !== undefined) query = query.where("plan_id", "=", q.planId);
  if (q.startingAfter !== undefined) query = query.where("id", "<", q.startingAfter);
  const rows = await query.orderBy("id", "desc").limit(q.limit + 1).execute();
  const views = await viewSubscriptions(deps, rows.slice(0, q.limit).map(subscriptionFromRow));
  return ok({ data: views, hasMore: rows.length > q.limit });
}
