/**
 * A period's end. One transaction closes ingestion for the period that ended FIRST — it advances
 * the subscription to the next period (or ends it, when it was set to cancel at period end),
 * resets the reservation and closes the ended period's posting — guarded by the period it read,
 * so two processes never roll a period twice. The bill is computed afterwards from the final
 * usage (freeze-posting.ts), and the next period's reservation placed (place-hold.ts).
 */
import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { advancePosting } from "./advance-posting.js";
import type { SubscriptionDeps } from "./deps.js";
import type { Change } from "./events.js";
import { boundsOf, ended, moveSubscription, movePostingAudited, openPosting } from "./lifecycle.js";
import { findPlan, findSubscription, lockSubscription, periodPosting, postingsWithStatus } from "./store.js";
import { type BillingPosting, type Subscription, UNFINISHED_POSTING_STATUSES } from "./types.js";

export async function rollOver(deps: SubscriptionDeps, subscriptionId: string): Promise<Result<boolean, ApiError>> {
  const s = await findSubscription(deps.database.db, subscriptionId);
  const nowMs = deps.clock.nowMs();
  if (s === undefined || s.status !== "active" || s.currentPeriodEndMs > nowMs) return ok(false);
  // A period waits for the previous one's money to finish moving: postings settle in order, and
  // a renewal is never attempted while an earlier payment waits for the user.
  const current = await periodPosting(deps.database.db, s.id, "period", s.periodNumber);
  const unfinished = await postingsWithStatus(deps.database.db, s.id, UNFINISHED_POSTING_STATUSES);
  if (current?.status !== "open" || unfinished.length > 0) return ok(false);
  const rolled = await close(deps, s, current, nowMs);
  if (rolled === null) return ok(false);
  for (const id of rolled) {
    const advanced = await advancePosting(deps, id);
    if (!advanced.ok) return advanced;
  }
  return ok(true);
}

/** The closing transaction; the ids of the postings to advance next, or null when another process rolled first. */
async function close(deps: SubscriptionDeps, s: Subscription, current: BillingPosting, nowMs: number): Promise<string[] | null> {
  const plan = (await findPlan(deps.database.db, s.planId))!;
  const merchant = await deps.payments.parties.merchant(s.merchantId);
  const change: Change = { actor: null, requestId: null, nowMs };
  return deps.database.transaction(async (trx) => {
    // The row as it is now, under the lock: the snapshot read before may miss a cancellation
    // scheduled since (and its counters are never written from a snapshot, see moveSubscription).
    const locked = await lockSubscription(deps.database, trx, s.id);
    if (locked.status !== s.status || locked.periodNumber !== s.periodNumber) return null;
    const next = locked.cancelAtPeriodEnd ? ended(locked, locked.cancelReason ?? "canceled", locked.currentPeriodEndMs, nowMs) : advanced(locked, plan, nowMs);
    const verb = locked.cancelAtPeriodEnd ? "canceled" : "period_closed";
    if (!(await moveSubscription(trx, locked, next, verb, change, { closed_period: locked.periodNumber }))) return null;
    const closed: BillingPosting = { ...current, status: "closed", updatedAtMs: nowMs };
    if (!(await movePostingAudited(trx, next, current, closed, ["open"], "closed", change))) throw new Error(`posting ${current.id} moved under a locked period`);
    if (next.status === "canceled") return [current.id];
    const opened = await openPosting(
      trx,
      next,
      {
        kind: "period",
        status: next.chargingMode === "reserve" ? "reserving" : "open",
        periodNumber: next.periodNumber,
        bounds: { startMs: next.currentPeriodStartMs, endMs: next.currentPeriodEndMs },
        taxRateBps: merchant?.taxRateBps ?? null,
      },
      change,
    );
    return [current.id, opened.id];
  });
}

function advanced(s: Subscription, plan: Parameters<typeof boundsOf>[1], nowMs: number): Subscription {
  const n = s.periodNumber + 1;
  const bounds = boundsOf(s, plan, n);
  return {
    ...s,
    periodNumber: n,
    currentPeriodStartMs: bounds.startMs,
    currentPeriodEndMs: bounds.endMs,
    reservedFine: 0n,
    consumedFine: 0n,
    updatedAtMs: nowMs,
  };
}
