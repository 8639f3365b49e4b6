/** Meter ids are `mtr_<ULID>` (Stripe's meter prefix), usage batch ids `ubt_<ULID>`. */
import { newId } from "../core/ids.js";

export const newMeterId = (): string => newId("mtr");
export const newUsageBatchId = (): string => newId("ubt");
