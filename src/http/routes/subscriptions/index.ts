import type { AppInstance } from "../../types.js";
import { createPlanRoute } from "./plans-create.js";
import { getPlanRoute } from "./plans-get.js";
import { listPlansRoute } from "./plans-list.js";
import { updatePlanRoute } from "./plans-update.js";
import { listPostingEventsRoute } from "./postings-events.js";
import { getPostingRoute } from "./postings-get.js";
import { listPostingsRoute } from "./postings-list.js";
import { cancelSubscriptionRoute } from "./subscriptions-cancel.js";
import { createSubscriptionRoute } from "./subscriptions-create.js";
import { getSubscriptionRoute } from "./subscriptions-get.js";
import { listSubscriptionsRoute } from "./subscriptions-list.js";
import { topUpReservationRoute } from "./subscriptions-reservation.js";

/** Registers the plans, subscriptions and billing postings routes (one route per file in this folder). */
export function subscriptionRoutes(app: AppInstance): void {
  createPlanRoute(app);
  listPlansRoute(app);
  getPlanRoute(app);
  updatePlanRoute(app);
  createSubscriptionRoute(app);
  listSubscriptionsRoute(app);
  getSubscriptionRoute(app);
  cancelSubscriptionRoute(app);
  topUpReservationRoute(app);
  listPostingsRoute(app);
  getPostingRoute(app);
  listPostingEventsRoute(app);
}
