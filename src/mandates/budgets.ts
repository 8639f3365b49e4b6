/**
 * Mandate budgets are ledger accounts (TigerBeetle's "control accounts" pattern). Each budget is
 * an account with `debits_must_not_exceed_credits`, funded once with its limit; a payment debits
 * every budget it belongs to in the same linked chain as the money transfer. The ledger then
 * guarantees what a mandate promises: the chain commits whole or not at all, two agents racing
 * on one budget can never overspend it, holds reserve budget until they are captured or voided,
 * and the remaining budget is an account balance anyone can read.
 *
 * Period budgets live in one account per period (`…:day:2026-11-29`), created on first use.
 * Occurrence limits count in the ISO "no currency" code XXX, one unit per payment. Tip caps are
 * day budgets that only tips spend: one per recipient (`…:tip:<merchant>:day:<day>`) and one
 * across recipients (`…:tip-day:<day>`).
 */
import { AccountFlag, type Ledger, NO_TAGS, type TransferInput } from "../ledger/index.js";
import { type Period, periodKey } from "./periods.js";
import type { Mandate } from "./types.js";

export const BUDGET_CONTROL_CODE = 9000;
export const BUDGET_ACCOUNT_CODE = 9100;
export const BUDGET_SPEND_CODE = 9101;
export const BUDGET_FUND_CODE = 9102;
/** ISO 4217's code for "no currency": occurrence counters. */
export const COUNT_CURRENCY = "XXX";
/** Budget account ids known to exist, per process. */
export const BUDGET_MEMO_SIZE_MAX = 100_000;

export type BudgetLevel =
  | "total"
  | "day"
  | "week"
  | "month"
  | "session"
  | "occurrences"
  | "recurrence"
  | "user_day"
  | "tip_day"
  | "tip_recipient_day";

export interface BudgetLine {
  readonly level: BudgetLevel;
  readonly accountId: string;
  readonly currency: string;
  readonly limit: bigint;
  /** What this payment takes from the budget: its amount, or 1 for counters. */
  readonly charge: bigint;
}

export const budgetSourceId = (currency: string): string => `budget-source:${currency}`;
export const budgetUsedId = (currency: string): string => `budget-used:${currency}`;

/** What a payment asks of a mandate's budgets. */
export interface BudgetAsk {
  readonly amount: bigint;
  readonly nowMs: number;
  readonly sessionId: string | null;
  readonly merchantId: string | null;
  /**
   * A payment's purpose (see payments' PAYMENT_PURPOSES). A subscription's reservation top-up
   * belongs to the period's occurrence already counted, so it takes no recurrence slot. A tip
   * takes none either (recurrence paces the mandate's recurring charge, which a tip must not
   * use up); it spends the mandate's tip caps instead.
   */
  readonly purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
  /**
   * A subscription's charge: the moment it was due (its period's start for a hold, the boundary
   * for an arrears settlement). Its recurrence slot is the one of that moment, not of the moment
   * it was processed — a renewal processed late across midnight keeps its own day's slot. The
   * other budgets (and the mandate's window) are those of now. Bounded by the payments module
   * (RECURRENCE_AT_LAG_MS_MAX).
   */
  readonly recurrenceAtMs?: number | null;
}

/** The budgets a payment must fit, most specific last. */
export function budgetLines(m: Mandate, ask: BudgetAsk): BudgetLine[] {
  const { amount, nowMs, sessionId } = ask;
  const lines: BudgetLine[] = [];
  // The suffix is computed only for a budget that is set: formatting a period key in the user's
  // time zone is the costly part, and most mandates set one period at most.
  const money = (level: BudgetLevel, limit: bigint | null, suffix: () => string) => {
    if (limit !== null) lines.push({ level, accountId: `budget:${m.id}:${suffix()}`, currency: m.currency, limit, charge: amount });
  };
  const period = (p: Period) => periodKey(p, nowMs, m.timezone);
  money("total", m.budgetTotal, () => "total");
  money("month", m.budgetMonth, () => `month:${period("month")}`);
  money("week", m.budgetWeek, () => `week:${period("week")}`);
  money("day", m.budgetDay, () => `day:${period("day")}`);
  if (sessionId !== null) money("session", m.sessionBudget, () => `session:${sessionId}`);
  // A tip under a mandate without tip caps never gets here: the tips module declines it first.
  if (ask.purpose === "tip" && m.tips !== null) {
    const day = period("day");
    money("tip_day", m.tips.dayMax, () => `tip-day:${day}`);
    // Without a recipient (reading what is left), only the cap across recipients applies.
    const recipient = ask.merchantId;
    if (recipient !== null) money("tip_recipient_day", m.tips.recipientDayMax, () => `tip:${recipient}:day:${day}`);
  }
  if (m.recurrence !== null && ask.purpose !== "subscription_top_up" && ask.purpose !== "tip") {
    const { frequency, maxOccurrences } = m.recurrence;
    if (maxOccurrences !== null) {
      lines.push({
        level: "occurrences",
        accountId: `budget:${m.id}:occurrences`,
        currency: COUNT_CURRENCY,
        limit: BigInt(maxOccurrences),
        charge: 1n,
      });
    }
    lines.push({
      level: "recurrence",
      accountId: `budget:${m.id}:${frequency}-slot:${periodKey(frequency, slotAtMs(ask), m.timezone)}`,
      currency: COUNT_CURRENCY,
      limit: 1n,
      charge: 1n,
    });
  }
  return lines;
}

function slotAtMs(ask: BudgetAsk): number {
  return ask.purpose === "subscription" && ask.recurrenceAtMs !== undefined && ask.recurrenceAtMs !== null ? ask.recurrenceAtMs : ask.nowMs;
}

/** The transfer that spends `line` for the payment `paymentId` (one leg of its linked chain). */
export function budgetSpend(line: BudgetLine, transferId: string, flags: number, timeoutS: number): TransferInput {
  return {
    id: transferId,
    debitAccountId: line.accountId,
    creditAccountId: budgetUsedId(line.currency),
    amount: line.charge,
    currency: line.currency,
    code: BUDGET_SPEND_CODE,
    pendingId: null,
    timeoutS,
    flags,
    tags: NO_TAGS,
    metadata: null,
  };
}

export class BudgetAccounts {
  private readonly known = new Set<string>();

  constructor(private readonly ledger: Ledger) {}

  /** Creates and funds the budget accounts that do not exist yet; idempotent and race-safe. */
  async ensure(lines: readonly BudgetLine[]): Promise<void> {
    const missing = lines.filter((l) => !this.known.has(l.accountId));
    if (missing.length === 0) return;
    const currencies = [...new Set(missing.map((l) => l.currency))];
    const created = await this.ledger.createAccounts([
      ...currencies.flatMap((c) => [control(budgetSourceId(c), c), control(budgetUsedId(c), c)]),
      ...missing.map((l) => ({
        id: l.accountId,
        currency: l.currency,
        code: BUDGET_ACCOUNT_CODE,
        ownerRef: null,
        flags: AccountFlag.debitsMustNotExceedCredits,
        metadata: null,
      })),
    ]);
    assertCreated(created.map((r) => r.result));
    const funded = await this.ledger.submitTransfers(missing.map(fundingTransfer));
    for (const r of funded) {
      if (r.result !== "ok" && r.result !== "exists") throw new Error(`budget funding ${r.id} failed: ${r.result}`);
    }
    if (this.known.size + missing.length > BUDGET_MEMO_SIZE_MAX) this.known.clear();
    for (const l of missing) this.known.add(l.accountId);
  }

  /** What is left of each budget: its limit for a budget never used. */
  async remaining(lines: readonly BudgetLine[]): Promise<Map<BudgetLevel, bigint>> {
    const accounts = new Map((await this.ledger.accounts(lines.map((l) => l.accountId))).map((a) => [a.id, a]));
    const left = new Map<BudgetLevel, bigint>();
    for (const l of lines) {
      const a = accounts.get(l.accountId);
      left.set(l.level, a === undefined ? l.limit : a.creditsPosted - a.debitsPosted - a.debitsPending);
    }
    return left;
  }
}

function control(id: string, currency: string) {
  return { id, currency, code: BUDGET_CONTROL_CODE, ownerRef: null, flags: 0, metadata: null };
}

function fundingTransfer(l: BudgetLine): TransferInput {
  return {
    id: `fund:${l.accountId}`,
    debitAccountId: budgetSourceId(l.currency),
    creditAccountId: l.accountId,
    amount: l.limit,
    currency: l.currency,
    code: BUDGET_FUND_CODE,
    pendingId: null,
    timeoutS: 0,
    flags: 0,
    tags: NO_TAGS,
    metadata: null,
  };
}

function assertCreated(results: readonly string[]): void {
  for (const r of results) if (r !== "ok" && r !== "exists") throw new Error(`budget account creation failed: ${r}`);
}
