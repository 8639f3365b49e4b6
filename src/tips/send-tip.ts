/**
 * An agent tips a creator or developer under a mandate. A tip is a payment of purpose `tip`, made
 * by `createPayment`: the same mandate checks (status, window, payee, category, amount range),
 * KYC, risk, step-up, audit, webhooks and receipt as any payment, paid in one step (no hold, no
 * cart). On top of the mandate's budgets it spends the mandate's tip caps — per recipient per
 * day and per day across recipients, in the user's time zone — which are legs of the payment's
 * linked ledger chain like every budget, so concurrent tips can never exceed them.
 *
 * Tips are opt-in per mandate: a mandate without `tips` caps declines every tip with
 * `tips_not_allowed`. That decline is answered before a payment is drafted, since the mandate
 * never allowed tips at all; it records nothing and moves nothing.
 */
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, type Result } from "../core/result.js";
import { loadMandate } from "../mandates/index.js";
import { type CreatePaymentBody, createPayment, DECLINE_MESSAGES, type Payment, type PaymentDeps } from "../payments/index.js";
import type { SendTipBody } from "./schema.js";

export async function sendTip(
  deps: PaymentDeps,
  actor: Principal,
  body: SendTipBody,
  idempotencyKey: string,
  requestId: string | null,
): Promise<Result<Payment, ApiError>> {
  if (actor.type !== "agent") return err(new ApiError("forbidden", "Only an agent tips under a mandate."));
  if (repeatsInstruction(body)) {
    const message = "The message is shown to the recipient and must not repeat the user's instruction.";
    return err(new ApiError("validation_error", message, "message"));
  }
  const mandate = await loadMandate(deps, body.mandate_id);
  if (mandate === undefined || mandate.agentId !== actor.id) {
    return err(new ApiError("not_found", `No mandate '${body.mandate_id}' granted to you.`, "mandate_id"));
  }
  if (mandate.tips === null) {
    return err(new ApiError("payment_declined", DECLINE_MESSAGES.tips_not_allowed, "mandate_id", { decline_code: "tips_not_allowed" }));
  }
  const options = { purpose: "tip" as const, ...(body.message === undefined ? {} : { tipMessage: body.message }) };
  const created = await createPayment(deps, actor, paymentBodyOf(body), idempotencyKey, requestId, options);
  // The payment's merchant is the tip's recipient: name the field the caller sent.
  if (!created.ok && created.error.param === "merchant_id") {
    return err(new ApiError(created.error.code, `No recipient '${body.recipient}'.`, "recipient"));
  }
  return created;
}

/**
 * The tip as a payment request. The reference is its order reference, so that two tips of one
 * intent for different things are different payments under the payments' own request hash.
 */
function paymentBodyOf(b: SendTipBody): CreatePaymentBody {
  return {
    mandate_id: b.mandate_id,
    merchant_id: b.recipient,
    amount: b.amount,
    currency: b.currency,
    intent: b.intent,
    capture: true,
    ...(b.reference === undefined ? {} : { order_reference: b.reference }),
    ...(b.tags === undefined ? {} : { tags: b.tags }),
    ...(b.metadata === undefined ? {} : { metadata: b.metadata }),
  };
}

const normalized = (text: string): string => text.toLowerCase().replace(/\s+/g, " ").trim();

/**
 * The recipient reads the message, while the user's instruction stays with AgentPay as a hash:
 * a message that quotes the instruction whole would hand it to the recipient.
 */
function repeatsInstruction(b: SendTipBody): boolean {
  const instruction = b.intent.instruction;
  if (b.message === undefined || instruction === undefined) return false;
  const words = normalized(instruction);
  return words !== "" && normalized(b.message).includes(words);
}
