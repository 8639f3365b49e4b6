/**
 * Meter ids are `mtr_<ULID>` (Stripe's meter prefix), batch ids `ubt_<ULID>`. The shared id module
 * lists other modules' prefixes; usage makes its own the same way (monotonic, lower-case ULID),
 * so they sort by creation time for cursor pagination.
 */
import { monotonicFactory } from "ulidx";

const ulid = monotonicFactory();

export const newMeterId = (): string => `mtr_${ulid().toLowerCase()}`;
export const newUsageBatchId = (): string => `ubt_${ulid().toLowerCase()}`;
