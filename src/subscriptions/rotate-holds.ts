/**
 * The ledger caps a hold at about 30 days (HOLD_TIMEOUT_S_MAX); a longer period (a month of 31
 * days and the settlement grace, a year) is covered by successive holds. Before a hold lapses,
 * it is rotated:
 *   1. a new hold (purpose `subscription_top_up`: no recurrence slot) is placed for what the
 *      old one holds beyond what the period surely owes already;
 *   2. the old hold is captured for that sure amount (the fee and the usage so far, less a
 *      rounding unit, less what earlier rotations captured), which releases the rest of it.
 * In that order a crash in between leaves both holds live, and the next pass finishes the
 * rotation with the same idempotency keys. Should the new hold be refused while the old one
 * still stands (a tight budget), the old one is settled first and the new hold tried once more.
 * The settlement at the period's end counts what rotations captured.
 */
import { type ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { cancelPayment, capturePayment, type Payment } from "../payments/index.js";
import { FINE_SCALE } from "../money/index.js";
import type { SubscriptionDeps } from "./deps.js";
import { metersOf, usageBill } from "./document.js";
import { coveredBy, syncReservation } from "./holds.js";
import { feeOf } from "./lifecycle.js";
import { HOLD_ROTATION_LEAD_MS, SETTLEMENT_GRACE_MS } from "./limits.js";
import { merchantOf, payForPosting, rotationKey } from "./money.js";
import { findPlan, findPosting, findSubscription, type HoldView, paymentsOfPosting } from "./store.js";
import type { BillingPosting, Subscription } from "./types.js";
import { usageOfPeriod } from "./usage.js";

/** Rotates the live hold `holdId` if it would lapse before its period is settled; true when it did. */
export async function rotateHold(deps: SubscriptionDeps, postingId: string, holdId: string): Promise<Result<boolean, ApiError>> {
  const posting = await findPosting(deps.database.db, postingId);
  if (posting?.status !== "open") return ok(false);
  const s = (await findSubscription(deps.database.db, posting.subscriptionId))!;
  const holds = await paymentsOfPosting(deps.database.db, s.id, posting.id);
  const hold = holds.find((h) => h.id === holdId);
  const nowMs = deps.clock.nowMs();
  if (hold?.status !== "requires_capture" || hold.holdExpiresAtMs === null) return ok(false);
  if (hold.holdExpiresAtMs >= posting.periodEndMs + SETTLEMENT_GRACE_MS || hold.holdExpiresAtMs > nowMs + HOLD_ROTATION_LEAD_MS) return ok(false);
  const sure = await surelyOwed(deps, s, posting, holds);
  const keep = sure < hold.amount ? sure : hold.amount;
  const rest = hold.amount - keep;
  const key = rotationKey(s, posting.periodNumber, hold.id);
  const first = rest > 0n ? await rehold(deps, s, posting, rest, key) : ok(null);
  if (!first.ok) return first;
  const settled = await settleOld(deps, s, hold, keep);
  if (!settled.ok) return settled;
  if (first.value !== null && first.value.status !== "requires_capture" && first.value.status !== "requires_confirmation") {
    const second = await rehold(deps, s, posting, rest, `${key}:after-release`);
    if (!second.ok) return second;
  }
  await syncReservation(deps, s, posting, "set");
  return ok(true);
}

/** The least the period will owe whatever happens next: fee and usage so far, net, less a rounding unit and what is captured. */
async function surelyOwed(deps: SubscriptionDeps, s: Subscription, p: BillingPosting, holds: readonly HoldView[]): Promise<bigint> {
  const plan = (await findPlan(deps.database.db, s.planId))!;
  const [usage, meters] = await Promise.all([usageOfPeriod(deps.database.db, s.id, p.periodStartMs), metersOf(deps.database, plan)]);
  const owedFine = feeOf(s, plan, p.periodNumber) + usageBill(plan, usage, meters).usageFine;
  const captured = coveredBy(holds.filter((h) => h.status === "succeeded"));
  const sure = owedFine / FINE_SCALE - 1n - captured;
  return sure > 0n ? sure : 0n;
}

async function rehold(deps: SubscriptionDeps, s: Subscription, p: BillingPosting, amount: bigint, key: string): Promise<Result<Payment, ApiError>> {
  const description = `Reservation for period ${p.periodNumber}, continued`;
  return payForPosting(deps, s, p, { amount, key, capture: false, purpose: "subscription_top_up", description }, null);
}

async function settleOld(deps: SubscriptionDeps, s: Subscription, hold: HoldView, keep: bigint): Promise<Result<void, ApiError>> {
  const done = keep > 0n ? await capturePayment(deps.payments, merchantOf(s), hold.id, keep, null) : await cancelPayment(deps.payments, merchantOf(s), hold.id, null);
  // Captured or released meanwhile (another pass, or the hold lapsed): nothing more to do with it.
  return done.ok || done.error.code === "conflict" ? ok(undefined) : done;
}
