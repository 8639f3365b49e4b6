import { presentUsageBatch, recordUsage, type UsageBatchObject, usageBatchBody, usageBatchObject } from "../../../usage/index.js";
import { defineTool, type MoneyAnnotations } from "../../tool.js";

/**
 * Records billable usage: it changes what a customer will be charged, but moves no money now and
 * takes nothing back, and a repeated call counts nothing twice (event ids deduplicate).
 */
const RECORDS_USAGE: MoneyAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** Rejection codes named in the summary, at most. */
const SUMMARY_CODES_MAX = 5;

export const reportUsageTool = defineTool({
  name: "report_usage",
  title: "Report usage",
  description:
    "RECORDS BILLABLE USAGE for your customers' subscriptions (it is charged at the period's settlement, or drawn from " +
    "the reservation at once in reserve mode). Send 1 to 1,000 events, each with your own id (unique per subscription: " +
    "a repeated id is a duplicate and is never counted twice, so retrying is safe), the subscription_id, the meter's " +
    "event type, properties (the meter's value and group-by keys), and optionally a timestamp (Unix seconds; default " +
    "now). Each event is accepted, duplicate, or rejected with a reason code; valid events are recorded even if others " +
    "are rejected. If events are rejected with insufficient_reservation (or the whole call fails with that code) the " +
    "customer's reservation is used up: stop serving them until it is topped up.",
  audience: ["merchant"],
  scope: "usage:write",
  annotations: RECORDS_USAGE,
  input: usageBatchBody,
  output: usageBatchObject,
  async run(ctx, args) {
    const recorded = await recordUsage(ctx.services.usage, ctx.principal, args.events, { allOrNothing: args.all_or_nothing, requestId: ctx.requestId });
    return recorded.ok ? { ok: true, value: presentUsageBatch(recorded.value) } : recorded;
  },
  summary: usageSummary,
});

function usageSummary(b: UsageBatchObject): string {
  const head = `Recorded ${b.accepted} event(s); ${b.duplicates} duplicate(s) not counted again; ${b.rejected} rejected.`;
  const codes = [...new Set(b.results.flatMap((r) => (r.error === undefined ? [] : [r.error.code])))];
  if (codes.length === 0) return head;
  const stop = codes.includes("insufficient_reservation") ? " The reservation is used up for some subscription: stop serving it." : "";
  return `${head} Rejection reasons: ${codes.slice(0, SUMMARY_CODES_MAX).join(", ")} (see results).${stop}`;
}
