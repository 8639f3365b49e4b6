/**
 * Lapses: an uncaptured hold whose time is up is voided (`canceled`, `hold_expired`), and a
 * confirmation the user did not give in time cancels its payment (`confirmation_expired`).
 */
import type { PaymentDeps } from "./deps.js";
import { paymentFromRow } from "./rows.js";
import { cancelUnconfirmed, voidHold } from "./settle-payment.js";

export const SWEEP_BATCH_MAX = 200;
export const SWEEP_INTERVAL_MS = 1_000;

export async function sweepPayments(deps: PaymentDeps): Promise<number> {
  const nowMs = deps.clock.nowMs();
  const due = await deps.database.db
    .selectFrom("payments")
    .selectAll()
    .where("status", "in", ["requires_capture", "requires_confirmation"])
    .where("hold_expires_at", "<=", BigInt(nowMs))
    .orderBy("hold_expires_at")
    .limit(SWEEP_BATCH_MAX)
    .execute();
  for (const row of due) {
    const p = paymentFromRow(row);
    if (p.status === "requires_capture") await voidHold(deps, p, null, "hold_expired", null);
    else await cancelUnconfirmed(deps, p, null, "confirmation_expired", null);
  }
  return due.length;
}
