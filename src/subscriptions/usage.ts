/**
 * The usage module as settlement sees it: a period's confirmed quantity per meter, across its
 * groups by each meter's aggregation (src/usage owns the events and aggregates).
 */
export { type MeterUsage, periodUsage as usageOfPeriod } from "../usage/index.js";
