import type { Insertable } from "kysely";
import { assert } from "../core/assert.js";
import type { MandateRow } from "../store/index.js";
import type { Period } from "./periods.js";
import type { Mandate, StoredMandateStatus, TipCaps } from "./types.js";

const list = (v: string | null): string[] | null => (v === null ? null : (JSON.parse(v) as string[]));

export function mandateFromRow(r: MandateRow): Mandate {
  return {
    id: r.id,
    userId: r.user_id,
    agentId: r.agent_id,
    status: r.status as StoredMandateStatus,
    instruction: r.instruction,
    currency: r.currency,
    amountMin: r.amount_min,
    amountMax: r.amount_max,
    budgetTotal: r.budget_total,
    budgetDay: r.budget_day,
    budgetWeek: r.budget_week,
    budgetMonth: r.budget_month,
    sessionBudget: r.session_budget,
    allowedMerchants: list(r.allowed_merchants),
    allowedCategories: list(r.allowed_categories),
    notBeforeMs: Number(r.not_before),
    notAfterMs: Number(r.not_after),
    recurrence:
      r.recurrence_frequency === null
        ? null
        : {
            frequency: r.recurrence_frequency as Period,
            maxOccurrences: r.recurrence_max === null ? null : Number(r.recurrence_max),
          },
    stepUpThreshold: r.step_up_threshold,
    tips: tipCapsOf(r),
    timezone: r.timezone,
    jws: r.jws,
    metadata: r.metadata,
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

/** Both tip caps or neither: a row with one of them is half-written, corruption rather than a mandate. */
function tipCapsOf(r: MandateRow): TipCaps | null {
  const recipientDayMax = r.tip_recipient_day_max;
  const dayMax = r.tip_day_max;
  if (recipientDayMax === null && dayMax === null) return null;
  assert(recipientDayMax !== null && dayMax !== null, `mandate row ${r.id}: tip caps are both set or both null`);
  return { recipientDayMax, dayMax };
}

export function mandateToRow(m: Mandate): Insertable<MandateRow> {
  return {
    id: m.id,
    user_id: m.userId,
    agent_id: m.agentId,
    status: m.status,
    instruction: m.instruction,
    currency: m.currency,
    amount_min: m.amountMin,
    amount_max: m.amountMax,
    budget_total: m.budgetTotal,
    budget_day: m.budgetDay,
    budget_week: m.budgetWeek,
    budget_month: m.budgetMonth,
    session_budget: m.sessionBudget,
    allowed_merchants: m.allowedMerchants === null ? null : JSON.stringify(m.allowedMerchants),
    allowed_categories: m.allowedCategories === null ? null : JSON.stringify(m.allowedCategories),
    not_before: BigInt(m.notBeforeMs),
    not_after: BigInt(m.notAfterMs),
    recurrence_frequency: m.recurrence?.frequency ?? null,
    recurrence_max: m.recurrence?.maxOccurrences === undefined || m.recurrence.maxOccurrences === null ? null : BigInt(m.recurrence.maxOccurrences),
    step_up_threshold: m.stepUpThreshold,
    tip_recipient_day_max: m.tips?.recipientDayMax ?? null,
    tip_day_max: m.tips?.dayMax ?? null,
    timezone: m.timezone,
    jws: m.jws,
    metadata: m.metadata,
    created_at: BigInt(m.createdAtMs),
    updated_at: BigInt(m.updatedAtMs),
  };
}
