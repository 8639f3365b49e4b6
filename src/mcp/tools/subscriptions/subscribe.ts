import { createHash } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../../../core/errors.js";
import { err, ok } from "../../../core/result.js";
import { createSubscriptionBody, subscribe, viewSubscriptions } from "../../../subscriptions/index.js";
import { MCP_KEY_PREFIX } from "../../keys.js";
import { defineTool, MOVES_MONEY } from "../../tool.js";
import { declinedError } from "../shared.js";
import { mcpSubscriptionObject, presentMcpSubscription, subscriptionSummary } from "./shared.js";

/**
 * The subscription's idempotency key, derived on the server from what identifies it: a retried
 * call (reworded, or with the model unsure whether the first one went through) finds the same
 * subscription and never subscribes twice.
 */
export function subscribeKey(agentId: string, intentId: string, planId: string, mandateId: string): string {
  return MCP_KEY_PREFIX + createHash("sha256").update(JSON.stringify(["subscribe", agentId, intentId, planId, mandateId])).digest("hex");
}

const shape = createSubscriptionBody.shape;

/** The HTTP body, with the user's words made required: every period's charge links back to them. */
const input = createSubscriptionBody.safeExtend({
  plan_id: shape.plan_id.describe("The merchant's plan (pln_…) the user asked to subscribe to."),
  intent: z
    .strictObject({
      id: z.string().min(1).max(128).describe("A stable id of the user's instruction; the same on every retry."),
      instruction: z.string().min(1).max(2_000).describe("The user's instruction in their own words, quoted, not paraphrased."),
      given_at: z.iso.datetime({ offset: true }).optional().describe("When the user gave the instruction (ISO 8601 with offset), if you know it."),
    })
    .describe("The user's intent behind the subscription: every period's charge links back to it."),
});

export const subscribeTool = defineTool({
  name: "subscribe",
  title: "Subscribe the user to a plan",
  description:
    "MOVES MONEY, AND KEEPS MOVING IT: subscribes the user you act for to a merchant's plan — a recurring commitment, " +
    "charged every period (day, week, month or year) until it is canceled or the user's mandate stops it. Only under " +
    "one of your mandates that recurs at the plan's interval: the mandate bounds everything — its window (no renewal " +
    "after not_after), its budgets, one payment per period and its maximum number of occurrences; a renewal it refuses " +
    "ends the subscription. arrears mode: the first flat fee is charged now, then each period's usage with the next fee " +
    "at the period's end. reserve mode: reservation_amount is held on the wallet each period and usage draws it down; " +
    "what is unused is released at the period's end. Subscribe only when the user asked for this plan. Idempotent: the " +
    "server derives the key from you, intent.id, plan_id and mandate_id. Result status: active; incomplete (the first " +
    "payment waits for the user: give them next_action.approval_url). A refused first payment is a tool error with " +
    "error.decline_code.",
  audience: ["agent"],
  scope: "subscriptions:write",
  annotations: MOVES_MONEY,
  input,
  output: mcpSubscriptionObject,
  async run(ctx, args) {
    const principal = ctx.principal;
    if (principal.type !== "agent") return err(new ApiError("forbidden", "Only an agent subscribes, under a mandate its user granted."));
    const key = subscribeKey(principal.id, args.intent.id, args.plan_id, args.mandate_id);
    const done = await subscribe(ctx.services.subscriptions, principal, args, key, ctx.requestId);
    if (!done.ok) return done;
    const refused = done.value.refused === null ? null : declinedError(done.value.refused);
    if (refused !== null) return err(refused);
    const [view] = await viewSubscriptions(ctx.services.subscriptions, [done.value.subscription]);
    return ok(await presentMcpSubscription(ctx, view!));
  },
  summary: subscriptionSummary,
});
