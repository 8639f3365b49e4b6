import type { AppInstance } from "../../types.js";

/** Registers the subscriptions routes (one route per file in this folder). */
export function subscriptionRoutes(app: AppInstance): void {
  void app;
}
