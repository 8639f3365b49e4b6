/**
 * Know-your-customer limits grow with the user's verification level. They are set in major
 * units of the payment's currency (no FX: a deployment serving several currencies tunes them per
 * currency through configuration later) and scaled by the currency's exponent.
 */
import type { BudgetLine } from "../mandates/index.js";
import { periodKey } from "../mandates/index.js";
import { currencyExponent } from "../money/index.js";

export const KYC_LIMITS_MAJOR: ReadonlyArray<{ readonly perPayment: bigint; readonly perDay: bigint }> = [
  { perPayment: 200n, perDay: 500n },
  { perPayment: 2_000n, perDay: 5_000n },
  { perPayment: 20_000n, perDay: 50_000n },
  { perPayment: 200_000n, perDay: 500_000n },
];

function scale(major: bigint, currency: string): bigint {
  return major * 10n ** BigInt(currencyExponent(currency));
}

export function kycPerPaymentMax(level: number, currency: string): bigint {
  const limits = KYC_LIMITS_MAJOR[Math.max(0, Math.min(level, KYC_LIMITS_MAJOR.length - 1))]!;
  return scale(limits.perPayment, currency);
}

/**
 * The user's daily limit across all of their agents: one more budget of the payment's chain,
 * in the user's calendar.
 */
export function kycDayLine(
  user: { id: string; kycLevel: number },
  currency: string,
  amount: bigint,
  nowMs: number,
): BudgetLine {
  const limits = KYC_LIMITS_MAJOR[Math.max(0, Math.min(user.kycLevel, KYC_LIMITS_MAJOR.length - 1))]!;
  return {
    level: "user_day",
    // The day is the UTC day: users may change their time zone, and a limit must not restart
    // when they do. The limit is the one of the level at the day's first payment; a level change
    // applies from the next day (a downgrade cannot reopen today's spending).
    accountId: `budget:${user.id}:kyc-day:${currency}:${periodKey("day", nowMs, "UTC")}`,
    currency,
    limit: scale(limits.perDay, currency),
    charge: amount,
  };
}
