/**
 * A tip's message and a mandate's stored tip caps, checked without a server: the message refuses
 * what would hide or reorder text for the recipient, and a mandate row with only one of its two
 * tip caps is corruption, not a mandate without caps. Pure: nothing engine-specific to run twice.
 */
import { describe, expect, it } from "vitest";
import { AssertionError } from "../src/core/assert.js";
import { mandateFromRow } from "../src/mandates/rows.js";
import type { MandateRow } from "../src/store/index.js";
import { sendTipBody } from "../src/tips/index.js";

const body = (message: string) => ({
  mandate_id: "mdt_01jd3aaaaaaaaaaaaaaaaaaaaa",
  recipient: "mer_01jd3aaaaaaaaaaaaaaaaaaaaa",
  amount: 100,
  currency: "CNY",
  message,
  intent: { id: "int_1" },
});

describe("tip message", () => {
  const hiding = [
    ...["\u202A", "\u202B", "\u202C", "\u202D", "\u202E"],
    ...["\u2066", "\u2067", "\u2068", "\u2069"],
    ...["\u200B", "\u200C", "\u200D", "\u200E", "\u200F"],
    "\uFEFF",
  ];

  it.each(hiding.map((ch) => [`U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`, ch]))("refuses %s", (_name, ch) => {
    const parsed = sendTipBody.safeParse(body(`Thanks ${ch}for the skill`));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["message"]);
  });

  it("refuses an override hidden at either end", () => {
    expect(sendTipBody.safeParse(body("\u202Egnikcah")).success).toBe(false);
    expect(sendTipBody.safeParse(body("thanks\uFEFF")).success).toBe(false);
  });

  it("keeps what a thank-you note is written with: accents, scripts, emoji, line feed and tab", () => {
    for (const message of ["Merci beaucoup, Zoë !", "谢谢你的技能", "شكرا لك", "Thanks 🎉", "Line one\nline two\tend"]) {
      expect(sendTipBody.safeParse(body(message)).success, message).toBe(true);
    }
  });
});

describe("a mandate's stored tip caps", () => {
  const row = (caps: Pick<MandateRow, "tip_recipient_day_max" | "tip_day_max">): MandateRow => ({
    id: "mdt_01jd3aaaaaaaaaaaaaaaaaaaaa",
    user_id: "usr_01jd3aaaaaaaaaaaaaaaaaaaaa",
    agent_id: "agt_01jd3aaaaaaaaaaaaaaaaaaaaa",
    status: "active",
    instruction: "Tip the authors of skills I use.",
    currency: "CNY",
    amount_min: 1n,
    amount_max: 1_000n,
    budget_total: null,
    budget_day: null,
    budget_week: null,
    budget_month: null,
    session_budget: null,
    allowed_merchants: null,
    allowed_categories: null,
    not_before: 0n,
    not_after: 1_000n,
    recurrence_frequency: null,
    recurrence_max: null,
    step_up_threshold: null,
    timezone: "UTC",
    jws: "jws",
    metadata: null,
    created_at: 0n,
    updated_at: 0n,
    ...caps,
  });

  it("reads both caps, or no tips at all when both are null", () => {
    expect(mandateFromRow(row({ tip_recipient_day_max: 1_000n, tip_day_max: 1_500n })).tips).toEqual({ recipientDayMax: 1_000n, dayMax: 1_500n });
    expect(mandateFromRow(row({ tip_recipient_day_max: null, tip_day_max: null })).tips).toBeNull();
  });

  it.each([
    ["only the day cap", { tip_recipient_day_max: null, tip_day_max: 1_500n }],
    ["only the per-recipient cap", { tip_recipient_day_max: 1_000n, tip_day_max: null }],
  ])("refuses a half-written row with %s", (_name, caps) => {
    expect(() => mandateFromRow(row(caps))).toThrow(AssertionError);
  });
});
