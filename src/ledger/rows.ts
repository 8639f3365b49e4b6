/** Mapping between stored rows (snake_case, bigint integers) and the ledger's types. */
import type { LedgerAccountRow, LedgerHistoryRow, LedgerTransferRow } from "../store/index.js";
import type { Account, BalanceSnapshot, PendingStatus, Transfer } from "./types.js";

export function accountFromRow(r: LedgerAccountRow): Account {
  return {
    id: r.id,
    currency: r.currency,
    code: Number(r.code),
    ownerRef: r.owner_ref,
    flags: Number(r.flags),
    debitsPending: r.debits_pending,
    debitsPosted: r.debits_posted,
    creditsPending: r.credits_pending,
    creditsPosted: r.credits_posted,
    metadata: r.metadata,
    timestamp: r.timestamp,
  };
}

export function transferFromRow(r: LedgerTransferRow): Transfer {
  return {
    id: r.id,
    debitAccountId: r.debit_account_id,
    creditAccountId: r.credit_account_id,
    amount: r.amount,
    currency: r.currency,
    code: Number(r.code),
    pendingId: r.pending_id,
    timeoutS: Number(r.timeout_s),
    flags: Number(r.flags),
    expiresAt: r.expires_at,
    pendingStatus: r.pending_status as PendingStatus | null,
    tags: {
      businessUnit: r.business_unit,
      costCentre: r.cost_centre,
      sessionId: r.session_id,
      intentId: r.intent_id,
    },
    metadata: r.metadata,
    timestamp: r.timestamp,
  };
}

export function snapshotFromRow(r: LedgerHistoryRow): BalanceSnapshot {
  return {
    accountId: r.account_id,
    timestamp: r.timestamp,
    transferId: r.transfer_id,
    debitsPending: r.debits_pending,
    debitsPosted: r.debits_posted,
    creditsPending: r.credits_pending,
    creditsPosted: r.credits_posted,
  };
}

/** The transfer columns in insert order; both engines write them in this order. */
export const TRANSFER_COLUMNS = [
  "id",
  "debit_account_id",
  "credit_account_id",
  "amount",
  "currency",
  "code",
  "pending_id",
  "timeout_s",
  "flags",
  "expires_at",
  "pending_status",
  "business_unit",
  "cost_centre",
  "session_id",
  "intent_id",
  "metadata",
  "timestamp",
] as const;

export function transferValues(t: Transfer): Array<string | bigint | number | null> {
  return [
    t.id,
    t.debitAccountId,
    t.creditAccountId,
    t.amount,
    t.currency,
    t.code,
    t.pendingId,
    t.timeoutS,
    t.flags,
    t.expiresAt,
    t.pendingStatus,
    t.tags.businessUnit,
    t.tags.costCentre,
    t.tags.sessionId,
    t.tags.intentId,
    t.metadata,
    t.timestamp,
  ];
}
