/**
 * Cancelling: by the subscription's agent, its user, its merchant or an admin operator.
 *
 * At period end: the period already paid for runs out, no renewal happens, and the final
 * settlement is made at its end. Immediately: the subscription ends now and no further usage
 * is accepted; what was used is still billed — in reserve mode at once (the holds are captured
 * for what was used plus the period's fee, the rest released), in arrears mode at the period's
 * original end, because that payment takes the next recurrence slot (one payment per period).
 * The flat fee is per started period: cancelling does not refund its unused part.
 */
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { cancelPayment } from "../payments/index.js";
import { mayCancel } from "./access.js";
import { advancePosting } from "./advance-posting.js";
import type { SubscriptionDeps } from "./deps.js";
import type { Change } from "./events.js";
import { CANCEL_ATTEMPTS_MAX } from "./limits.js";
import { releaseHolds } from "./holds.js";
import { ended, moveSubscription, movePostingAudited } from "./lifecycle.js";
import { findSubscription, lockSubscription, periodPosting } from "./store.js";
import type { BillingPosting, Subscription } from "./types.js";

function requesterOf(actor: Principal): string {
  return `requested_by_${actor.type}`;
}

export async function cancelSubscription(
  deps: SubscriptionDeps,
  actor: Principal,
  id: string,
  atPeriodEnd: boolean,
  requestId: string | null,
  attempt = 1,
): Promise<Result<Subscription, ApiError>> {
  if (attempt > CANCEL_ATTEMPTS_MAX) return err(new ApiError("conflict", "The subscription kept changing; retry."));
  const s = await findSubscription(deps.database.db, id);
  if (s === undefined || !mayCancel(actor, s)) {
    const visible = s !== undefined && actor.type === "operator";
    return visible ? err(new ApiError("forbidden", "Only an admin operator cancels a subscription.")) : err(new ApiError("not_found", `No subscription '${id}'.`, "id"));
  }
  if (s.status === "canceled") return ok(s);
  const change: Change = { actor, requestId, nowMs: deps.clock.nowMs() };
  // A subscription whose first payment still waits has no period to run out: it ends at once.
  if (atPeriodEnd && s.status !== "incomplete") return scheduleEnd(deps, s, actor, change, attempt);
  const closed = await endNow(deps, s, actor, change);
  if (closed === null) return cancelSubscription(deps, actor, id, atPeriodEnd, requestId, attempt + 1);
  for (const p of closed) {
    if (p.status === "reserving" || p.kind === "opening") await withdraw(deps, s, p, actor, requestId);
    const advanced = await advancePosting(deps, p.id);
    if (!advanced.ok) return advanced;
  }
  return ok((await findSubscription(deps.database.db, id))!);
}

async function scheduleEnd(
  deps: SubscriptionDeps,
  s: Subscription,
  actor: Principal,
  change: Change,
  attempt: number,
): Promise<Result<Subscription, ApiError>> {
  if (s.cancelAtPeriodEnd) return ok(s);
  const next: Subscription = { ...s, cancelAtPeriodEnd: true, cancelReason: requesterOf(actor), canceledAtMs: change.nowMs, updatedAtMs: change.nowMs };
  const done = await deps.database.transaction(async (trx) => moveSubscription(trx, s, next, "cancel_scheduled", change));
  return done ? ok(next) : cancelSubscription(deps, actor, s.id, true, change.requestId, attempt + 1);
}

/**
 * Ends the subscription and closes its current period to usage, in one transaction; the postings
 * whose money must still move, or null when the subscription changed meanwhile.
 */
async function endNow(deps: SubscriptionDeps, s: Subscription, actor: Principal, change: Change): Promise<BillingPosting[] | null> {
  const [current, opening] = await Promise.all([
    periodPosting(deps.database.db, s.id, "period", s.periodNumber),
    periodPosting(deps.database.db, s.id, "opening", 1),
  ]);
  return deps.database.transaction(async (trx) => {
    const locked = await lockSubscription(deps.database, trx, s.id);
    if (locked.status !== s.status || locked.periodNumber !== s.periodNumber) return null;
    const next = ended(s, requesterOf(actor), change.nowMs, change.nowMs);
    if (!(await moveSubscription(trx, s, next, "canceled", change))) return null;
    const touched: BillingPosting[] = [];
    if (current?.status === "open") {
      // Reserve mode settles now: the period ends here. Arrears waits for the original end.
      const closed: BillingPosting = {
        ...current,
        status: "closed",
        periodEndMs: s.chargingMode === "reserve" ? change.nowMs : current.periodEndMs,
        updatedAtMs: change.nowMs,
      };
      if (await movePostingAudited(trx, next, current, closed, ["open"], "closed", change)) touched.push(closed);
    }
    if (current?.status === "reserving") touched.push(current);
    if (opening !== undefined && (opening.status === "billing" || opening.status === "requires_confirmation")) touched.push(opening);
    return touched;
  });
}

/** A first payment or hold still waiting for the user is withdrawn: the subscription it was for has ended. */
async function withdraw(deps: SubscriptionDeps, s: Subscription, p: BillingPosting, actor: Principal, requestId: string | null): Promise<void> {
  if (p.kind === "period") return releaseHolds(deps, s, p.id, requestId);
  if (p.paymentId === null || p.status !== "requires_confirmation") return;
  const canceled = await cancelPayment(deps.payments, actor, p.paymentId, requestId);
  if (!canceled.ok && canceled.error.code !== "conflict") throw canceled.error;
}
