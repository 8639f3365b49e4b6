import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { maySeePosting, maySeeSubscription } from "./access.js";
import type { SubscriptionDeps } from "./deps.js";
import { postingFromRow } from "./rows.js";
import { findPosting, findSubscription } from "./store.js";
import type { BillingPosting } from "./types.js";

export async function getPosting(deps: SubscriptionDeps, actor: Principal, id: string): Promise<Result<BillingPosting, ApiError>> {
  const p = await findPosting(deps.database.db, id);
  const s = p === undefined ? undefined : await findSubscription(deps.database.db, p.subscriptionId);
  if (p === undefined || s === undefined || !maySeePosting(actor, p, s)) return err(new ApiError("not_found", `No billing posting '${id}'.`, "id"));
  return ok(p);
}

export interface PostingListQuery {
  readonly limit: number;
  readonly startingAfter: string | undefined;
  readonly subscriptionId: string | undefined;
}

/** Newest first: the postings of the subscriptions the caller sees (one of them, if asked). */
export async function listPostings(
  deps: SubscriptionDeps,
  actor: Principal,
  q: PostingListQuery,
): Promise<Result<{ data: BillingPosting[]; hasMore: boolean }, ApiError>> {
  let query = deps.database.db.selectFrom("billing_postings").selectAll();
  if (q.subscriptionId !== undefined) {
    const s = await findSubscription(deps.database.db, q.subscriptionId);
    if (s === undefined || !maySeeSubscription(actor, s)) {
      return err(new ApiError("not_found", `No subscription '${q.subscriptionId}'.`, "subscription_id"));
    }
    query = query.where("subscription_id", "=", s.id);
  } else if (actor.type === "agent") {
    query = query.where("subscription_id", "in", (eb) => eb.selectFrom("subscriptions").select("id").where("agent_id", "=", actor.id));
  }
  if (actor.type === "user") query = query.where("user_id", "=", actor.id);
  if (actor.type === "merchant") query = query.where("merchant_id", "=", actor.id);
  if (q.startingAfter !== undefined) query = query.where("id", "<", q.startingAfter);
  const rows = await query.orderBy("id", "desc").limit(q.limit + 1).execute();
  return ok({ data: rows.slice(0, q.limit).map(postingFromRow), hasMore: rows.length > q.limit });
}
