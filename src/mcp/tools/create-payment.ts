import { z } from "zod";
import { ApiError } from "../../core/errors.js";
import { err, ok, type Result } from "../../core/result.js";
import { type CancellationReason, createPayment, createPaymentBody, getPayment, type Payment } from "../../payments/index.js";
import { paymentKey } from "../keys.js";
import { defineTool, MOVES_MONEY, type ToolContext } from "../tool.js";
import { declinedError, mcpPaymentObject, paymentSummary, presentMcpPayment } from "./shared.js";

const shape = createPaymentBody.shape;

/**
 * The HTTP body, with what exactly-once over MCP needs made required: the order reference (one
 * of the parts of the derived key) and the user's words.
 */
const input = createPaymentBody.safeExtend({
  merchant_id: shape.merchant_id.describe("The merchant to pay (mer_…)."),
  amount: shape.amount.describe(
    "Integer minor units: 1234 with CNY is ¥12.34. Exactly the price the user or the merchant stated; never an estimate.",
  ),
  currency: shape.currency.describe("ISO 4217 code in upper case, e.g. CNY; must be the mandate's currency."),
  order_reference: z
    .string()
    .min(1)
    .max(128)
    .describe(
      "Identifies this purchase: the merchant's order or cart id, or one reference you make up once for it. Keep it " +
        "on every retry: with your agent id, intent.id, merchant_id, amount and currency it forms the idempotency key, " +
        "so a repeated call returns the same payment and never pays twice. Never change it to get around a decline.",
    ),
  intent: z
    .strictObject({
      id: shape.intent.shape.id.describe("A stable id of the user's instruction; the same for every payment it leads to."),
      instruction: z.string().min(1).max(2_000).describe("The user's instruction in their own words, quoted, not paraphrased."),
      given_at: shape.intent.shape.given_at.describe("When the user gave the instruction (ISO 8601 with offset), if you know it."),
    })
    .describe("The user's intent this payment serves: it links the money to what the person asked for."),
  retry_of: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe(
      "Only after a decline whose cause the user has since fixed (topped up, resumed the mandate) and only when the " +
        "user asks you to try again: the id of the declined payment. All other arguments must be the same as in it.",
    ),
});

type Input = z.output<typeof input>;

/** An attempt that ended without moving money and without the user saying no may be tried again. */
const RETRYABLE_CANCELLATIONS: readonly CancellationReason[] = ["confirmation_expired", "hold_expired", "requested_by_agent"];

export const createPaymentTool = defineTool({
  name: "create_payment",
  title: "Pay a merchant",
  description:
    "MOVES MONEY: pays a merchant from the wallet of the user you act for, under one of your mandates (checked against " +
    "the mandate, its budgets, the user's limits and risk control). Amounts are integers in minor units (1234 with CNY " +
    "is ¥12.34); pay only an amount the user or merchant stated. Pass the user's intent (id, their words, when they " +
    "said it) and the order reference. Idempotent: the server derives the key from you, intent.id, merchant_id, " +
    "order_reference, amount and currency, so repeating the call returns the same payment. Result status: succeeded " +
    "(paid); requires_capture (capture false: money held for the merchant to capture); requires_confirmation (nothing " +
    "moved yet: give the user next_action.approval_url, then poll get_payment until it changes). A decline is a tool " +
    "error with error.decline_code: do not retry it with another order_reference.",
  audience: ["agent"],
  scope: "payments:write",
  annotations: MOVES_MONEY,
  input,
  output: mcpPaymentObject,
  async run(ctx, args) {
    const principal = ctx.principal;
    if (principal.type !== "agent") return err(new ApiError("forbidden", "Only an agent pays under a mandate."));
    const { retry_of: retryOf, ...body } = args;
    if (retryOf !== undefined) {
      const allowed = await checkRetry(ctx, retryOf, args);
      if (!allowed.ok) return allowed;
    }
    const key = paymentKey({
      agentId: principal.id,
      intentId: body.intent.id,
      merchantId: body.merchant_id,
      orderReference: body.order_reference,
      amount: body.amount,
      currency: body.currency,
      retryOf: retryOf ?? null,
    });
    const created = await createPayment(ctx.services.payments, principal, body, key, ctx.requestId);
    if (!created.ok) return created;
    const declined = declinedError(created.value);
    return declined === null ? ok(presentMcpPayment(created.value, ctx.settings)) : err(declined);
  },
  summary: paymentSummary,
});

/**
 * `retry_of` may name only an attempt of this very purchase that ended without moving money and
 * without the user saying no. Its key includes `retry_of`, so each attempt has at most one
 * successor: however often the model retries, at most one attempt of a purchase can pay.
 */
async function checkRetry(ctx: ToolContext, retryOf: string, args: Input): Promise<Result<Payment, ApiError>> {
  const earlier = await getPayment(ctx.services.payments, ctx.principal, retryOf);
  if (!earlier.ok) return err(new ApiError("not_found", `No payment '${retryOf}' of yours.`, "retry_of"));
  const p = earlier.value;
  const same =
    p.intent.id === args.intent.id &&
    p.merchantId === args.merchant_id &&
    p.orderReference === args.order_reference &&
    p.amount === BigInt(args.amount) &&
    p.currency === args.currency;
  if (!same) {
    const message = "retry_of must name an earlier attempt of this same payment: same intent.id, merchant_id, order_reference, amount and currency.";
    return err(new ApiError("validation_error", message, "retry_of"));
  }
  const reason = p.cancellationReason;
  const retryable = p.status === "declined" || (p.status === "canceled" && reason !== null && RETRYABLE_CANCELLATIONS.includes(reason));
  if (!retryable) {
    const why = p.status === "canceled" ? `canceled (${reason ?? "unknown"})` : p.status;
    const message = `Payment ${p.id} is ${why}: only a declined attempt, or one whose confirmation or hold lapsed, may be retried.`;
    return err(new ApiError("conflict", message, "retry_of"));
  }
  return ok(p);
}
