import type { AppInstance } from "../../types.js";

/** Registers the tips routes (one route per file in this folder). */
export function tipRoutes(app: AppInstance): void {
  void app;
}
