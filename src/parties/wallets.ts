/**
 * Ledger accounts of the parties. A user's wallet and a merchant's settlement account exist per
 * currency and are opened on first use, idempotently: the ledger answers `exists` for an
 * identical account, so concurrent openers in any number of processes converge.
 *
 * Chart of accounts (codes of `ledger_accounts.code`):
 *   2100  wallet liability  — what AgentPay owes a user; can never go below zero
 *                             (debits must not exceed credits), with balance history.
 *   2200  merchant payable  — what AgentPay owes a merchant until payout; no balance constraint.
 */
import { assert, AssertionError } from "../core/assert.js";
import { AccountFlag, type Ledger } from "../ledger/index.js";
import { isCurrency } from "../money/index.js";
import { KNOWN_ACCOUNTS_MAX } from "./limits.js";

export const WALLET_ACCOUNT_CODE = 2100;
export const MERCHANT_PAYABLE_ACCOUNT_CODE = 2200;

export const walletAccountId = (userId: string, currency: string): string => `wallet:${userId}:${currency}`;
export const merchantAccountId = (merchantId: string, currency: string): string => `merchant:${merchantId}:${currency}`;

/** Ids known to exist, per ledger: a hit saves a round trip on every payment. */
const known = new WeakMap<Ledger, Set<string>>();

async function ensureAccount(ledger: Ledger, id: string, currency: string, code: number, ownerRef: string, flags: number): Promise<string> {
  assert(isCurrency(currency), `ensureAccount: '${currency}' is not an ISO 4217 currency`);
  let ids = known.get(ledger);
  if (ids?.has(id) === true) return id;
  const [result] = await ledger.createAccounts([{ id, currency, code, ownerRef, flags, metadata: null }]);
  if (result?.result !== "ok" && result?.result !== "exists") {
    // The id is derived from ours; a different account under it is a bug or tampering.
    throw new AssertionError(`ledger account ${id} exists with a different definition (${result?.result})`);
  }
  if (ids === undefined) known.set(ledger, (ids = new Set()));
  if (ids.size >= KNOWN_ACCOUNTS_MAX) ids.clear();
  ids.add(id);
  return id;
}

/** Opens (or finds) the user's wallet in `currency`; returns its ledger account id. */
export function ensureWallet(ledger: Ledger, userId: string, currency: string): Promise<string> {
  const flags = AccountFlag.debitsMustNotExceedCredits | AccountFlag.history;
  return ensureAccount(ledger, walletAccountId(userId, currency), currency, WALLET_ACCOUNT_CODE, userId, flags);
}

/** Opens (or finds) the merchant's payable account in `currency`; returns its ledger account id. */
export function ensureMerchantAccount(ledger: Ledger, merchantId: string, currency: string): Promise<string> {
  return ensureAccount(ledger, merchantAccountId(merchantId, currency), currency, MERCHANT_PAYABLE_ACCOUNT_CODE, merchantId, 0);
}

/** A wallet's balance in one currency: what can be spent now and what uncaptured payments hold. */
export interface WalletBalance {
  readonly currency: string;
  readonly available: bigint;
  readonly held: bigint;
}

/** The user's wallets, one per currency they have used, in currency order (their ids sort so). */
export async function walletBalances(ledger: Ledger, userId: string): Promise<WalletBalance[]> {
  const accounts = await ledger.accountsOwnedBy(userId);
  return accounts
    .filter((a) => a.id === walletAccountId(userId, a.currency))
    .map((a) => ({ currency: a.currency, available: a.creditsPosted - a.debitsPosted - a.debitsPending, held: a.debitsPending }));
}
