/** The subscription as MCP shows it: the HTTP object plus what the user must do before it can go on. */
import { z } from "zod";
import { getPayment } from "../../../payments/index.js";
import { presentSubscription, type SubscriptionView, subscriptionObject } from "../../../subscriptions/index.js";
import type { ToolContext } from "../../tool.js";
import { mcpPaymentObject, money, presentMcpPayment } from "../shared.js";

export const subscriptionIdInput = z.string().min(1).max(64).describe("The subscription's id (sub_…).");

export const mcpSubscriptionObject = subscriptionObject.extend({
  next_action: mcpPaymentObject.shape.next_action.describe(
    "When the subscription's payment waits for the user's confirmation: give them approval_url; null otherwise.",
  ),
});
export type McpSubscription = z.output<typeof mcpSubscriptionObject>;

export async function presentMcpSubscription(ctx: ToolContext, v: SubscriptionView): Promise<McpSubscription> {
  const pending = v.pendingPaymentId === null ? null : await getPayment(ctx.services.payments, ctx.principal, v.pendingPaymentId);
  const nextAction = pending?.ok === true ? presentMcpPayment(pending.value, ctx.settings).next_action : null;
  return { ...presentSubscription(v.subscription, v.pendingPaymentId), next_action: nextAction };
}

const day = (unixS: number) => new Date(unixS * 1000).toISOString().slice(0, 10);

export function subscriptionSummary(s: McpSubscription): string {
  const head = `Subscription ${s.id} to plan ${s.plan_id} of ${s.merchant_id}`;
  const period = `period ${s.current_period.number} runs ${day(s.current_period.start)} to ${day(s.current_period.end)}`;
  const reservation = s.reservation === null ? "" : ` Reservation: ${money(s.reservation.amount, s.currency)} held per period.`;
  switch (s.status) {
    case "active":
      return `${head} is active; ${period}${s.cancel_at_period_end ? ", and it ends then" : ""}.${reservation}`;
    case "incomplete":
    case "past_due":
      return s.next_action === null
        ? `${head} waits for the user's confirmation of payment ${s.pending_payment_id ?? ""}.`
        : `${head} waits for the user: ask them to approve payment ${s.pending_payment_id ?? ""} at ${s.next_action.approval_url}. Nothing is charged until they do.`;
    case "canceled":
      return `${head} is canceled (${s.cancel_reason ?? "canceled"}); no further periods are charged.`;
  }
}
