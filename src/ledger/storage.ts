/**
 * The ledger's storage port. `commit` is the only way balances change: each engine adapter
 * applies a whole batch of operations in one database transaction using the shared planner.
 * Reads and account creation are ordinary queries, shared by both engines through Kysely.
 */
import type { Kysely } from "kysely";
import type { Tables } from "../store/index.js";
import type { LedgerOp, OpResult } from "./plan.js";
import { accountFromRow, snapshotFromRow, transferFromRow } from "./rows.js";
import type { Timestamps } from "./timestamps.js";
import {
  type Account,
  type AccountInput,
  type AccountResult,
  type AccountResultCode,
  AccountFlag,
  type BalanceSnapshot,
  type Transfer,
  type TransferResult,
  TRANSFER_RESULTS,
} from "./types.js";

export interface LedgerWriter {
  /** Applies the operations in one transaction, in order, and returns each one's results. */
  commit(ops: readonly LedgerOp[]): Promise<OpResult[]>;
  close(): void;
}

export interface TransferCursor {
  readonly timestamp: bigint;
  readonly id: string;
}

const CREATABLE_ACCOUNT_FLAGS =
  AccountFlag.debitsMustNotExceedCredits | AccountFlag.creditsMustNotExceedDebits | AccountFlag.history;

/**
 * A result after `exists` in precedence may hide an existing transfer: the planner assumed the
 * id was new. Such ids are checked against the table before the batch commits.
 */
const EXISTS_RANK = TRANSFER_RESULTS.indexOf("exists");
export function mayHideExisting(r: TransferResult): boolean {
  if (r.transfer !== null) return false;
  if (r.result === "linked_event_failed" || r.result === "linked_event_chain_open") return true;
  return TRANSFER_RESULTS.indexOf(r.result) > EXISTS_RANK;
}

/** 11 columns a row: 2,000 rows stay under SQLite's 32,766 bound variables per statement. */
export const ACCOUNT_INSERT_ROWS_MAX = 2_000;

export class LedgerQueries {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly timestamps: Timestamps,
  ) {}

  async account(id: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom("ledger_accounts").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : accountFromRow(row);
  }

  async accounts(ids: readonly string[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom("ledger_accounts").selectAll().where("id", "in", ids).execute();
    return rows.map(accountFromRow);
  }

  async accountsOwnedBy(ownerRef: string): Promise<Account[]> {
    const rows = await this.db.selectFrom("ledger_accounts").selectAll().where("owner_ref", "=", ownerRef).orderBy("id").limit(1_000).execute();
    return rows.map(accountFromRow);
  }

  async transfer(id: string): Promise<Transfer | undefined> {
    const row = await this.db.selectFrom("ledger_transfers").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : transferFromRow(row);
  }

  /** An account's transfers, newest first, after the cursor. Reads each side's index separately. */
  async accountTransfers(accountId: string, limit: number, after: TransferCursor | null): Promise<Transfer[]> {
    const side = (column: "debit_account_id" | "credit_account_id") => {
      let q = this.db.selectFrom("ledger_transfers").selectAll().where(column, "=", accountId);
      if (after !== null) {
        q = q.where((eb) =>
          eb.or([
            eb("timestamp", "<", after.timestamp),
            eb.and([eb("timestamp", "=", after.timestamp), eb("id", "<", after.id)]),
          ]),
        );
      }
      return q.orderBy("timestamp", "desc").orderBy("id", "desc").limit(limit).execute();
    };
    const [debits, credits] = await Promise.all([side("debit_account_id"), side("credit_account_id")]);
    return [...debits, ...credits]
      .sort((a, b) => (a.timestamp === b.timestamp ? (a.id < b.id ? 1 : -1) : a.timestamp < b.timestamp ? 1 : -1))
      .slice(0, limit)
      .map(transferFromRow);
  }

  /** The account's balances as they stood at `timestampUs` (accounts with the history flag). */
  async balanceAt(accountId: string, timestampUs: bigint): Promise<BalanceSnapshot | undefined> {
    const row = await this.db
      .selectFrom("ledger_account_history")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("timestamp", "<=", timestampUs)
      .orderBy("timestamp", "desc")
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : snapshotFromRow(row);
  }

  /** Holds whose timeout has passed, oldest first. */
  async dueHolds(nowUs: bigint, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom("ledger_transfers")
      .select("id")
      .where("pending_status", "=", "pending")
      .where("expires_at", "<=", nowUs)
      .orderBy("expires_at")
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Accounts are created idempotently: an id that exists answers `exists` if it says the same
   * thing, or which field differs. Concurrent creators of one id cannot both win.
   */
  async createAccounts(inputs: readonly AccountInput[]): Promise<AccountResult[]> {
    const results: Array<AccountResult | null> = inputs.map((input) => {
      const invalid = validateAccount(input);
      return invalid === null ? null : { id: input.id, result: invalid, account: null };
    });
    const fresh = new Map<string, Account>();
    for (const [i, input] of inputs.entries()) {
      if (results[i] !== null || fresh.has(input.id)) continue;
      fresh.set(input.id, { ...input, ...zeroBalances(), timestamp: this.timestamps.next() });
    }
    const inserted = new Set<string>();
    if (fresh.size > 0) {
      // Sorted by id, so that concurrent creators of overlapping ids wait on each other in the same
      // order instead of deadlocking.
      const sorted = [...fresh.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      // Statements small enough for SQLite's limit on bound variables. Each is atomic on its own;
      // a crash between two leaves the first created, and the retry (idempotent) creates the rest.
      for (let i = 0; i < sorted.length; i += ACCOUNT_INSERT_ROWS_MAX) {
        const rows = await this.db
          .insertInto("ledger_accounts")
          .values(sorted.slice(i, i + ACCOUNT_INSERT_ROWS_MAX).map(accountRow))
          .onConflict((oc) => oc.column("id").doNothing())
          .returning("id")
          .execute();
        for (const r of rows) inserted.add(r.id);
      }
    }
    const existing = new Map((await this.accounts(inputs.map((i) => i.id))).map((a) => [a.id, a]));
    const claimed = new Set<string>();
    return inputs.map((input, i) => {
      const early = results[i];
      if (early !== null && early !== undefined) return early;
      const stored = existing.get(input.id)!;
      if (inserted.has(input.id) && !claimed.has(input.id)) {
        claimed.add(input.id);
        return { id: input.id, result: "ok", account: stored };
      }
      return { id: input.id, result: compareAccount(input, stored), account: stored };
    });
  }
}

function zeroBalances() {
  return { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
}

function accountRow(a: Account) {
  return {
    id: a.id,
    currency: a.currency,
    code: BigInt(a.code),
    owner_ref: a.ownerRef,
    flags: BigInt(a.flags),
    debits_pending: a.debitsPending,
    debits_posted: a.debitsPosted,
    credits_pending: a.creditsPending,
    credits_posted: a.creditsPosted,
    metadata: a.metadata,
    timestamp: a.timestamp,
  };
}

function validateAccount(a: AccountInput): AccountResultCode | null {
  if ((a.flags & ~CREATABLE_ACCOUNT_FLAGS) !== 0) return "flags_reserved";
  const both = AccountFlag.debitsMustNotExceedCredits | AccountFlag.creditsMustNotExceedDebits;
  if ((a.flags & both) === both) return "flags_are_mutually_exclusive";
  if (a.code === 0) return "code_must_not_be_zero";
  return null;
}

function compareAccount(a: AccountInput, e: Account): AccountResultCode {
  // A closed account was created open: closing is not a difference in what was asked for.
  if (a.flags !== (e.flags & ~AccountFlag.closed)) return "exists_with_different_flags";
  if (a.currency !== e.currency) return "exists_with_different_currency";
  if (a.code !== e.code) return "exists_with_different_code";
  if (a.ownerRef !== e.ownerRef) return "exists_with_different_owner_ref";
  if (a.metadata !== e.metadata) return "exists_with_different_metadata";
  return "exists";
}
