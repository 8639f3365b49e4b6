import type { AppInstance } from "../../types.js";

/** Registers the usage routes (one route per file in this folder). */
export function usageRoutes(app: AppInstance): void {
  void app;
}
