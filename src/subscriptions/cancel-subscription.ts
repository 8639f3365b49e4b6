/**
 * Cancelling: by the subscription's agent, its user, its merchant or an admin operator.
 *
 * At period end: the period already paid for runs out, no renewal happens, and the final
 * settlement is made at its end. Immediately: the subscription ends now and no further usage
 * is accepted; what was used is still billed — in reserve mode at once (the holds are captured
 * for what was used plus the period's fee, the rest released), in arrears mode at the period's
 * original end, because that payment takes the next recurrence slot (one payment per period).
 * The flat fee is per started period: cancelling does not refund its unused part. An arrears
 * renewal still waiting for the user's confirmation is withdrawn: the period it would pay for
 * does not run, so the usage it settled is billed alone.
 */
import type { Kysely } from "kysely";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { cancelPayment } from "../payments/index.js";
import type { Tables } from "../store/index.js";
import { mayCancel } from "./access.js";
import { advancePosting } from "./advance-posting.js";
import type { SubscriptionDeps } from "./deps.js";
import type { Change } from "./events.js";
import { CANCEL_ATTEMPTS_MAX } from "./limits.js";
import { releaseHolds } from "./holds.js";
import { draftOf } from "./document.js";
import { shiftResidual, usageOnly } from "./finish-posting.js";
import { ended, moveSubscription, movePostingAudited } from "./lifecycle.js";
import { findSubscription, lockSubscription, periodPosting } from "./store.js";
import { type BillingPosting, RENEWAL_WITHDRAWN, type Subscription } from "./types.js";

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
  // Built from the row under the lock, never from the snapshot read before it.
  const done = await deps.database.transaction(async (trx) => {
    const locked = await lockSubscription(deps.database, trx, s.id);
    if (locked.status !== s.status || locked.periodNumber !== s.periodNumber) return false;
    const next: Subscription = { ...locked, cancelAtPeriodEnd: true, cancelReason: requesterOf(actor), canceledAtMs: change.nowMs, updatedAtMs: change.nowMs };
    return moveSubscription(trx, locked, next, "cancel_scheduled", change);
  });
  return done ? ok((await findSubscription(deps.database.db, s.id))!) : cancelSubscription(deps, actor, s.id, true, change.requestId, attempt + 1);
}

/**
 * Ends the subscription and closes its current period to usage, in one transaction; the postings
 * whose money must still move, or null when the subscription changed meanwhile.
 */
async function endNow(deps: SubscriptionDeps, s: Subscription, actor: Principal, change: Change): Promise<BillingPosting[] | null> {
  const [current, opening, renewal] = await Promise.all([
    periodPosting(deps.database.db, s.id, "period", s.periodNumber),
    periodPosting(deps.database.db, s.id, "opening", 1),
    s.chargingMode === "arrears" && s.periodNumber > 1 ? periodPosting(deps.database.db, s.id, "period", s.periodNumber - 1) : undefined,
  ]);
  const withdrawn = renewal?.status === "requires_confirmation" && (await withdrawRenewal(deps, renewal, actor, change.requestId));
  return deps.database.transaction(async (trx) => {
    const locked = await lockSubscription(deps.database, trx, s.id);
    if (locked.status !== s.status || locked.periodNumber !== s.periodNumber) return null;
    const next = ended(locked, requesterOf(actor), change.nowMs, change.nowMs);
    if (!(await moveSubscription(trx, locked, next, "canceled", change))) return null;
    const touched: BillingPosting[] = [];
    if (withdrawn) {
      const rebilled = await billUsageAlone(trx, next, renewal, change);
      if (rebilled !== null) touched.push(rebilled);
    }
    if (current?.status === "open") {
      // Reserve mode settles now: the period ends here. Arrears waits for the original end.
      const closed: BillingPosting = {
        ...current,
        status: "closed",
        periodEndMs: locked.chargingMode === "reserve" ? change.nowMs : current.periodEndMs,
        updatedAtMs: change.nowMs,
      };
      if (await movePostingAudited(trx, next, current, closed, ["open"], "closed", change)) touched.push(closed);
    }
    if (current?.status === "reserving") touched.push(current);
    if (opening !== undefined && (opening.status === "billing" || opening.status === "requires_confirmation")) touched.push(opening);
    return touched;
  });
}

/**
 * An arrears renewal waiting for the user (the settlement of period n − 1, carrying period n's
 * fee) is withdrawn: approved later, it would charge the fee of a period that no longer runs.
 * True when its payment is canceled now; false when the user approved it first (the renewal
 * stands, and settles as usual).
 */
async function withdrawRenewal(deps: SubscriptionDeps, renewal: BillingPosting, actor: Principal, requestId: string | null): Promise<boolean> {
  if (renewal.paymentId === null) return false;
  const canceled = await cancelPayment(deps.payments, actor, renewal.paymentId, requestId);
  if (canceled.ok) return canceled.value.status === "canceled";
  if (canceled.error.code !== "conflict") throw canceled.error;
  return false;
}

/**
 * The withdrawn renewal's posting is billed again for its period's usage alone, without the
 * next period's fee, under its own payment key (RENEWAL_WITHDRAWN: see collect-posting.ts); its
 * residual moves by what dropping the fee changed.
 */
async function billUsageAlone(trx: Kysely<Tables>, s: Subscription, p: BillingPosting, change: Change): Promise<BillingPosting | null> {
  const usage = p.document === null ? null : usageOnly(p.document);
  const draft = usage === null ? null : draftOf(usage);
  const base = { ...p, status: "billing" as const, paymentId: null, declineCode: RENEWAL_WITHDRAWN, updatedAtMs: change.nowMs };
  const next: BillingPosting =
    draft === null
      ? { ...base, document: null, amountFine: 0n, residualAfterFine: p.residualBeforeFine, netAmount: 0n, taxAmount: 0n, totalAmount: 0n }
      : {
          ...base,
          document: usage,
          amountFine: draft.amountFine,
          residualAfterFine: draft.residualAfterFine,
          netAmount: draft.ledgerNetMinor,
          taxAmount: draft.ledgerTotalMinor - draft.ledgerNetMinor,
          totalAmount: draft.ledgerTotalMinor,
        };
  if (!(await movePostingAudited(trx, s, p, next, ["requires_confirmation"], "billed", change))) return null;
  await shiftResidual(trx, s.id, next.residualAfterFine - p.residualAfterFine);
  return next;
}

/** A first payment or hold still waiting for the user is withdrawn: the subscription it was for has ended. */
async function withdraw(deps: SubscriptionDeps, s: Subscription, p: BillingPosting, actor: Principal, requestId: string | null): Promise<void> {
  if (p.kind === "period") return releaseHolds(deps, s, p.id, requestId);
  if (p.paymentId === null || p.status !== "requires_confirmation") return;
  const canceled = await cancelPayment(deps.payments, actor, p.paymentId, requestId);
  if (!canceled.ok && canceled.error.code !== "conflict") throw canceled.error;
}
