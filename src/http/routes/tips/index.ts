import type { AppInstance } from "../../types.js";
import { sendTipRoute } from "./tips-create.js";

/** Registers the tips routes (one route per file in this folder). Tips are read as payments (`GET /v1/payments?purpose=tip`). */
export function tipRoutes(app: AppInstance): void {
  sendTipRoute(app);
}
