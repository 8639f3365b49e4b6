/**
 * The end of a posting's money step, each in one transaction with its invoice, the
 * subscription's resulting state and their audit events:
 * - settled: the money moved (or nothing was due); the invoice is issued paid;
 * - waiting: the payment needs the user's confirmation; the subscription waits (incomplete or
 *   past_due) and the worker looks again;
 * - refused: the payment was declined (or its confirmation refused or lapsed). The subscription
 *   ends with the decline code as its reason — never a charge outside what the user approved —
 *   and the usage that went unpaid is recorded on an invoice marked uncollectible.
 */
import type { Kysely } from "kysely";
import { type InvoiceDraft, insertInvoice } from "../invoices/index.js";
import type { Payment } from "../payments/index.js";
import type { Tables } from "../store/index.js";
import { draftOf } from "./document.js";
import type { SubscriptionDeps } from "./deps.js";
import { type Change, recordPostingEvent } from "./events.js";
import { ended, moveSubscription, movePostingAudited, withStatus } from "./lifecycle.js";
import { lockSubscription, movePosting, periodPosting } from "./store.js";
import type { BillingPosting, PostingDocument, Subscription } from "./types.js";

const COLLECTING = ["billing", "requires_confirmation"] as const;

/** The merchant's invoice prefix, read before a transaction: on SQLite nothing may read outside it while it runs. */
async function prefixOf(deps: SubscriptionDeps, merchantId: string): Promise<string | null> {
  return (await deps.payments.parties.merchant(merchantId))?.invoicePrefix ?? null;
}

async function issue(
  trx: Kysely<Tables>,
  prefix: string | null,
  p: BillingPosting,
  draft: InvoiceDraft,
  status: "paid" | "uncollectible",
): Promise<string> {
  const invoice = await insertInvoice(trx, draft, {
    merchantId: p.merchantId,
    userId: p.userId,
    subscriptionId: p.subscriptionId,
    postingId: p.id,
    paymentId: p.paymentId,
    status,
    merchantInvoicePrefix: prefix,
  });
  await trx.updateTable("billing_postings").set({ invoice_id: invoice.id }).where("id", "=", p.id).execute();
  return invoice.id;
}

export async function finishSettled(deps: SubscriptionDeps, p: BillingPosting, paymentId: string | null): Promise<boolean> {
  const nowMs = deps.clock.nowMs();
  const change: Change = { actor: null, requestId: null, nowMs };
  const prefix = await prefixOf(deps, p.merchantId);
  return deps.database.transaction(async (trx) => {
    const s = await lockSubscription(deps.database, trx, p.subscriptionId);
    const next: BillingPosting = { ...p, status: "settled", paymentId, updatedAtMs: nowMs };
    if (!(await movePosting(trx, next, COLLECTING))) return false;
    const invoiceId = p.document === null ? null : await issue(trx, prefix, next, draftOf(p.document), "paid");
    await recordPostingEvent(trx, { ...next, invoiceId }, s, "settled", p.status, change);
    await afterPaid(trx, s, p, change);
    return true;
  });
}

/**
 * A paid posting lets the subscription go on: the opening fee activates it; an arrears
 * settlement that carried the next period's fee is its renewal.
 */
async function afterPaid(trx: Kysely<Tables>, s: Subscription, p: BillingPosting, change: Change): Promise<void> {
  if (s.status === "canceled" || s.chargingMode === "reserve") return;
  if (p.kind === "opening" && s.status === "incomplete") {
    await moveSubscription(trx, s, withStatus(s, "active", change.nowMs), "activated", change, { payment_id: p.paymentId });
  } else if (p.kind === "period" && s.periodNumber === p.periodNumber + 1) {
    await moveSubscription(trx, s, withStatus(s, "active", change.nowMs), "renewed", change, { payment_id: p.paymentId });
  }
}

/** The payment waits for the user: so does the subscription. */
export async function finishWaiting(deps: SubscriptionDeps, p: BillingPosting, payment: Payment): Promise<boolean> {
  const nowMs = deps.clock.nowMs();
  const change: Change = { actor: null, requestId: null, nowMs };
  return deps.database.transaction(async (trx) => {
    const s = await lockSubscription(deps.database, trx, p.subscriptionId);
    const next: BillingPosting = { ...p, status: "requires_confirmation", paymentId: payment.id, updatedAtMs: nowMs };
    if (!(await movePostingAudited(trx, s, p, next, ["billing"], "awaiting_confirmation", change))) return false;
    if (s.status === "active" || s.status === "incomplete") {
      const status = p.kind === "opening" ? "incomplete" : "past_due";
      if (status !== s.status) await moveSubscription(trx, s, withStatus(s, status, nowMs), status, change, { payment_id: payment.id });
    }
    return true;
  });
}

/** Only what was used is recorded as unpaid: a fee for a period that never started is not owed. */
export function usageOnly(d: PostingDocument): PostingDocument | null {
  const lines = d.lines.filter((l) => l.kind !== "fee");
  const owed = lines.reduce((sum, l) => sum + l.amountFine, 0n);
  return lines.length === 0 || owed <= 0n ? null : { ...d, lines };
}

/** The posting as refused: what stays unpaid (usage only), or void when nothing was owed. */
function refused(
  p: BillingPosting,
  code: string,
  paymentId: string | null,
  unpaid: PostingDocument | null,
  draft: InvoiceDraft | null,
  nowMs: number,
): BillingPosting {
  // Nothing was posted either way: the residual chain carries on from where this posting found it.
  const base = { ...p, declineCode: code, paymentId, residualAfterFine: p.residualBeforeFine, updatedAtMs: nowMs };
  if (unpaid === null || draft === null) {
    return { ...base, status: "void", amountFine: 0n, netAmount: 0n, taxAmount: 0n, totalAmount: 0n };
  }
  return {
    ...base,
    status: "uncollectible",
    document: unpaid,
    amountFine: draft.amountFine,
    netAmount: draft.ledgerNetMinor,
    taxAmount: draft.ledgerTotalMinor - draft.ledgerNetMinor,
    totalAmount: draft.ledgerTotalMinor,
  };
}

/**
 * `ends`: a refused charge ends the subscription; a reserve period whose holds lapsed before
 * settlement does not (the next period has holds of its own).
 */
export async function finishRefused(
  deps: SubscriptionDeps,
  p: BillingPosting,
  code: string,
  paymentId: string | null,
  ends = true,
): Promise<boolean> {
  const nowMs = deps.clock.nowMs();
  const change: Change = { actor: null, requestId: null, nowMs };
  const unpaid = p.document === null ? null : usageOnly(p.document);
  const draft = unpaid === null ? null : draftOf(unpaid);
  const prefix = await prefixOf(deps, p.merchantId);
  return deps.database.transaction(async (trx) => {
    const s = await lockSubscription(deps.database, trx, p.subscriptionId);
    const next = refused(p, code, paymentId, unpaid, draft, nowMs);
    if (!(await movePosting(trx, next, COLLECTING))) return false;
    const invoiceId = draft === null ? null : await issue(trx, prefix, next, draft, "uncollectible");
    await recordPostingEvent(trx, { ...next, invoiceId }, s, draft === null ? "voided" : "uncollectible", p.status, change);
    // The residual goes back to where this posting found it, as a delta: a credit of an earlier
    // period may have moved it since this posting was frozen.
    await shiftResidual(trx, s.id, p.residualBeforeFine - p.residualAfterFine);
    if (!ends) return true;
    if (s.status !== "canceled") {
      const endedAtMs = p.kind === "opening" ? nowMs : p.periodEndMs;
      await moveSubscription(trx, s, ended(s, code, endedAtMs, nowMs), "canceled", change, { payment_id: paymentId });
    }
    await voidNextPeriod(trx, s, p, code, change);
    return true;
  });
}

/** Adds `deltaFine` to the subscription's residual, whatever it is now. */
export async function shiftResidual(trx: Kysely<Tables>, subscriptionId: string, deltaFine: bigint): Promise<void> {
  if (deltaFine === 0n) return;
  await trx
    .updateTable("subscriptions")
    .set((eb) => ({ residual_fine: eb("residual_fine", "+", deltaFine) }))
    .where("id", "=", subscriptionId)
    .execute();
}

/** The period the refused payment would have paid for never starts. */
async function voidNextPeriod(trx: Kysely<Tables>, s: Subscription, p: BillingPosting, code: string, change: Change): Promise<void> {
  const n = p.kind === "opening" ? 1 : p.periodNumber + 1;
  const next = await periodPosting(trx, s.id, "period", n);
  if (next === undefined || (next.status !== "open" && next.status !== "reserving" && next.status !== "closed")) return;
  const voided: BillingPosting = { ...next, status: "void", declineCode: code, updatedAtMs: change.nowMs };
  await movePostingAudited(trx, s, next, voided, ["open", "reserving", "closed"], "voided", change);
}
