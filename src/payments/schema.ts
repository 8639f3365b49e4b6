/**
 * Wire formats of payments, approvals and refunds, shared by HTTP, MCP and CLI. Amounts are
 * JSON integers in minor units, at most 10^15 (exact in JSON); times are Unix seconds.
 */
import { z } from "zod";
import { MANDATE_AMOUNT_MAX } from "../mandates/index.js";
import { isCurrency } from "../money/index.js";
import { DECLINE_CODES } from "./declines.js";
import { type Approval, CANCELLATION_REASONS, type Payment, PAYMENT_PURPOSES, PAYMENT_STATUSES, type Refund } from "./types.js";

export const LINE_ITEMS_MAX = 100;
export const DESCRIPTION_LENGTH_MAX = 1_000;

const amount = z.int().min(1).max(MANDATE_AMOUNT_MAX);
const shortText = z.string().min(1).max(128);

export const createPaymentBody = z
  .strictObject({
    mandate_id: z.string().min(1).max(64).describe("The mandate the user granted this agent."),
    merchant_id: z.string().min(1).max(64),
    amount: amount.describe("Minor units: 1234 CNY is ¥12.34."),
    currency: z.string().refine(isCurrency, { message: "must be an ISO 4217 currency code in upper case" }),
    description: z.string().min(1).max(DESCRIPTION_LENGTH_MAX).optional(),
    line_items: z
      .array(
        z.strictObject({
          description: z.string().min(1).max(500),
          quantity: z.int().min(1).max(1_000_000),
          unit_amount: z.int().min(0).max(MANDATE_AMOUNT_MAX),
        }),
      )
      .min(1)
      .max(LINE_ITEMS_MAX)
      .optional(),
    order_reference: shortText.optional().describe("The merchant's order or cart id."),
    tags: z
      .strictObject({ business_unit: shortText.optional(), cost_centre: shortText.optional(), session_id: z.string().min(1).max(64).optional() })
      .optional(),
    intent: z
      .strictObject({
        id: shortText.describe("The id of the user instruction this payment serves."),
        instruction: z.string().min(1).max(2_000).optional().describe("The user's words; stored as a hash."),
        instruction_hash: z.string().regex(/^[0-9a-f]{64}$/).optional().describe("sha256 hex of the user's words."),
        given_at: z.iso.datetime({ offset: true }).optional().describe("When the user gave the instruction."),
      })
      .describe("The user intent behind the payment: it links the money to what the person asked for."),
    capture: z.boolean().optional().describe("true (default): pay at once; false: authorise a hold to capture later."),
    metadata: z.record(z.string().max(64), z.string().max(500)).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.line_items !== undefined) {
      const total = b.line_items.reduce((sum, i) => sum + BigInt(i.quantity) * BigInt(i.unit_amount), 0n);
      if (total !== BigInt(b.amount)) {
        ctx.addIssue({ code: "custom", path: ["line_items"], message: `line items add up to ${total}, not the amount ${b.amount}` });
      }
    }
  });

export type CreatePaymentBody = z.output<typeof createPaymentBody>;

export const captureBody = z.strictObject({
  amount: amount.optional().describe("Minor units to capture; default the whole authorised amount."),
});

export const refundBody = z.strictObject({
  amount: amount.optional().describe("Minor units to refund; default all that is left."),
  reason: z.string().min(1).max(500).optional(),
});

const secs = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / 1000));

export const paymentObject = z.object({
  id: z.string(),
  object: z.literal("payment"),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.int(),
  currency: z.string(),
  amount_captured: z.int(),
  amount_refunded: z.int(),
  fee_amount: z.int(),
  capture_method: z.enum(["automatic", "manual"]),
  agent_id: z.string(),
  user_id: z.string(),
  mandate_id: z.string(),
  merchant_id: z.string(),
  purpose: z.enum(PAYMENT_PURPOSES).describe("What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip."),
  subscription_id: z.string().nullable(),
  tip_message: z.string().nullable(),
  description: z.string().nullable(),
  line_items: z.array(z.object({ description: z.string(), quantity: z.int(), unit_amount: z.int() })).nullable(),
  order_reference: z.string().nullable(),
  tags: z.object({ business_unit: z.string().nullable(), cost_centre: z.string().nullable(), session_id: z.string().nullable() }),
  intent: z.object({ id: z.string(), instruction_hash: z.string().nullable(), given_at: z.int().nullable() }),
  decline_code: z.enum(DECLINE_CODES).nullable(),
  cancellation_reason: z.enum(CANCELLATION_REASONS).nullable(),
  approval_id: z.string().nullable(),
  expires_at: z.int().nullable().describe("When an uncaptured hold or an unanswered confirmation lapses."),
  metadata: z.record(z.string(), z.string()).nullable(),
  created: z.int(),
  updated: z.int(),
});

export function presentPayment(p: Payment): z.output<typeof paymentObject> {
  return {
    id: p.id,
    object: "payment",
    status: p.status,
    amount: Number(p.amount),
    currency: p.currency,
    amount_captured: Number(p.amountCaptured),
    amount_refunded: Number(p.amountRefunded),
    fee_amount: Number(p.feeAmount),
    capture_method: p.captureMethod,
    agent_id: p.agentId,
    user_id: p.userId,
    mandate_id: p.mandateId,
    merchant_id: p.merchantId,
    purpose: p.purpose,
    subscription_id: p.subscriptionId,
    tip_message: p.tipMessage,
    description: p.description,
    line_items:
      p.lineItems === null
        ? null
        : p.lineItems.map((i) => ({ description: i.description, quantity: i.quantity, unit_amount: Number(i.unitAmount) })),
    order_reference: p.orderReference,
    tags: { business_unit: p.businessUnit, cost_centre: p.costCentre, session_id: p.sessionId },
    intent: { id: p.intent.id, instruction_hash: p.intent.hash, given_at: secs(p.intent.givenAtMs) },
    decline_code: p.declineCode,
    cancellation_reason: p.cancellationReason,
    approval_id: p.approvalId,
    expires_at: secs(p.holdExpiresAtMs),
    metadata: p.metadata === null ? null : (JSON.parse(p.metadata) as Record<string, string>),
    created: secs(p.createdAtMs)!,
    updated: secs(p.updatedAtMs)!,
  };
}

export const approvalObject = z.object({
  id: z.string(),
  object: z.literal("approval"),
  payment_id: z.string(),
  user_id: z.string(),
  status: z.enum(["pending", "approved", "declined", "expired"]),
  reason: z.enum(["mandate_step_up", "risk_step_up"]),
  expires_at: z.int(),
  decided_at: z.int().nullable(),
  created: z.int(),
});

export function presentApproval(a: Approval): z.output<typeof approvalObject> {
  return {
    id: a.id,
    object: "approval",
    payment_id: a.paymentId,
    user_id: a.userId,
    status: a.status,
    reason: a.reason,
    expires_at: secs(a.expiresAtMs)!,
    decided_at: secs(a.decidedAtMs),
    created: secs(a.createdAtMs)!,
  };
}

export const refundObject = z.object({
  id: z.string(),
  object: z.literal("refund"),
  payment_id: z.string(),
  amount: z.int(),
  currency: z.string(),
  reason: z.string().nullable(),
  status: z.literal("succeeded"),
  created: z.int(),
});

export function presentRefund(r: Refund): z.output<typeof refundObject> {
  return {
    id: r.id,
    object: "refund",
    payment_id: r.paymentId,
    amount: Number(r.amount),
    currency: r.currency,
    reason: r.reason,
    status: r.status,
    created: secs(r.createdAtMs)!,
  };
}
