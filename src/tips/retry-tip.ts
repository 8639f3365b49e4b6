/**
 * Retrying a tip over MCP. The server derives a tip's idempotency key from what identifies it,
 * so calling again with the same arguments answers the first attempt, declined or not. After a
 * decline whose cause the user has since fixed (a top-up, a new day under the caps), the agent
 * names the declined attempt in `retry_of`; the key includes it, so each attempt has at most one
 * successor and, however often a model retries, at most one attempt of a tip can pay.
 */
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { type CancellationReason, getPayment, type Payment, type PaymentDeps } from "../payments/index.js";

/** An attempt that ended without moving money and without the user saying no may be tried again. */
const RETRYABLE_CANCELLATIONS: readonly CancellationReason[] = ["confirmation_expired", "requested_by_agent"];

/** What identifies a tip: a retry must repeat all of it. */
export interface TipIdentity {
  readonly intentId: string;
  readonly recipient: string;
  readonly reference: string | null;
  readonly amount: number;
  readonly currency: string;
}

export async function checkTipRetry(
  deps: PaymentDeps,
  actor: Principal,
  retryOf: string,
  tip: TipIdentity,
): Promise<Result<Payment, ApiError>> {
  const earlier = await getPayment(deps, actor, retryOf);
  if (!earlier.ok || earlier.value.purpose !== "tip") return err(new ApiError("not_found", `No tip '${retryOf}' of yours.`, "retry_of"));
  const p = earlier.value;
  const same =
    p.intent.id === tip.intentId &&
    p.merchantId === tip.recipient &&
    p.orderReference === tip.reference &&
    p.amount === BigInt(tip.amount) &&
    p.currency === tip.currency;
  if (!same) {
    const message = "retry_of must name an earlier attempt of this same tip: same intent.id, recipient, reference, amount and currency.";
    return err(new ApiError("validation_error", message, "retry_of"));
  }
  const reason = p.cancellationReason;
  const retryable = p.status === "declined" || (p.status === "canceled" && reason !== null && RETRYABLE_CANCELLATIONS.includes(reason));
  if (!retryable) {
    const why = p.status === "canceled" ? `canceled (${reason ?? "unknown"})` : p.status;
    const message = `Tip ${p.id} is ${why}: only a declined attempt, or one whose confirmation lapsed, may be retried.`;
    return err(new ApiError("conflict", message, "retry_of"));
  }
  return ok(p);
}
