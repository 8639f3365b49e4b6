import { z } from "zod";
import { ApiError } from "../../core/errors.js";
import { err, ok } from "../../core/result.js";
import { listMandates, mandateObject, presentMandate } from "../../mandates/index.js";
import { isCurrency } from "../../money/index.js";
import { walletBalances } from "../../parties/index.js";
import { defineTool, READS } from "../tool.js";
import { money } from "./shared.js";

/** The wallet shows the newest mandates; list_mandates pages through all of them. */
export const WALLET_MANDATES_MAX = 20;

const input = z.strictObject({
  currency: z
    .string()
    .refine(isCurrency, { message: "must be an ISO 4217 currency code in upper case" })
    .optional()
    .describe("Only this currency (ISO 4217, e.g. CNY); every currency by default."),
});

const remaining = mandateObject.shape.remaining;

const output = z.object({
  object: z.literal("wallet"),
  user_id: z.string().describe("The user you act for."),
  balances: z.array(
    z.object({
      currency: z.string(),
      available: z.int().describe("Minor units the user can spend now."),
      held: z.int().describe("Minor units reserved by uncaptured payments."),
    }),
  ),
  mandates: z
    .array(
      z.object({
        mandate_id: z.string(),
        status: mandateObject.shape.status,
        instruction: z.string().describe("What the user authorised, in their words."),
        currency: z.string(),
        amount_min: z.int(),
        amount_max: z.int(),
        step_up_threshold: z.int().nullable().describe("Payments above this wait for the user's confirmation."),
        allowed_merchants: z.array(z.string()).nullable(),
        not_after: z.string().describe("End of the approved window."),
        remaining,
      }),
    )
    .describe("Your mandates, newest first, with what is left of each budget now (null: no limit at that level)."),
  has_more_mandates: z.boolean(),
});

type Wallet = z.output<typeof output>;

export const getWalletTool = defineTool({
  name: "get_wallet",
  title: "Wallet and budgets",
  description:
    "Shows the wallet of the user you act for (available and held money per currency) and, for each mandate the user " +
    "granted you, what is left to spend: per payment range, total, day/week/month budgets and the step-up threshold. " +
    "Amounts are integers in minor units (1234 with CNY is ¥12.34). Read-only; moves no money. Check it before paying.",
  audience: ["agent"],
  scope: "payments:read",
  annotations: READS,
  input,
  output,
  async run(ctx, args) {
    const principal = ctx.principal;
    if (principal.type !== "agent") return err(new ApiError("forbidden", "Only an agent has a wallet to act on."));
    const page = await listMandates(ctx.services.mandates, principal, {
      limit: WALLET_MANDATES_MAX,
      startingAfter: undefined,
      userId: undefined,
      agentId: undefined,
    });
    if (!page.ok) return page;
    const wanted = (currency: string) => args.currency === undefined || currency === args.currency;
    const balances = await walletBalances(ctx.services.ledger, principal.userId);
    return ok({
      object: "wallet",
      user_id: principal.userId,
      balances: balances
        .filter((b) => wanted(b.currency))
        .map((b) => ({ currency: b.currency, available: Number(b.available), held: Number(b.held) })),
      mandates: page.value.data
        .filter((v) => wanted(v.mandate.currency))
        .map((v) => {
          const m = presentMandate(v.mandate, v.status, v.remaining);
          return {
            mandate_id: m.id,
            status: m.status,
            instruction: m.instruction,
            currency: m.currency,
            amount_min: m.amount_min,
            amount_max: m.amount_max,
            step_up_threshold: m.step_up_threshold,
            allowed_merchants: m.allowed_merchants,
            not_after: m.not_after,
            remaining: m.remaining,
          };
        }),
      has_more_mandates: page.value.hasMore,
    });
  },
  summary: walletSummary,
});

function walletSummary(w: Wallet): string {
  const balances =
    w.balances.length === 0
      ? "no money yet"
      : w.balances.map((b) => `${money(b.available, b.currency)} available, ${money(b.held, b.currency)} held`).join("; ");
  const mandates = w.mandates.map((m) => {
    const left = (["total", "month", "week", "day"] as const).flatMap((level) => {
      const value = m.remaining[level];
      return value === null ? [] : [`${level} ${money(value, m.currency)}`];
    });
    const confirm = m.step_up_threshold === null ? "" : `; above ${money(m.step_up_threshold, m.currency)} the user must confirm`;
    return (
      `${m.mandate_id} (${m.status}): ${money(m.amount_min, m.currency)} to ${money(m.amount_max, m.currency)} a payment` +
      `${left.length === 0 ? "" : `; left: ${left.join(", ")}`}${confirm}`
    );
  });
  return `Wallet of ${w.user_id}: ${balances}. ${mandates.length === 0 ? "No mandates." : `Mandates: ${mandates.join(". ")}.`}`;
}
