import type { AppInstance } from "../../types.js";
import { createMeterRoute } from "./meters-create.js";
import { getMeterRoute } from "./meters-get.js";
import { listMetersRoute } from "./meters-list.js";
import { updateMeterRoute } from "./meters-update.js";
import { getSubscriptionUsageRoute } from "./subscription-usage-get.js";
import { confirmUsageRoute } from "./usage-events-confirm.js";
import { recordUsageRoute } from "./usage-events-create.js";
import { listUsageEventsRoute } from "./usage-events-list.js";
import { reverseUsageRoute } from "./usage-events-reverse.js";

/** Registers the usage routes (one route per file in this folder). */
export function usageRoutes(app: AppInstance): void {
  createMeterRoute(app);
  listMetersRoute(app);
  getMeterRoute(app);
  updateMeterRoute(app);
  recordUsageRoute(app);
  confirmUsageRoute(app);
  reverseUsageRoute(app);
  listUsageEventsRoute(app);
  getSubscriptionUsageRoute(app);
}
