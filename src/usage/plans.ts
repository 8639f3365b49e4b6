/**
 * Parsed plans by id. A plan's charges, currency and interval never change after it is created,
 * so a parsed plan can be kept for the life of the process, shared by every process reading the
 * same row. Bounded: past PLAN_CACHE_SIZE_MAX entries it starts over.
 */
import { planChargesFromJson } from "../billing/index.js";
import type { CurrencyCode } from "../money/index.js";
import type { PlanRow } from "../store/index.js";
import { PLAN_CACHE_SIZE_MAX } from "./limits.js";
import type { PlanCharges } from "./types.js";

export class PlanCache {
  private readonly plans = new Map<string, PlanCharges>();

  get(id: string): PlanCharges | undefined {
    return this.plans.get(id);
  }

  /** Parses and keeps a plan row; returns the parsed plan. */
  put(row: Pick<PlanRow, "id" | "charges" | "currency">): PlanCharges {
    const charges = planChargesFromJson(row.charges, row.currency as CurrencyCode);
    const plan: PlanCharges = {
      id: row.id,
      charges,
      byMeter: new Map(charges.map((c) => [c.meterId, c])),
      limited: charges.some((c) => c.limitQuantity !== null),
    };
    if (this.plans.size >= PLAN_CACHE_SIZE_MAX) this.plans.clear();
    this.plans.set(row.id, plan);
    return plan;
  }
}
