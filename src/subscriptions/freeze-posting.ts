/**
 * closed → billing: a period's bill is computed once and frozen on its posting. Usage is read
 * after the rollover closed ingestion for the period, so it is final; the residual carried from
 * the previous posting is taken, and the new one stored, under the subscription's lock, so the
 * residual chain has no gaps or forks. Everything the money step and the invoice need is frozen
 * here: a retry (after a crash, or on another process) charges exactly the same amount.
 */
import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import type { Merchant, User } from "../parties/index.js";
import { buyerOf, capLines, draftOf, feeLines, metersOf, sellerOf, type UsageBill, usageBill } from "./document.js";
import type { SubscriptionDeps } from "./deps.js";
import { coveredBy } from "./holds.js";
import { boundsOf, feeOf, movePostingAudited } from "./lifecycle.js";
import { usageBudgetFine } from "./reservation.js";
import { findPlan, findPosting, findSubscription, lockSubscription, paymentsOfPosting } from "./store.js";
import type { BillingPosting, DocumentLine, Plan, PostingDocument, Subscription } from "./types.js";
import { usageOfPeriod } from "./usage.js";

/** The opening posting bills the first period's fee in advance, no usage. */
const NO_USAGE: UsageBill = { quantities: [], lines: [], usageFine: 0n };

export async function freezePosting(deps: SubscriptionDeps, postingId: string): Promise<Result<boolean, ApiError>> {
  const posting = await findPosting(deps.database.db, postingId);
  const nowMs = deps.clock.nowMs();
  if (posting === undefined || posting.status !== "closed") return ok(false);
  // An arrears subscription canceled at once is billed at its period's original end.
  if (posting.kind === "period" && posting.periodEndMs > nowMs) return ok(false);
  const sub = (await findSubscription(deps.database.db, posting.subscriptionId))!;
  const plan = (await findPlan(deps.database.db, sub.planId))!;
  const [usage, meters, merchant, user] = await Promise.all([
    usageOfPeriod(deps.database.db, posting.subscriptionId, posting.periodStartMs),
    metersOf(deps.database, plan),
    deps.payments.parties.merchant(posting.merchantId),
    deps.payments.parties.user(posting.userId),
  ]);
  if (merchant === undefined) return err(new ApiError("internal_error", `The merchant of posting ${postingId} is gone.`));
  const bill = posting.kind === "opening" ? NO_USAGE : usageBill(plan, usage, meters);
  const capFine = sub.chargingMode === "reserve" ? await reserveCap(deps, sub, plan, posting) : null;
  const moved = await deps.database.transaction(async (trx) => {
    const locked = await lockSubscription(deps.database, trx, posting.subscriptionId);
    const lines = [...postingFee(locked, plan, posting), ...bill.lines, ...capLines(bill.usageFine, capFine)];
    const document = lines.length === 0 ? null : documentOf(posting, locked, merchant, user, lines, nowMs);
    const next = billed(posting, locked, document, bill.quantities, nowMs);
    const change = { actor: null, requestId: null, nowMs };
    if (!(await movePostingAudited(trx, locked, posting, next, ["closed"], "billed", change))) return false;
    await trx
      .updateTable("subscriptions")
      .set({ residual_fine: next.residualAfterFine, updated_at: BigInt(nowMs) })
      .where("id", "=", locked.id)
      .execute();
    return true;
  });
  return ok(moved);
}

function documentOf(p: BillingPosting, s: Subscription, merchant: Merchant, user: User | undefined, lines: DocumentLine[], nowMs: number): PostingDocument {
  return {
    typeCode: "380",
    currency: p.currency,
    seller: sellerOf(merchant),
    buyer: buyerOf(s, user),
    lines,
    carriedResidualFine: s.residualFine,
    taxRateBps: p.taxRateBps,
    issuedAtMs: nowMs,
    periodStartMs: p.periodStartMs,
    periodEndMs: p.periodEndMs,
    timezone: s.timezone,
  };
}

/**
 * The flat fee this posting bills. Reserve mode: the period's own, paid from its holds. Arrears:
 * the opening posting bills period 1's; a period's settlement bills the next period's fee in
 * advance — if there is a next period (the subscription renewed and was not canceled since).
 */
function postingFee(s: Subscription, plan: Plan, p: BillingPosting): DocumentLine[] {
  const fee = (n: number): DocumentLine[] => {
    const bounds = boundsOf(s, plan, n);
    return feeLines(plan, feeOf(s, plan, n), bounds.startMs, bounds.endMs, s.timezone);
  };
  if (s.chargingMode === "reserve" || p.kind === "opening") return fee(p.periodNumber);
  const renewed = s.status !== "canceled" && s.periodNumber === p.periodNumber + 1;
  return renewed ? fee(p.periodNumber + 1) : [];
}

/** Reserve mode: the usage the period's holds (live, and captured by rotations) cover. */
async function reserveCap(deps: SubscriptionDeps, s: Subscription, plan: Plan, p: BillingPosting): Promise<bigint> {
  const holds = await paymentsOfPosting(deps.database.db, s.id, p.id);
  return usageBudgetFine(coveredBy(holds), feeOf(s, plan, p.periodNumber), p.taxRateBps);
}

function billed(
  p: BillingPosting,
  s: Subscription,
  document: PostingDocument | null,
  quantities: BillingPosting["quantities"],
  nowMs: number,
): BillingPosting {
  if (document === null) {
    return { ...p, status: "billing", residualBeforeFine: s.residualFine, residualAfterFine: s.residualFine, quantities, updatedAtMs: nowMs };
  }
  const draft = draftOf(document);
  return {
    ...p,
    status: "billing",
    amountFine: draft.amountFine,
    residualBeforeFine: draft.residualBeforeFine,
    residualAfterFine: draft.residualAfterFine,
    netAmount: draft.ledgerNetMinor,
    taxAmount: draft.ledgerTotalMinor - draft.ledgerNetMinor,
    totalAmount: draft.ledgerTotalMinor,
    quantities,
    document,
    updatedAtMs: nowMs,
  };
}
