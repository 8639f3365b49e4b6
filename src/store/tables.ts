
/** Row shapes as the query builder sees them. Integers are bigint on both engines. */
export interface LedgerAccountRow {
  id: string;
  currency: string;
  code: bigint;
  owner_ref: string | null;
  flags: bigint;
  debits_pending: bigint;
  debits_posted: bigint;
  credits_pending: bigint;
  credits_posted: bigint;
  metadata: string | null;
  timestamp: bigint;
}

export interface LedgerTransferRow {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: bigint;
  currency: string;
  code: bigint;
  pending_id: string | null;
  timeout_s: bigint;
  flags: bigint;
  expires_at: bigint | null;
  pending_status: string | null;
  business_unit: string | null;
  cost_centre: string | null;
  session_id: string | null;
  intent_id: string | null;
  metadata: string | null;
  timestamp: bigint;
}

export interface LedgerHistoryRow {
  account_id: string;
  timestamp: bigint;
  transfer_id: string;
  debits_pending: bigint;
  debits_posted: bigint;
  credits_pending: bigint;
  credits_posted: bigint;
}

export interface Tables {
  ledger_accounts: LedgerAccountRow;
  ledger_transfers: LedgerTransferRow;
  ledger_account_history: LedgerHistoryRow;
}
