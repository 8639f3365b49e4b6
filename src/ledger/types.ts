/**
 * The ledger's data model, after TigerBeetle's: accounts hold four balances, transfers move an
 * amount from a debit account to a credit account of the same currency, and two-phase transfers
 * reserve (pending) before they post or void.
 */

export const AccountFlag = {
  debitsMustNotExceedCredits: 1 << 1,
  creditsMustNotExceedDebits: 1 << 2,
  history: 1 << 3,
  closed: 1 << 5,
} as const;

export const TransferFlag = {
  linked: 1 << 0,
  pending: 1 << 1,
  postPendingTransfer: 1 << 2,
  voidPendingTransfer: 1 << 3,
  balancingDebit: 1 << 4,
  balancingCredit: 1 << 5,
  closingDebit: 1 << 6,
  closingCredit: 1 << 7,
} as const;

export type PendingStatus = "pending" | "posted" | "voided" | "expired";

export interface Balances {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

export interface Account extends Balances {
  readonly id: string;
  readonly currency: string;
  readonly code: number;
  readonly ownerRef: string | null;
  flags: number;
  readonly metadata: string | null;
  /** Microseconds since the Unix epoch at creation. */
  readonly timestamp: bigint;
}

export interface AccountInput {
  readonly id: string;
  readonly currency: string;
  readonly code: number;
  readonly ownerRef: string | null;
  readonly flags: number;
  readonly metadata: string | null;
}

/** Tags attribute money to the business: they roll up into finance reports later. */
export interface TransferTags {
  readonly businessUnit: string | null;
  readonly costCentre: string | null;
  readonly sessionId: string | null;
  readonly intentId: string | null;
}

export const NO_TAGS: TransferTags = { businessUnit: null, costCentre: null, sessionId: null, intentId: null };

export interface TransferInput {
  /** Client-chosen and unique: the transfer's idempotency key. */
  readonly id: string;
  /** Optional for post/void (taken from the pending transfer); required otherwise. */
  readonly debitAccountId: string | null;
  readonly creditAccountId: string | null;
  /** Null only for post (post the full pending amount) and void. */
  readonly amount: bigint | null;
  readonly currency: string | null;
  /** Why the money moved (chart-of-accounts reason); 0 only for post/void (inherit). */
  readonly code: number;
  readonly pendingId: string | null;
  /** Seconds a pending transfer may stay open; 0 = never expires. */
  readonly timeoutS: number;
  readonly flags: number;
  readonly tags: TransferTags;
  readonly metadata: string | null;
}

export interface Transfer {
  readonly id: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly code: number;
  readonly pendingId: string | null;
  readonly timeoutS: number;
  readonly flags: number;
  /** For pending transfers with a timeout: when the hold lapses (µs). */
  readonly expiresAt: bigint | null;
  /** For pending transfers: where the hold stands now. */
  readonly pendingStatus: PendingStatus | null;
  readonly tags: TransferTags;
  readonly metadata: string | null;
  /** Microseconds since the Unix epoch at commit; unique and increasing per committer. */
  readonly timestamp: bigint;
}

export interface BalanceSnapshot extends Balances {
  readonly accountId: string;
  readonly timestamp: bigint;
  readonly transferId: string;
}

/** Results in order of precedence: when several apply, the first listed is returned. */
export const TRANSFER_RESULTS = [
  "ok",
  "linked_event_failed",
  "linked_event_chain_open",
  "flags_are_mutually_exclusive",
  "amount_must_be_positive",
  "accounts_must_be_different",
  "pending_id_must_be_empty",
  "pending_id_must_not_be_empty",
  "pending_id_must_be_different",
  "timeout_reserved_for_pending_transfer",
  "closing_transfer_must_be_pending",
  "debit_account_id_must_not_be_empty",
  "credit_account_id_must_not_be_empty",
  "currency_must_not_be_empty",
  "code_must_not_be_zero",
  "exists_with_different_flags",
  "exists_with_different_pending_id",
  "exists_with_different_timeout",
  "exists_with_different_debit_account_id",
  "exists_with_different_credit_account_id",
  "exists_with_different_amount",
  "exists_with_different_currency",
  "exists_with_different_code",
  "exists_with_different_tags",
  "exists_with_different_metadata",
  "exists",
  "debit_account_not_found",
  "credit_account_not_found",
  "accounts_must_have_same_currency",
  "transfer_must_have_same_currency_as_accounts",
  "pending_transfer_not_found",
  "pending_transfer_not_pending",
  "pending_transfer_has_different_debit_account_id",
  "pending_transfer_has_different_credit_account_id",
  "pending_transfer_has_different_currency",
  "pending_transfer_has_different_code",
  "exceeds_pending_transfer_amount",
  "pending_transfer_has_different_amount",
  "pending_transfer_already_posted",
  "pending_transfer_already_voided",
  "pending_transfer_expired",
  "debit_account_already_closed",
  "credit_account_already_closed",
  "overflows_debits_pending",
  "overflows_credits_pending",
  "overflows_debits_posted",
  "overflows_credits_posted",
  "overflows_debits",
  "overflows_credits",
  "exceeds_credits",
  "exceeds_debits",
] as const;

export type TransferResultCode = (typeof TRANSFER_RESULTS)[number];

export interface TransferResult {
  readonly id: string;
  readonly result: TransferResultCode;
  /** The transfer as stored: the new one for `ok`, the existing one for `exists`. */
  readonly transfer: Transfer | null;
}

/** Also in order of precedence: a reserved flag is reported before a forbidden combination, as in TigerBeetle. */
export const ACCOUNT_RESULTS = [
  "ok",
  "flags_reserved",
  "flags_are_mutually_exclusive",
  "code_must_not_be_zero",
  "exists_with_different_flags",
  "exists_with_different_currency",
  "exists_with_different_code",
  "exists_with_different_owner_ref",
  "exists_with_different_metadata",
  "exists",
] as const;

export type AccountResultCode = (typeof ACCOUNT_RESULTS)[number];

export interface AccountResult {
  readonly id: string;
  readonly result: AccountResultCode;
  readonly account: Account | null;
}

export function hasFlag(flags: number, flag: number): boolean {
  return (flags & flag) !== 0;
}
