/**
 * Reserve mode's holds. A period's reservation is the set of holds whose order reference is
 * the period's posting: its first hold (the period's payment, in its recurrence slot), top-ups
 * and rotations (no slot). The usage budget handed to ingestion is derived from that set, never
 * kept as a running sum, so concurrent top-ups cannot lose an increment: each recomputes the
 * budget and raises it with a conditional update that never lowers it.
 */
import { cancelPayment } from "../payments/index.js";
import type { SubscriptionDeps } from "./deps.js";
import { recordSubscriptionEvent } from "./events.js";
import { feeOf } from "./lifecycle.js";
import { merchantOf } from "./money.js";
import { usageBudgetFine } from "./reservation.js";
import { findPlan, type HoldView, paymentsOfPosting } from "./store.js";
import type { BillingPosting, Subscription } from "./types.js";

/** The money a period's holds cover: what is still held, and what rotations already captured. */
export function coveredBy(holds: readonly HoldView[]): bigint {
  let covered = 0n;
  for (const h of holds) {
    if (h.status === "requires_capture") covered += h.amount;
    if (h.status === "succeeded") covered += h.amountCaptured;
  }
  return covered;
}

/**
 * Sets the usage budget of the posting's period from its holds. `raise` never lowers it (top-ups
 * racing); `set` may (a rotated hold that could not be placed again leaves less covered). Does
 * nothing once the subscription has moved to another period.
 */
export async function syncReservation(
  deps: SubscriptionDeps,
  s: Subscription,
  posting: BillingPosting,
  how: "raise" | "set",
): Promise<bigint> {
  const plan = (await findPlan(deps.database.db, s.planId))!;
  const holds = await paymentsOfPosting(deps.database.db, s.id, posting.id);
  const budget = usageBudgetFine(coveredBy(holds), feeOf(s, plan, posting.periodNumber), posting.taxRateBps);
  const nowMs = deps.clock.nowMs();
  await deps.database.transaction(async (trx) => {
    let update = trx
      .updateTable("subscriptions")
      .set({ reserved_fine: budget, updated_at: BigInt(nowMs) })
      .where("id", "=", s.id)
      .where("period_number", "=", BigInt(posting.periodNumber));
    update = how === "raise" ? update.where("reserved_fine", "<", budget) : update.where("reserved_fine", "<>", budget);
    const changed = await update.executeTakeFirst();
    if (changed.numUpdatedRows === 0n) return;
    const data = { reserved: budget.toString(), posting_id: posting.id };
    await recordSubscriptionEvent(trx, { ...s, reservedFine: budget }, "reservation_changed", s.status, { actor: null, requestId: null, nowMs }, data);
  });
  return budget;
}

/** Releases what the posting still holds (and cancels holds waiting for confirmation). */
export async function releaseHolds(deps: SubscriptionDeps, s: Subscription, postingId: string, requestId: string | null): Promise<void> {
  const holds = await paymentsOfPosting(deps.database.db, s.id, postingId);
  for (const h of holds) {
    if (h.status !== "requires_capture" && h.status !== "requires_confirmation") continue;
    const released = await cancelPayment(deps.payments, merchantOf(s), h.id, requestId);
    // A hold captured or released meanwhile by another process is no longer ours to release.
    if (!released.ok && released.error.code !== "conflict") throw released.error;
  }
}
