/**
 * Usage reversed after its period was settled (an outcome disputed within its window) is
 * credited to the payer: the period's usage charge is recomputed from what is confirmed now,
 * and what the period's posting billed beyond it — less what earlier credits returned — is
 * refunded on the period's payment, recorded as a credit posting (negative amounts, the same
 * residual chain) and documented by a credit note (381) that names the corrected invoice.
 * Idempotent: repeated calls credit only a new difference; usage confirmed late is never
 * charged after the fact (that would be a payment outside the period's slot).
 */
import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { insertInvoice } from "../invoices/index.js";
import { refundPayment } from "../payments/index.js";
import { advancePosting } from "./advance-posting.js";
import { draftOf, metersOf, usageBill } from "./document.js";
import type { SubscriptionDeps } from "./deps.js";
import { type Change, recordPostingEvent } from "./events.js";
import { newBillingId } from "./ids.js";
import { merchantOf } from "./money.js";
import { postingFromRow } from "./rows.js";
import { findPlan, findSubscription, type HoldView, insertPosting, lockSubscription, movePosting, paymentsOfPosting, periodPosting } from "./store.js";
import type { BillingPosting, DocumentLine, PostingDocument, PostingQuantity } from "./types.js";
import { usageOfPeriod } from "./usage.js";

/** Called by usage ingestion after a confirmed event of an already-settled period was reversed. */
export async function onSettledUsageChanged(deps: SubscriptionDeps, subscriptionId: string, periodStartMs: number): Promise<void> {
  const row = await deps.database.db
    .selectFrom("billing_postings")
    .selectAll()
    .where("subscription_id", "=", subscriptionId)
    .where("kind", "=", "period")
    .where("period_start", "=", BigInt(periodStartMs))
    .executeTakeFirst();
  const settled = row === undefined ? undefined : postingFromRow(row);
  if (settled?.status !== "settled" || settled.document === null) return;
  const credit = await recordCredit(deps, settled);
  if (credit === null) return;
  // The credit is recorded, and the reversal with it: a refund that fails now (in part) leaves the
  // credit `billing`, and the billing worker finishes it — the reversal itself does not fail.
  await advancePosting(deps, credit.id);
}

const usageKinds = (l: DocumentLine) => l.kind === "usage" || l.kind === "adjustment";

/** Per meter, what is now owed less than billed and not yet credited; the lines of the credit note. */
function creditLines(
  settled: BillingPosting,
  now: readonly PostingQuantity[],
  earlier: readonly BillingPosting[],
  scaleOf: (meterId: string) => number,
): DocumentLine[] {
  const billed = settled.document!.lines.filter(usageKinds);
  const billedFine = billed.reduce((sum, l) => sum + l.amountFine, 0n);
  const nowFine = now.reduce((sum, q) => sum + q.chargeFine, 0n);
  const creditedFine = earlier.reduce((sum, c) => sum - c.amountFine, 0n);
  const due = billedFine - nowFine - creditedFine;
  if (due <= 0n) return [];
  const lines: DocumentLine[] = [];
  for (const q of now) {
    const before = settled.quantities.find((b) => b.meterId === q.meterId);
    const credited = earlier.flatMap((c) => c.document?.lines ?? []).filter((l) => l.meterId === q.meterId).reduce((sum, l) => sum + l.amountFine, 0n);
    const amountFine = (before?.chargeFine ?? 0n) - q.chargeFine - credited;
    if (amountFine <= 0n) continue;
    const reversed = (before?.quantity ?? 0n) - q.quantity;
    lines.push({
      kind: "usage",
      description: "Usage reversed after billing",
      meterId: q.meterId,
      quantity: reversed > 0n ? reversed : 0n,
      quantityScaleDigits: scaleOf(q.meterId),
      unitPriceFine: null,
      amountFine,
    });
  }
  const listed = lines.reduce((sum, l) => sum + l.amountFine, 0n);
  // What the reservation capped was never billed, so it is not credited either.
  if (listed > due) {
    lines.push({ kind: "adjustment", description: "Usage that was not billed", meterId: null, quantity: 1n, quantityScaleDigits: 0, unitPriceFine: null, amountFine: due - listed });
  }
  return lines;
}

async function recordCredit(deps: SubscriptionDeps, settled: BillingPosting): Promise<BillingPosting | null> {
  const s = (await findSubscription(deps.database.db, settled.subscriptionId))!;
  const plan = (await findPlan(deps.database.db, s.planId))!;
  const [usage, meters] = await Promise.all([usageOfPeriod(deps.database.db, s.id, settled.periodStartMs), metersOf(deps.database, plan)]);
  const now = usageBill(plan, usage, meters).quantities;
  const nowMs = deps.clock.nowMs();
  const change: Change = { actor: null, requestId: null, nowMs };
  return deps.database.transaction(async (trx) => {
    // Under the subscription's lock: two reversals reported at once see each other's credit.
    const locked = await lockSubscription(deps.database, trx, s.id);
    const earlierRows = await trx
      .selectFrom("billing_postings")
      .selectAll()
      .where("subscription_id", "=", s.id)
      .where("kind", "=", "credit")
      .where("period_number", "=", BigInt(settled.periodNumber))
      .where("status", "<>", "void")
      .execute();
    const lines = creditLines(settled, now, earlierRows.map(postingFromRow), (id) => meters.get(id)?.scaleDigits ?? 0);
    if (lines.length === 0) return null;
    const document: PostingDocument = { ...settled.document!, typeCode: "381", lines, carriedResidualFine: locked.residualFine, issuedAtMs: nowMs };
    const draft = draftOf(document);
    const credit: BillingPosting = {
      ...settled,
      id: newBillingId("bpo"),
      kind: "credit",
      status: "billing",
      amountFine: draft.amountFine,
      residualBeforeFine: draft.residualBeforeFine,
      residualAfterFine: draft.residualAfterFine,
      netAmount: draft.ledgerNetMinor,
      taxAmount: draft.ledgerTotalMinor - draft.ledgerNetMinor,
      totalAmount: draft.ledgerTotalMinor,
      quantities: now,
      declineCode: null,
      refundId: null,
      invoiceId: null,
      document,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    await insertPosting(trx, credit);
    await trx.updateTable("subscriptions").set({ residual_fine: draft.residualAfterFine, updated_at: BigInt(nowMs) }).where("id", "=", s.id).execute();
    await recordPostingEvent(trx, credit, locked, "created", null, change);
    return credit;
  });
}

/** A refund this credit already made on one of the period's payments (found again on a retry). */
interface CreditRefund {
  readonly id: string;
  readonly paymentId: string;
  readonly amount: bigint;
}

/**
 * billing → settled: the refund on the period's payment(s), then the credit note.
 *
 * What the payments can still return is summed first: when it is less than the credit (the
 * merchant refunded part of the period at will), the credit is voided before anything moves —
 * the reversed usage was returned already, in part, by that refund; a later reversal credits the
 * difference again against what is left. Once one of its refunds has moved money the credit is
 * never voided: a failure is returned, the posting stays `billing`, and the next attempt skips
 * the payments this credit refunded already (one refund per payment and credit, keyed on both).
 */
export async function payCredit(deps: SubscriptionDeps, credit: BillingPosting): Promise<Result<boolean, ApiError>> {
  const s = (await findSubscription(deps.database.db, credit.subscriptionId))!;
  const settled = (await periodPosting(deps.database.db, s.id, "period", credit.periodNumber))!;
  // The period's arrears payment, or the holds its settlement captured from, in order.
  const payments = await paymentsOfPosting(deps.database.db, s.id, settled.id);
  const reason = `Credit ${credit.id}: usage reversed`;
  const ours = await creditRefunds(deps, payments.map((p) => p.id), reason);
  const room = (p: HoldView): bigint => (p.status === "succeeded" ? p.amountCaptured - p.amountRefunded : 0n);
  const already = ours.reduce((sum, r) => sum + r.amount, 0n);
  const due = -credit.totalAmount;
  const refundable = already + payments.reduce((sum, p) => sum + (ours.some((r) => r.paymentId === p.id) ? 0n : room(p)), 0n);
  if (already === 0n && refundable < due) return ok(await finishCredit(deps, credit, null, "not_refundable"));
  let left = due - already;
  let first = ours[0]?.id ?? null;
  for (const pay of payments) {
    const amount = left < room(pay) ? left : room(pay);
    if (amount <= 0n || ours.some((r) => r.paymentId === pay.id)) continue;
    const refunded = await refundPayment(deps.payments, merchantOf(s), pay.id, { amount, reason }, `sub:${credit.id}:credit`, null, { settlement: true });
    if (!refunded.ok && first === null) return ok(await finishCredit(deps, credit, null, refunded.error.code));
    if (!refunded.ok) return err(new ApiError("internal_error", `Credit ${credit.id} is refunded in part; retrying: ${refunded.error.message}`));
    first ??= refunded.value.id;
    left -= refunded.value.amount;
  }
  if (left > 0n) return err(new ApiError("internal_error", `Credit ${credit.id} has ${left} left to refund and its payments have nothing left; retrying.`));
  return ok(await finishCredit(deps, credit, first, null));
}

async function creditRefunds(deps: SubscriptionDeps, paymentIds: readonly string[], reason: string): Promise<CreditRefund[]> {
  if (paymentIds.length === 0) return [];
  const rows = await deps.database.db
    .selectFrom("refunds")
    .select(["id", "payment_id", "amount"])
    .where("payment_id", "in", [...paymentIds])
    .where("reason", "=", reason)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, paymentId: r.payment_id, amount: r.amount }));
}

async function finishCredit(deps: SubscriptionDeps, credit: BillingPosting, refundId: string | null, failure: string | null): Promise<boolean> {
  const nowMs = deps.clock.nowMs();
  const change: Change = { actor: null, requestId: null, nowMs };
  // Read before the transaction: on SQLite nothing may read outside it while it runs.
  const prefix = (await deps.payments.parties.merchant(credit.merchantId))?.invoicePrefix ?? null;
  return deps.database.transaction(async (trx) => {
    const s = await lockSubscription(deps.database, trx, credit.subscriptionId);
    const settled = (await periodPosting(trx, s.id, "period", credit.periodNumber))!;
    const next: BillingPosting = { ...credit, status: failure === null ? "settled" : "void", declineCode: failure, refundId, updatedAtMs: nowMs };
    if (!(await movePosting(trx, next, ["billing"]))) return false;
    let invoiceId: string | null = null;
    if (failure === null && credit.totalAmount !== 0n && settled.invoiceId !== null) {
      const invoice = await insertInvoice(trx, draftOf(credit.document!), {
        merchantId: credit.merchantId,
        userId: credit.userId,
        subscriptionId: s.id,
        postingId: credit.id,
        paymentId: settled.paymentId,
        status: "paid",
        precedingInvoiceId: settled.invoiceId,
        merchantInvoicePrefix: prefix,
      });
      invoiceId = invoice.id;
      await trx.updateTable("billing_postings").set({ invoice_id: invoiceId }).where("id", "=", credit.id).execute();
    }
    if (failure !== null) {
      // Nothing was returned: the residual goes back to where this credit found it.
      await trx.updateTable("subscriptions").set({ residual_fine: s.residualFine - credit.residualAfterFine + credit.residualBeforeFine }).where("id", "=", s.id).execute();
    }
    await recordPostingEvent(trx, { ...next, invoiceId }, s, failure === null ? "settled" : "voided", "billing", change);
    return true;
  });
}
