/** What several tools share: the payment as MCP shows it, and money in a sentence. */
import { z } from "zod";
import { ApiError } from "../../core/errors.js";
import { formatMinor } from "../../money/index.js";
import { DECLINE_MESSAGES, type Payment, paymentObject, presentPayment } from "../../payments/index.js";
import type { McpSettings } from "../settings.js";

export const LIST_LIMIT_DEFAULT = 10;

export const paymentIdInput = z.string().min(1).max(64).describe("The payment's id (pay_…).");

const nextAction = z
  .object({
    type: z.literal("confirm_with_user"),
    approval_id: z.string(),
    approval_url: z.string().describe("Where the user approves or declines; give it to them."),
    expires_at: z.int().describe("Unix seconds: after this the payment is canceled unless the user approved it."),
  })
  .describe("What must happen before the payment can complete; null when nothing is pending on the user.");

/** The HTTP API's payment object plus what the agent must do next. */
export const mcpPaymentObject = paymentObject.extend({ next_action: nextAction.nullable() });
export type McpPayment = z.output<typeof mcpPaymentObject>;

export function presentMcpPayment(p: Payment, settings: McpSettings): McpPayment {
  const { approvalId, holdExpiresAtMs } = p;
  const waiting = p.status === "requires_confirmation" && approvalId !== null && holdExpiresAtMs !== null;
  return {
    ...presentPayment(p),
    next_action: waiting
      ? {
          type: "confirm_with_user",
          approval_id: approvalId,
          approval_url: `${settings.publicUrl}/approvals/${approvalId}`,
          expires_at: Math.floor(holdExpiresAtMs / 1000),
        }
      : null,
  };
}

/** "CNY 12.34 (1234 minor units)": the model sees both the amount a person reads and the one it sends. */
export function money(amountMinor: number | bigint, currency: string): string {
  return `${currency} ${formatMinor(BigInt(amountMinor), currency)} (${amountMinor} minor units)`;
}

const isoOf = (unixS: number) => new Date(unixS * 1000).toISOString();

export function paymentSummary(p: McpPayment): string {
  const head = `Payment ${p.id} of ${money(p.amount, p.currency)} to ${p.merchant_id}`;
  switch (p.status) {
    case "processing":
      return `${head} is being processed; check it again with get_payment.`;
    case "succeeded":
      return `${head} succeeded${p.amount_refunded > 0 ? `; ${money(p.amount_refunded, p.currency)} refunded` : ""}.`;
    case "requires_capture":
      return `${head} is authorised: the money is held until the merchant captures it${p.expires_at === null ? "" : ` (hold lapses ${isoOf(p.expires_at)})`}.`;
    case "requires_confirmation":
      return p.next_action === null
        ? `${head} waits for the user's confirmation.`
        : `${head} waits for the user's confirmation: ask them to approve it at ${p.next_action.approval_url} before ` +
            `${isoOf(p.next_action.expires_at)}, then check it with get_payment. No money has moved yet.`;
    case "canceled":
      return `${head} was canceled (${p.cancellation_reason ?? "canceled"}); no money moved.`;
    case "declined":
      return `${head} was declined (${p.decline_code ?? "declined"}); no money moved.`;
  }
}

/** A decline as the HTTP API answers it: `payment_declined` with the reason and the declined payment. */
export function declinedError(p: Payment): ApiError | null {
  if (p.status !== "declined" || p.declineCode === null) return null;
  return new ApiError("payment_declined", DECLINE_MESSAGES[p.declineCode], undefined, {
    decline_code: p.declineCode,
    payment: presentPayment(p),
  });
}
