/**
 * Wire formats of mandates, shared by HTTP, CLI and MCP. Amounts are JSON integers in minor
 * units (bounded by MANDATE_AMOUNT_MAX, well inside 2^53), times are ISO 8601.
 */
import { z } from "zod";
import { isCurrency } from "../money/index.js";
import { MANDATE_STATUSES, type Mandate, type MandateStatus } from "./types.js";
import type { BudgetLevel } from "./budgets.js";

/** 10^15 minor units: ¥10 trillion. Keeps every amount an exact JSON number. */
export const MANDATE_AMOUNT_MAX = 1_000_000_000_000_000;
export const INSTRUCTION_LENGTH_MAX = 2_000;
export const ALLOWED_LIST_MAX = 100;
/** A mandate may be valid for at most five years. */
export const MANDATE_VALIDITY_MS_MAX = 5 * 366 * 24 * 3600 * 1000;
export const OCCURRENCES_MAX = 10_000;

const amount = z.int().min(1).max(MANDATE_AMOUNT_MAX);

export const createMandateBody = z
  .strictObject({
    agent_id: z.string().min(1).max(64).describe("The agent this mandate authorises (one of the user's agents)."),
    instruction: z
      .string()
      .min(1)
      .max(INSTRUCTION_LENGTH_MAX)
      .describe("The user's instruction in their own words, e.g. 'renew my gym membership every month'."),
    currency: z.string().refine(isCurrency, { message: "must be an ISO 4217 currency code in upper case" }),
    amount_min: amount.optional().describe("Smallest single payment (minor units); default 1."),
    amount_max: amount.describe("Largest single payment (minor units)."),
    budget_total: amount.optional().describe("Total the agent may spend under this mandate."),
    budget_day: amount.optional(),
    budget_week: amount.optional(),
    budget_month: amount.optional(),
    session_budget: amount.optional().describe("Budget of each agent session (payments tagged with a session id)."),
    allowed_merchants: z.array(z.string().min(1).max(64)).min(1).max(ALLOWED_LIST_MAX).optional(),
    allowed_categories: z.array(z.string().min(1).max(64)).min(1).max(ALLOWED_LIST_MAX).optional(),
    not_before: z.iso.datetime({ offset: true }).optional().describe("Start of the approved window; default now."),
    not_after: z.iso.datetime({ offset: true }).describe("End of the approved window: nothing is paid after it."),
    recurrence: z
      .strictObject({
        frequency: z.enum(["day", "week", "month", "year"]),
        max_occurrences: z.int().min(1).max(OCCURRENCES_MAX).optional(),
      })
      .optional()
      .describe("For recurring payments: at most one payment per period, and at most max_occurrences in all."),
    step_up_threshold: z
      .int()
      .min(0)
      .max(MANDATE_AMOUNT_MAX)
      .optional()
      .describe("Payments above this amount wait for the user to confirm them."),
    tips: z
      .strictObject({
        per_recipient_day_max: amount.describe("Most the agent may tip one recipient (merchant) in a day of the user's time zone."),
        day_max: amount.describe("Most the agent may tip in all, across recipients, in a day of the user's time zone."),
      })
      .optional()
      .describe(
        "Allows tips (POST /v1/tips, MCP send_tip) under this mandate, capped per recipient per day and per day overall " +
          "(minor units). Without it the mandate allows no tips. Tips also count against every other budget of the mandate.",
      ),
    metadata: z.record(z.string().max(64), z.string().max(500)).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.amount_min !== undefined && b.amount_min > b.amount_max) {
      ctx.addIssue({ code: "custom", path: ["amount_min"], message: "amount_min must not exceed amount_max" });
    }
    for (const key of ["budget_total", "budget_day", "budget_week", "budget_month", "session_budget"] as const) {
      const value = b[key];
      if (value !== undefined && value < (b.amount_min ?? 1)) {
        ctx.addIssue({ code: "custom", path: [key], message: `${key} is smaller than the smallest payment allowed` });
      }
    }
    if (b.tips !== undefined) checkTips(b.tips, b.amount_min ?? 1, ctx);
    if (b.not_before !== undefined && Date.parse(b.not_before) >= Date.parse(b.not_after)) {
      ctx.addIssue({ code: "custom", path: ["not_after"], message: "not_after must be later than not_before" });
    }
  });

export type CreateMandateBody = z.output<typeof createMandateBody>;

function checkTips(tips: { per_recipient_day_max: number; day_max: number }, amountMin: number, ctx: z.RefinementCtx): void {
  if (tips.per_recipient_day_max > tips.day_max) {
    ctx.addIssue({ code: "custom", path: ["tips", "per_recipient_day_max"], message: "per_recipient_day_max must not exceed day_max" });
  }
  // A cap below the smallest payment would allow no tip at all: a mistake, not a setting.
  if (tips.per_recipient_day_max < amountMin) {
    ctx.addIssue({ code: "custom", path: ["tips", "per_recipient_day_max"], message: "per_recipient_day_max is smaller than the smallest payment allowed" });
  }
}

const tipCapsObject = z
  .object({ per_recipient_day_max: z.int(), day_max: z.int() })
  .nullable()
  .describe("The user's tip caps per day of their time zone; null: this mandate allows no tips.");

const budgetsObject = z.object({
  total: z.int().nullable(),
  day: z.int().nullable(),
  week: z.int().nullable(),
  month: z.int().nullable(),
  session: z.int().nullable(),
});

export const mandateObject = z.object({
  id: z.string(),
  object: z.literal("mandate"),
  user_id: z.string(),
  agent_id: z.string(),
  status: z.enum(MANDATE_STATUSES),
  instruction: z.string(),
  currency: z.string(),
  amount_min: z.int(),
  amount_max: z.int(),
  budgets: budgetsObject.describe("The limits the user set (null: no limit at that level)."),
  remaining: budgetsObject
    .extend({
      occurrences: z.int().nullable(),
      tip_day: z.int().nullable().describe("What is left of today's tip cap across recipients (null: no tips)."),
    })
    .describe("What is left now: the current day/week/month, the whole mandate; session budgets are per session."),
  allowed_merchants: z.array(z.string()).nullable(),
  allowed_categories: z.array(z.string()).nullable(),
  not_before: z.string(),
  not_after: z.string(),
  recurrence: z.object({ frequency: z.string(), max_occurrences: z.int().nullable() }).nullable(),
  step_up_threshold: z.int().nullable(),
  tips: tipCapsObject,
  timezone: z.string(),
  jws: z.string().describe("The mandate signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json."),
  metadata: z.record(z.string(), z.string()).nullable(),
  created: z.int().describe("Unix seconds."),
  updated: z.int().describe("Unix seconds."),
});

const iso = (ms: number) => new Date(ms).toISOString();
const num = (v: bigint | null): number | null => (v === null ? null : Number(v));

export function presentMandate(
  m: Mandate,
  status: MandateStatus,
  remaining: ReadonlyMap<BudgetLevel, bigint>,
): z.output<typeof mandateObject> {
  const left = (level: BudgetLevel) => num(remaining.get(level) ?? null);
  return {
    id: m.id,
    object: "mandate",
    user_id: m.userId,
    agent_id: m.agentId,
    status,
    instruction: m.instruction,
    currency: m.currency,
    amount_min: Number(m.amountMin),
    amount_max: Number(m.amountMax),
    budgets: {
      total: num(m.budgetTotal),
      day: num(m.budgetDay),
      week: num(m.budgetWeek),
      month: num(m.budgetMonth),
      session: num(m.sessionBudget),
    },
    remaining: {
      total: left("total"),
      day: left("day"),
      week: left("week"),
      month: left("month"),
      session: num(m.sessionBudget),
      occurrences: left("occurrences"),
      tip_day: left("tip_day"),
    },
    allowed_merchants: m.allowedMerchants === null ? null : [...m.allowedMerchants],
    allowed_categories: m.allowedCategories === null ? null : [...m.allowedCategories],
    not_before: iso(m.notBeforeMs),
    not_after: iso(m.notAfterMs),
    recurrence:
      m.recurrence === null ? null : { frequency: m.recurrence.frequency, max_occurrences: m.recurrence.maxOccurrences },
    step_up_threshold: num(m.stepUpThreshold),
    tips: m.tips === null ? null : { per_recipient_day_max: Number(m.tips.recipientDayMax), day_max: Number(m.tips.dayMax) },
    timezone: m.timezone,
    jws: m.jws,
    metadata: m.metadata === null ? null : (JSON.parse(m.metadata) as Record<string, string>),
    created: Math.floor(m.createdAtMs / 1000),
    updated: Math.floor(m.updatedAtMs / 1000),
  };
}
