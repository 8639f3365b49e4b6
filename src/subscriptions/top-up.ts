/**
 * Reserve mode: the agent or the user adds to the current period's reservation. It is another
 * hold under the mandate (purpose `subscription_top_up`: it belongs to the period's occurrence
 * and takes no recurrence slot, but every budget, the wallet and step-up apply), and the usage
 * budget is raised from the period's holds once it is live — never lowered. A top-up that waits
 * for the user's confirmation is credited by the billing worker when the user approves it.
 */
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { cancelPayment, type Payment } from "../payments/index.js";
import { mayTopUp } from "./access.js";
import type { SubscriptionDeps } from "./deps.js";
import { syncReservation } from "./holds.js";
import { merchantOf, payForPosting, topUpKey } from "./money.js";
import { findPlan, findPosting, findSubscription, periodPosting } from "./store.js";
import { type Subscription, UNFINISHED_POSTING_STATUSES } from "./types.js";

export interface ToppedUp {
  readonly subscription: Subscription;
  readonly payment: Payment;
}

export async function topUpReservation(
  deps: SubscriptionDeps,
  actor: Principal,
  id: string,
  amount: bigint,
  idempotencyKey: string,
  requestId: string | null,
): Promise<Result<ToppedUp, ApiError>> {
  const s = await findSubscription(deps.database.db, id);
  if (s === undefined || !mayTopUp(actor, s)) return err(new ApiError("not_found", `No subscription '${id}' of yours.`, "id"));
  if (s.chargingMode !== "reserve") return err(new ApiError("conflict", "Only a subscription in reserve mode has a reservation to top up."));
  if (s.status !== "active") return err(new ApiError("conflict", `A ${s.status} subscription cannot be topped up.`));
  const posting = await periodPosting(deps.database.db, s.id, "period", s.periodNumber);
  if (posting?.status !== "open") return err(new ApiError("conflict", "The period's reservation is not in place yet; retry shortly."));
  const plan = (await findPlan(deps.database.db, s.planId))!;
  const paid = await payForPosting(
    deps,
    s,
    posting,
    {
      amount,
      key: topUpKey(s, posting.periodNumber, actor, idempotencyKey),
      capture: false,
      purpose: "subscription_top_up",
      description: `${plan.name}: reservation top-up for period ${posting.periodNumber}`,
    },
    requestId,
  );
  if (!paid.ok) return paid;
  if (paid.value.status === "requires_capture") {
    await syncReservation(deps, s, posting, "raise");
    const now = (await findSubscription(deps.database.db, id))!;
    // The period closed while the hold was placed: the settlement may have run without it.
    if (now.periodNumber !== posting.periodNumber || now.status === "canceled") {
      await releaseLate(deps, s, posting.id, paid.value.id, requestId);
      return err(new ApiError("conflict", "The period ended while the top-up was placed; its hold is released."));
    }
    return ok({ subscription: now, payment: paid.value });
  }
  return ok({ subscription: s, payment: paid.value });
}

/**
 * A top-up that went live after its period closed: once the period is settled, its hold is
 * released here; until then the settlement captures from it or releases it with the others
 * (and the worker releases any hold a settlement missed).
 */
async function releaseLate(deps: SubscriptionDeps, s: Subscription, postingId: string, paymentId: string, requestId: string | null): Promise<void> {
  const posting = await findPosting(deps.database.db, postingId);
  if (posting === undefined || UNFINISHED_POSTING_STATUSES.includes(posting.status) || posting.status === "open") return;
  const released = await cancelPayment(deps.payments, merchantOf(s), paymentId, requestId);
  if (!released.ok && released.error.code !== "conflict") throw released.error;
}
