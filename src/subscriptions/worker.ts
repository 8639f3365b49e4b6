/**
 * The billing worker: one pass advances whatever is due, in bounded batches —
 *   1. postings whose money has not finished moving (holds to place, periods to bill, payments
 *      waiting for the user, credits to pay), and arrears periods canceled at once whose
 *      original end has come;
 *   2. subscriptions whose period has ended: rollover, settlement, renewal;
 *   3. reservation holds about to lapse before their period is settled: rotation;
 *   4. top-ups the user approved since: the reservation is raised; top-ups of a period already
 *      settled: released.
 * Every step is idempotent and guarded, so several processes may run the worker on one
 * database, and a pass cut short by a crash is finished by the next one.
 */
import { sql } from "kysely";
import { advancePosting } from "./advance-posting.js";
import type { SubscriptionDeps } from "./deps.js";
import { releaseHolds, syncReservation } from "./holds.js";
import { BILLING_SWEEP_BATCH_MAX, BILLING_SWEEP_INTERVAL_MS, HOLD_ROTATION_LEAD_MS, TOP_UP_RECONCILE_WINDOW_MS } from "./limits.js";
import { rollOver } from "./rollover.js";
import { rotateHold } from "./rotate-holds.js";
import { findPosting, findSubscription } from "./store.js";

/** One pass; how many items it moved. Errors of single items do not stop the pass; the first is rethrown after it. */
export async function sweepSubscriptions(deps: SubscriptionDeps): Promise<number> {
  const failures: unknown[] = [];
  const attempt = async (work: () => Promise<{ ok: boolean; value?: boolean; error?: unknown }>): Promise<number> => {
    try {
      const result = await work();
      if (!result.ok) failures.push(result.error);
      return result.ok && result.value === true ? 1 : 0;
    } catch (error) {
      failures.push(error);
      return 0;
    }
  };
  let moved = 0;
  for (const id of await unfinishedPostings(deps)) moved += await attempt(() => advancePosting(deps, id));
  for (const id of await dueSubscriptions(deps)) moved += await attempt(() => rollOver(deps, id));
  for (const h of await expiringHolds(deps)) moved += await attempt(() => rotateHold(deps, h.postingId, h.id));
  for (const h of await liveTopUps(deps)) moved += await attempt(async () => ({ ok: true, value: await reconcileTopUp(deps, h.postingId, h.subscriptionId) }));
  if (failures.length > 0) throw failures[0];
  return moved;
}

/**
 * Postings that can move now. Those waiting for the user (their payment or hold still requires
 * confirmation) are left out until the user decides or the confirmation lapses (the payments
 * sweeper cancels it): however many wait, they never fill the batch and starve the rest.
 */
async function unfinishedPostings(deps: SubscriptionDeps): Promise<string[]> {
  const nowMs = BigInt(deps.clock.nowMs());
  const rows = await deps.database.db
    .selectFrom("billing_postings")
    .select("id")
    .where((eb) =>
      eb.or([eb("status", "in", ["reserving", "billing", "requires_confirmation"]), eb.and([eb("status", "=", "closed"), eb("period_end", "<=", nowMs)])]),
    )
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom("payments")
            .select("payments.id")
            .whereRef("payments.id", "=", "billing_postings.payment_id")
            .where("payments.status", "=", "requires_confirmation"),
        ),
      ),
    )
    .orderBy("id")
    .limit(BILLING_SWEEP_BATCH_MAX)
    .execute();
  return rows.map((r) => r.id);
}

async function dueSubscriptions(deps: SubscriptionDeps): Promise<string[]> {
  const rows = await deps.database.db
    .selectFrom("subscriptions")
    .select("id")
    .where("status", "=", "active")
    .where("current_period_end", "<=", BigInt(deps.clock.nowMs()))
    .orderBy("current_period_end")
    .limit(BILLING_SWEEP_BATCH_MAX)
    .execute();
  return rows.map((r) => r.id);
}

interface HoldRef {
  readonly id: string;
  readonly postingId: string;
  readonly subscriptionId: string;
}

// Literals, not parameters, so that SQLite sees the partial indexes of migration 011 apply.
const LIVE = sql.lit("requires_capture");
const SUBSCRIPTION_HOLDS = [sql.lit("subscription"), sql.lit("subscription_top_up")];
const TOP_UP = sql.lit("subscription_top_up");

async function expiringHolds(deps: SubscriptionDeps): Promise<HoldRef[]> {
  const rows = await deps.database.db
    .selectFrom("payments")
    .select(["id", "order_reference", "subscription_id"])
    .where("status", "=", LIVE)
    .where("purpose", "in", SUBSCRIPTION_HOLDS)
    .where("hold_expires_at", "<=", BigInt(deps.clock.nowMs() + HOLD_ROTATION_LEAD_MS))
    .orderBy("hold_expires_at")
    .limit(BILLING_SWEEP_BATCH_MAX)
    .execute();
  return rows.flatMap((r) => (r.order_reference === null || r.subscription_id === null ? [] : [{ id: r.id, postingId: r.order_reference, subscriptionId: r.subscription_id }]));
}

async function liveTopUps(deps: SubscriptionDeps): Promise<HoldRef[]> {
  const rows = await deps.database.db
    .selectFrom("payments")
    .select(["id", "order_reference", "subscription_id"])
    .where("status", "=", LIVE)
    .where("purpose", "=", TOP_UP)
    .where("updated_at", ">=", BigInt(deps.clock.nowMs() - TOP_UP_RECONCILE_WINDOW_MS))
    .where("order_reference", "is not", null)
    .limit(BILLING_SWEEP_BATCH_MAX)
    .execute();
  return rows.flatMap((r) => (r.order_reference === null || r.subscription_id === null ? [] : [{ id: r.id, postingId: r.order_reference, subscriptionId: r.subscription_id }]));
}

/** A live top-up counts toward its open period, and is released once its period is settled. */
async function reconcileTopUp(deps: SubscriptionDeps, postingId: string, subscriptionId: string): Promise<boolean> {
  const [posting, s] = await Promise.all([findPosting(deps.database.db, postingId), findSubscription(deps.database.db, subscriptionId)]);
  if (posting === undefined || s === undefined) return false;
  if (posting.status === "open") {
    const before = s.reservedFine;
    return (await syncReservation(deps, s, posting, "raise")) > before && s.periodNumber === posting.periodNumber;
  }
  if (posting.status === "settled" || posting.status === "uncollectible" || posting.status === "void") {
    await releaseHolds(deps, s, posting.id, null);
    return true;
  }
  return false;
}

/** Runs passes on an interval until stopped; a failed pass (a database hiccup) is retried on the next tick. */
export function startBillingWorker(deps: SubscriptionDeps, intervalMs = BILLING_SWEEP_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= sweepSubscriptions(deps)
      .catch(() => undefined)
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
