/**
 * Subscriptions: merchants' plans, agents subscribing their users under recurring mandates,
 * periods charged in reserve-then-settle or in-arrears mode, aggregated billing postings with a
 * drill-down to their usage events, invoices per period and credits for usage reversed later.
 */
export * from "./types.js";
export * from "./schema.js";
export type { SubscriptionDeps } from "./deps.js";
export {
  BILLING_SWEEP_INTERVAL_MS,
  HOLD_ROTATION_LEAD_MS,
  PAGE_SIZE_DEFAULT,
  PLAN_PAGE_SIZE_MAX,
  POSTING_PAGE_SIZE_MAX,
  SETTLEMENT_GRACE_MS,
  SUBSCRIPTION_PAGE_SIZE_MAX,
} from "./limits.js";
export { createPlan } from "./create-plan.js";
export { updatePlan } from "./update-plan.js";
export { getPlan, listPlans, type PlanListQuery } from "./read-plans.js";
export { subscribe, type Subscribed } from "./subscribe.js";
export { getSubscription, listSubscriptions, type SubscriptionListQuery, type SubscriptionView, viewSubscriptions } from "./read-subscriptions.js";
export { cancelSubscription } from "./cancel-subscription.js";
export { topUpReservation, type ToppedUp } from "./top-up.js";
export { getPosting, listPostings, type PostingListQuery } from "./read-postings.js";
export { onSettledUsageChanged } from "./credit.js";
export { startBillingWorker, sweepSubscriptions } from "./worker.js";
export { anchorOf, boundary, periodBounds, periodFeeFine } from "./periods.js";
export { minimumReservation, netCovered, usageBudgetFine } from "./reservation.js";
