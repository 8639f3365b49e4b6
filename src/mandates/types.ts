import type { Period } from "./periods.js";

export const MANDATE_STATUSES = ["active", "paused", "revoked", "expired", "exhausted"] as const;
export type MandateStatus = (typeof MANDATE_STATUSES)[number];
/** What is stored; `expired` and `exhausted` are derived from the clock and the budgets. */
export type StoredMandateStatus = "active" | "paused" | "revoked";

export interface Recurrence {
  readonly frequency: Period;
  readonly maxOccurrences: number | null;
}

/**
 * Tips are opt-in per mandate: without caps the mandate allows no tips at all. Both caps are per
 * calendar day of the user's time zone, like the period budgets.
 */
export interface TipCaps {
  /** Most the agent may tip one recipient (merchant) in a day. */
  readonly recipientDayMax: bigint;
  /** Most the agent may tip in all, across recipients, in a day. */
  readonly dayMax: bigint;
}

export interface Mandate {
  readonly id: string;
  readonly userId: string;
  readonly agentId: string;
  readonly status: StoredMandateStatus;
  /** The user's own words, as they gave them to the agent. */
  readonly instruction: string;
  readonly currency: string;
  readonly amountMin: bigint;
  readonly amountMax: bigint;
  readonly budgetTotal: bigint | null;
  readonly budgetDay: bigint | null;
  readonly budgetWeek: bigint | null;
  readonly budgetMonth: bigint | null;
  /** Each session id gets this budget of its own. */
  readonly sessionBudget: bigint | null;
  readonly allowedMerchants: readonly string[] | null;
  readonly allowedCategories: readonly string[] | null;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly recurrence: Recurrence | null;
  /** Payments above this amount wait for the user's confirmation. */
  readonly stepUpThreshold: bigint | null;
  /** The user's tip caps; null: the mandate allows no tips. */
  readonly tips: TipCaps | null;
  readonly timezone: string;
  readonly jws: string;
  readonly metadata: string | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}
