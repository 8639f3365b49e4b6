/**
 * An agent pays a merchant under a mandate. Evaluation order: authentication (done by the
 * transport) → mandate (status, window, payee, amount range) → KYC per-payment limit → risk →
 * step-up → the ledger chain, which checks every budget and the wallet atomically with the spend.
 */
import { createHash } from "node:crypto";
import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { loadMandate, type Mandate, type Period } from "../mandates/index.js";
import type { Agent, Merchant, User } from "../parties/index.js";
import { authorize } from "./authorize.js";
import { paymentEvent } from "./events.js";
import { checkMandate, needsStepUp } from "./check-mandate.js";
import type { DeclineCode } from "./declines.js";
import type { PaymentDeps } from "./deps.js";
import { kycPerPaymentMax } from "./kyc.js";
import { approvalToRow, insertPayment, paymentUpdate } from "./rows.js";
import type { CreatePaymentBody } from "./schema.js";
import { findPaymentByKey } from "./store.js";
import type { Approval, Payment, PaymentPurpose } from "./types.js";

interface Parties {
  readonly agent: Agent;
  readonly mandate: Mandate;
  readonly merchant: Merchant;
  readonly user: User;
}

/**
 * What a payment pays for, set by the service that creates it (subscriptions, tips), never by
 * the wire body: an agent's `POST /v1/payments` is always a purchase.
 */
export interface PaymentPurposeOptions {
  readonly purpose: PaymentPurpose;
  readonly subscriptionId?: string;
  readonly tipMessage?: string;
  /**
   * How long an uncaptured hold lasts when it must outlive the settings' default (a
   * subscription's reservation lasts its period); at most HOLD_TIMEOUT_S_MAX.
   */
  readonly holdTimeoutS?: number;
  /**
   * A subscription's charge: the moment it was due, whose recurrence slot it takes (see
   * BudgetAsk.recurrenceAtMs). At most one recurrence period plus RECURRENCE_AT_GRACE_MS before
   * now, never after; kept on the payment, so that an approval after a step-up takes the same slot.
   */
  readonly recurrenceAtMs?: number;
}

/** The longest recurrence period, per frequency (a local day or month may run an hour long across DST). */
const HOUR_MS = 3_600_000;
export const RECURRENCE_PERIOD_MS_MAX = { day: 25 * HOUR_MS, week: 169 * HOUR_MS, month: 745 * HOUR_MS, year: 8_785 * HOUR_MS } as const;
/** How late past its period a recurring charge may still take that period's slot (the subscriptions' settlement grace). */
export const RECURRENCE_AT_GRACE_MS = 3 * 24 * HOUR_MS;

const PURCHASE: PaymentPurposeOptions = { purpose: "purchase" };

export async function createPayment(
  deps: PaymentDeps,
  actor: Principal,
  body: CreatePaymentBody,
  idempotencyKey: string,
  requestId: string | null,
  purpose: PaymentPurposeOptions = PURCHASE,
): Promise<Result<Payment, ApiError>> {
  if (actor.type !== "agent") return err(new ApiError("forbidden", "Only an agent pays under a mandate."));
  const requestHash = requestHashOf(body, purpose);
  // The same request retried (after a timeout, a crash, or racing on another process): answer
  // with its payment, or finish it if it is still being processed — every step below is
  // idempotent, so running it twice moves nothing twice.
  const existing = await findPaymentByKey(deps.database, actor.id, idempotencyKey);
  if (existing !== undefined && existing.requestHash !== null && existing.requestHash !== requestHash) {
    return err(new ApiError("idempotency_key_reused", "This Idempotency-Key was used with a different payment request."));
  }
  if (existing !== undefined && existing.status !== "processing") return ok(existing);
  const parties = await loadParties(deps, actor.id, body);
  if (!parties.ok) return parties;
  const { mandate, merchant, user, agent } = parties.value;
  const nowMs = deps.clock.nowMs();
  const lag = checkRecurrenceAt(mandate, purpose, nowMs);
  if (!lag.ok) return lag;
  const draft = existing ?? (await claim(deps, draftPayment(body, agent, mandate, idempotencyKey, requestHash, nowMs, purpose)));
  if (draft.requestHash !== null && draft.requestHash !== requestHash) {
    return err(new ApiError("idempotency_key_reused", "This Idempotency-Key was used with a different payment request."));
  }
  if (draft.status !== "processing") return ok(draft);
  const amount = draft.amount;
  const decline: DeclineCode | null =
    (merchant.status !== "active" ? "merchant_unavailable" : null) ??
    checkMandate(mandate, { amount, currency: draft.currency, merchantId: merchant.id, merchantCategory: merchant.category }, nowMs) ??
    (amount > kycPerPaymentMax(user.kycLevel, draft.currency) ? "kyc_limit_exceeded" : null);
  if (decline !== null) return ok(await recordDeclined(deps, draft, decline, actor, requestId));
  const risk = await deps.risk({ agent, user, merchant, mandate, amount, currency: draft.currency, nowMs });
  if (risk.action === "block") return ok(await recordDeclined(deps, draft, "risk_blocked", actor, requestId));
  if (needsStepUp(mandate, amount) || risk.action === "step_up") {
    const reason = risk.action === "step_up" ? "risk_step_up" : "mandate_step_up";
    return ok(await requestConfirmation(deps, draft, reason, actor, requestId));
  }
  const capture = draft.captureMethod === "automatic";
  const holdTimeoutS = purpose.holdTimeoutS;
  return ok(await authorize(deps, { payment: draft, mandate, user, merchant, capture, write: "update", actor, requestId, holdTimeoutS }));
}

/** Whether a charge due at `atMs` may still take that moment's slot: in the past, within one recurrence period and the grace. */
export function recurrenceAtAccepted(frequency: Period, atMs: number, nowMs: number): boolean {
  return Number.isInteger(atMs) && atMs <= nowMs && nowMs - atMs <= RECURRENCE_PERIOD_MS_MAX[frequency] + RECURRENCE_AT_GRACE_MS;
}

/** The caller (a service, never the wire) asks only for what recurrenceAtAccepted allows: anything else is refused. */
function checkRecurrenceAt(m: Mandate, purpose: PaymentPurposeOptions, nowMs: number): Result<void, ApiError> {
  const at = purpose.recurrenceAtMs;
  if (at === undefined) return ok(undefined);
  if (purpose.purpose !== "subscription" || m.recurrence === null) {
    return err(new ApiError("validation_error", "Only a subscription's charge under a recurring mandate has a recurrence moment.", "recurrence_at"));
  }
  if (!recurrenceAtAccepted(m.recurrence.frequency, at, nowMs)) {
    return err(new ApiError("validation_error", "A recurring charge takes the slot it was due in only within one period and the grace after.", "recurrence_at"));
  }
  return ok(undefined);
}

/**
 * What makes two requests the same payment: where the money goes, how much, under which mandate
 * and for which intent and order — not the wording of the description, which a model may change
 * on a retry.
 */
function requestHashOf(b: CreatePaymentBody, purpose: PaymentPurposeOptions): string {
  const fields = [b.mandate_id, b.merchant_id, b.amount, b.currency, b.capture ?? true, b.order_reference ?? null, b.intent.id];
  // Purchases keep the hash they always had, so keys claimed before purposes existed still match.
  if (purpose.purpose !== "purchase") fields.push(purpose.purpose, purpose.subscriptionId ?? null);
  return sha256(JSON.stringify(fields));
}

/**
 * Claims the agent's idempotency key with a `processing` payment before anything else is
 * written (group-committed with the ledger's batches); answers the row that stands under the key,
 * which is ours unless a concurrent request claimed it first.
 */
async function claim(deps: PaymentDeps, draft: Payment): Promise<Payment> {
  await deps.ledger.submitTransfers([], { effects: () => [insertPayment(draft)] });
  return (await findPaymentByKey(deps.database, draft.agentId, draft.idempotencyKey!))!;
}

async function loadParties(deps: PaymentDeps, agentId: string, body: CreatePaymentBody): Promise<Result<Parties, ApiError>> {
  const [mandate, merchant, agent] = await Promise.all([
    loadMandate(deps, body.mandate_id),
    deps.parties.merchant(body.merchant_id),
    deps.parties.agent(agentId),
  ]);
  if (mandate === undefined || mandate.agentId !== agentId) {
    return err(new ApiError("not_found", `No mandate '${body.mandate_id}' granted to you.`, "mandate_id"));
  }
  if (merchant === undefined) return err(new ApiError("not_found", `No merchant '${body.merchant_id}'.`, "merchant_id"));
  const user = await deps.parties.user(mandate.userId);
  if (user === undefined || agent === undefined) return err(new ApiError("not_found", "The mandate's user or agent is gone."));
  return ok({ mandate, merchant, user, agent });
}

function draftPayment(
  b: CreatePaymentBody,
  agent: Agent,
  mandate: Mandate,
  idempotencyKey: string,
  requestHash: string,
  nowMs: number,
  purpose: PaymentPurposeOptions,
): Payment {
  const hash = b.intent.instruction_hash ?? (b.intent.instruction === undefined ? null : sha256(b.intent.instruction));
  return {
    id: newId("pay"),
    agentId: agent.id,
    userId: mandate.userId,
    mandateId: mandate.id,
    merchantId: b.merchant_id,
    purpose: purpose.purpose,
    subscriptionId: purpose.subscriptionId ?? null,
    tipMessage: purpose.tipMessage ?? null,
    status: "processing",
    amount: BigInt(b.amount),
    currency: b.currency,
    amountCaptured: 0n,
    amountRefunded: 0n,
    feeAmount: 0n,
    captureMethod: b.capture === false ? "manual" : "automatic",
    description: b.description ?? null,
    lineItems: b.line_items?.map((i) => ({ description: i.description, quantity: i.quantity, unitAmount: BigInt(i.unit_amount) })) ?? null,
    orderReference: b.order_reference ?? null,
    businessUnit: b.tags?.business_unit ?? null,
    costCentre: b.tags?.cost_centre ?? null,
    sessionId: b.tags?.session_id ?? null,
    intent: { id: b.intent.id, hash, givenAtMs: b.intent.given_at === undefined ? null : Date.parse(b.intent.given_at) },
    declineCode: null,
    cancellationReason: null,
    idempotencyKey,
    requestHash,
    approvalId: null,
    holdExpiresAtMs: null,
    budgetLines: [],
    recurrenceAtMs: purpose.recurrenceAtMs ?? null,
    receiptJws: null,
    metadata: b.metadata === undefined ? null : JSON.stringify(b.metadata),
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** A decline before any money moved: the attempt is kept, with its reason, for the user and the audit trail. */
async function recordDeclined(
  deps: PaymentDeps,
  draft: Payment,
  code: DeclineCode,
  actor: Principal,
  requestId: string | null,
): Promise<Payment> {
  const payment: Payment = { ...draft, status: "declined", declineCode: code };
  const { id, set } = paymentUpdate(payment);
  const applied = await deps.database.transaction(async (trx) => {
    const result = await trx.updateTable("payments").set(set).where("id", "=", id).where("status", "=", "processing").executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await recordAudit(trx, paymentEvent(payment, actor, requestId, "payment.declined"), payment.updatedAtMs);
    return true;
  });
  return applied ? payment : (await findPaymentByKey(deps.database, draft.agentId, draft.idempotencyKey!))!;
}

/** Above the step-up threshold: nothing moves until the user approves on a trusted surface. */
async function requestConfirmation(
  deps: PaymentDeps,
  draft: Payment,
  reason: Approval["reason"],
  actor: Principal,
  requestId: string | null,
): Promise<Payment> {
  const nowMs = draft.updatedAtMs;
  const expiresAtMs = nowMs + deps.settings.approvalTimeoutS * 1000;
  const approval: Approval = {
    id: newId("apr"),
    paymentId: draft.id,
    userId: draft.userId,
    status: "pending",
    reason,
    expiresAtMs,
    decidedAtMs: null,
    decidedBy: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  const payment: Payment = { ...draft, status: "requires_confirmation", approvalId: approval.id, holdExpiresAtMs: expiresAtMs };
  const { id, set } = paymentUpdate(payment);
  const applied = await deps.database.transaction(async (trx) => {
    const result = await trx.updateTable("payments").set(set).where("id", "=", id).where("status", "=", "processing").executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await trx.insertInto("approvals").values(approvalToRow(approval)).execute();
    await recordAudit(trx, paymentEvent(payment, actor, requestId, "payment.requires_confirmation", { approval_id: approval.id, reason }), nowMs);
    return true;
  });
  return applied ? payment : (await findPaymentByKey(deps.database, draft.agentId, draft.idempotencyKey!))!;
}
