/**
 * The ledger's state machine, free of I/O: given the committed state it is shown, it decides
 * each transfer's result in arrival order and computes the rows a batch must write. Both
 * storage engines run this same code, so SQLite and PostgreSQL cannot disagree on a result.
 */
import { assert } from "../core/assert.js";
import { I64_MAX } from "../money/index.js";
import { CODE_MAX, ID_LENGTH_MAX, TIMEOUT_S_MAX } from "./limits.js";
import type { RowWrite } from "./row-writes.js";
import {
  type Account,
  AccountFlag,
  type BalanceSnapshot,
  hasFlag,
  type PendingStatus,
  type Transfer,
  TransferFlag,
  type TransferInput,
  type TransferResult,
  type TransferResultCode,
} from "./types.js";

/** Committed state, as far as the batch needs it. Lookups never see this batch's own writes. */
export interface PlanSource {
  account(id: string): Account | undefined;
  transfer(id: string): Transfer | undefined;
}

export type LedgerOp =
  | {
      readonly kind: "transfers";
      readonly transfers: readonly TransferInput[];
      /** Rows to write in the same transaction, decided from the transfers' results. */
      readonly effects?: (results: readonly TransferResult[]) => readonly RowWrite[];
    }
  | { readonly kind: "expire"; readonly pendingIds: readonly string[] };

export type OpResult =
  | { readonly kind: "transfers"; readonly results: TransferResult[] }
  | { readonly kind: "expire"; readonly expired: string[] };

export interface BatchPlan {
  readonly results: OpResult[];
  /** New transfers in commit order, with their final pending status. */
  readonly inserts: Transfer[];
  /** Accounts whose balances or flags changed, in their final state. */
  readonly accounts: Account[];
  /** Status changes of pending transfers committed by earlier batches. */
  readonly statusUpdates: Array<{ readonly id: string; readonly status: PendingStatus }>;
  readonly history: BalanceSnapshot[];
  /** Other modules' rows, in operation order, written after the ledger's own. */
  readonly rows: RowWrite[];
}

const MICROS_PER_SECOND = 1_000_000n;
const TWO_PHASE_FLAGS = TransferFlag.pending | TransferFlag.postPendingTransfer | TransferFlag.voidPendingTransfer;
const BALANCING_FLAGS = TransferFlag.balancingDebit | TransferFlag.balancingCredit;
const CLOSING_FLAGS = TransferFlag.closingDebit | TransferFlag.closingCredit;

type Outcome = { code: TransferResultCode; transfer: Transfer | null };
const fail = (code: TransferResultCode): Outcome => ({ code, transfer: null });

const overflows = (a: bigint, b: bigint): boolean => a + b > I64_MAX;

export class BatchPlanner {
  private readonly working = new Map<string, Account>();
  private readonly created = new Map<string, Transfer>();
  private readonly statusOverride = new Map<string, PendingStatus>();
  private readonly history: BalanceSnapshot[] = [];
  /** Restores state when a linked chain fails; null outside a chain. */
  private undo: Array<() => void> | null = null;

  constructor(
    private readonly source: PlanSource,
    private readonly nowUs: bigint,
    private readonly nextTimestamp: () => bigint,
  ) {}

  plan(ops: readonly LedgerOp[]): BatchPlan {
    const rows: RowWrite[] = [];
    const results = ops.map((op): OpResult => {
      if (op.kind === "expire") return { kind: "expire", expired: op.pendingIds.filter((id) => this.expire(id)) };
      const transferResults = this.applyRequest(op.transfers);
      if (op.effects !== undefined) rows.push(...op.effects(transferResults));
      return { kind: "transfers", results: transferResults };
    });
    return { results, ...this.rows(), rows };
  }

  /** Applies one caller's transfers; a linked chain succeeds or fails as a whole. */
  private applyRequest(inputs: readonly TransferInput[]): TransferResult[] {
    const results: TransferResult[] = [];
    let chainStart = -1;
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      const linked = hasFlag(input.flags, TransferFlag.linked);
      if (chainStart < 0 && linked) {
        chainStart = i;
        this.undo = [];
      }
      if (chainStart >= 0 && linked && i === inputs.length - 1) {
        this.failChain(results, chainStart, i, "linked_event_chain_open");
        results.push({ id: input.id, result: "linked_event_chain_open", transfer: null });
        break;
      }
      const outcome = this.applyOne(input);
      results.push({ id: input.id, result: outcome.code, transfer: outcome.transfer });
      const failed = outcome.code !== "ok" && outcome.code !== "exists";
      if (chainStart >= 0 && failed) {
        this.failChain(results, chainStart, i, outcome.code);
        i = this.skipRestOfChain(inputs, i, results);
        chainStart = -1;
      } else if (chainStart >= 0 && !linked) {
        this.undo = null;
        chainStart = -1;
      }
    }
    return results;
  }

  private failChain(results: TransferResult[], start: number, failedAt: number, code: TransferResultCode): void {
    const undo = this.undo;
    assert(undo !== null, "a chain has an undo log");
    for (let u = undo.length - 1; u >= 0; u--) undo[u]!();
    this.undo = null;
    for (let j = start; j < failedAt; j++) {
      results[j] = { id: results[j]!.id, result: "linked_event_failed", transfer: null };
    }
    if (failedAt < results.length) results[failedAt] = { id: results[failedAt]!.id, result: code, transfer: null };
  }

  /** Marks the chain's remaining transfers as failed; returns the index of the chain's last one. */
  private skipRestOfChain(inputs: readonly TransferInput[], failedAt: number, results: TransferResult[]): number {
    let i = failedAt;
    while (hasFlag(inputs[i]!.flags, TransferFlag.linked) && i + 1 < inputs.length) {
      i++;
      results.push({ id: inputs[i]!.id, result: "linked_event_failed", transfer: null });
    }
    return i;
  }

  private applyOne(input: TransferInput): Outcome {
    const invalid = validateShape(input);
    if (invalid !== null) return fail(invalid);
    const existing = this.created.get(input.id) ?? this.source.transfer(input.id);
    if (existing !== undefined) {
      const pendingId = existing.pendingId;
      const held = pendingId === null ? undefined : (this.created.get(pendingId) ?? this.source.transfer(pendingId));
      return { code: compareExisting(input, existing, held), transfer: existing };
    }
    const twoPhase = input.flags & (TransferFlag.postPendingTransfer | TransferFlag.voidPendingTransfer);
    return twoPhase !== 0 ? this.applyPostOrVoid(input) : this.applyNew(input);
  }

  private applyNew(input: TransferInput): Outcome {
    const debit = this.account(input.debitAccountId!);
    if (debit === undefined) return fail("debit_account_not_found");
    const credit = this.account(input.creditAccountId!);
    if (credit === undefined) return fail("credit_account_not_found");
    if (debit.currency !== credit.currency) return fail("accounts_must_have_same_currency");
    if (input.currency !== debit.currency) return fail("transfer_must_have_same_currency_as_accounts");
    if (hasFlag(debit.flags, AccountFlag.closed)) return fail("debit_account_already_closed");
    if (hasFlag(credit.flags, AccountFlag.closed)) return fail("credit_account_already_closed");

    const amount = balancedAmount(input, debit, credit);
    if (typeof amount === "string") return fail(amount);
    const pending = hasFlag(input.flags, TransferFlag.pending);
    const limit = checkLimits(debit, credit, amount, pending);
    if (limit !== null) return fail(limit);

    const timestamp = this.nextTimestamp();
    const transfer: Transfer = {
      id: input.id,
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amount,
      currency: debit.currency,
      code: input.code,
      pendingId: null,
      timeoutS: input.timeoutS,
      flags: input.flags,
      expiresAt: pending && input.timeoutS > 0 ? timestamp + BigInt(input.timeoutS) * MICROS_PER_SECOND : null,
      pendingStatus: pending ? "pending" : null,
      tags: input.tags,
      metadata: input.metadata,
      timestamp,
    };
    this.mutate(debit, () => {
      if (pending) debit.debitsPending += amount;
      else debit.debitsPosted += amount;
      if (hasFlag(input.flags, TransferFlag.closingDebit)) debit.flags |= AccountFlag.closed;
    });
    this.mutate(credit, () => {
      if (pending) credit.creditsPending += amount;
      else credit.creditsPosted += amount;
      if (hasFlag(input.flags, TransferFlag.closingCredit)) credit.flags |= AccountFlag.closed;
    });
    this.record(transfer, debit, credit);
    return { code: "ok", transfer };
  }

  private applyPostOrVoid(input: TransferInput): Outcome {
    const pendingId = input.pendingId!;
    const held = this.created.get(pendingId) ?? this.source.transfer(pendingId);
    if (held === undefined) return fail("pending_transfer_not_found");
    const mismatch = checkAgainstPending(input, held);
    if (mismatch !== null) return fail(mismatch);
    const status = this.statusOverride.get(held.id) ?? held.pendingStatus;
    if (status === "posted") return fail("pending_transfer_already_posted");
    if (status === "voided") return fail("pending_transfer_already_voided");
    if (status === "expired" || (held.expiresAt !== null && held.expiresAt <= this.nowUs)) {
      return fail("pending_transfer_expired");
    }
    const debit = this.account(held.debitAccountId);
    const credit = this.account(held.creditAccountId);
    assert(debit !== undefined && credit !== undefined, "a pending transfer's accounts exist");

    const post = hasFlag(input.flags, TransferFlag.postPendingTransfer);
    // As in TigerBeetle, the only movement a closed account allows is voiding a hold.
    if (post && hasFlag(debit.flags, AccountFlag.closed)) return fail("debit_account_already_closed");
    if (post && hasFlag(credit.flags, AccountFlag.closed)) return fail("credit_account_already_closed");
    const amount = post ? (input.amount ?? held.amount) : held.amount;
    if (post && overflows(debit.debitsPosted, amount)) return fail("overflows_debits_posted");
    if (post && overflows(credit.creditsPosted, amount)) return fail("overflows_credits_posted");

    const timestamp = this.nextTimestamp();
    const transfer: Transfer = {
      id: input.id,
      debitAccountId: held.debitAccountId,
      creditAccountId: held.creditAccountId,
      amount,
      currency: held.currency,
      code: input.code === 0 ? held.code : input.code,
      pendingId,
      timeoutS: 0,
      flags: input.flags,
      expiresAt: null,
      pendingStatus: null,
      tags: input.tags,
      metadata: input.metadata,
      timestamp,
    };
    this.releaseHold(held, debit, credit, post ? amount : null);
    this.setStatus(held.id, post ? "posted" : "voided");
    this.record(transfer, debit, credit);
    return { code: "ok", transfer };
  }

  /** Voids a hold whose timeout has passed; false if it is no longer open or not yet due. */
  private expire(pendingId: string): boolean {
    const held = this.created.get(pendingId) ?? this.source.transfer(pendingId);
    if (held === undefined) return false;
    const status = this.statusOverride.get(held.id) ?? held.pendingStatus;
    if (status !== "pending" || held.expiresAt === null || held.expiresAt > this.nowUs) return false;
    const debit = this.account(held.debitAccountId);
    const credit = this.account(held.creditAccountId);
    assert(debit !== undefined && credit !== undefined, "a pending transfer's accounts exist");
    this.releaseHold(held, debit, credit, null);
    this.setStatus(held.id, "expired");
    const timestamp = this.nextTimestamp();
    this.snapshot(debit, timestamp, held.id);
    this.snapshot(credit, timestamp, held.id);
    return true;
  }

  /** Takes the hold off both accounts and, when posting, moves `postAmount` to posted. */
  private releaseHold(held: Transfer, debit: Account, credit: Account, postAmount: bigint | null): void {
    const reopen = postAmount === null;
    this.mutate(debit, () => {
      debit.debitsPending -= held.amount;
      if (postAmount !== null) debit.debitsPosted += postAmount;
      if (reopen && hasFlag(held.flags, TransferFlag.closingDebit)) debit.flags &= ~AccountFlag.closed;
    });
    this.mutate(credit, () => {
      credit.creditsPending -= held.amount;
      if (postAmount !== null) credit.creditsPosted += postAmount;
      if (reopen && hasFlag(held.flags, TransferFlag.closingCredit)) credit.flags &= ~AccountFlag.closed;
    });
  }

  /** The batch's private copy of an account, made on first use so the source stays untouched. */
  private account(id: string): Account | undefined {
    const copy = this.working.get(id);
    if (copy !== undefined) return copy;
    const committed = this.source.account(id);
    if (committed === undefined) return undefined;
    const fresh = { ...committed };
    this.working.set(id, fresh);
    return fresh;
  }

  private mutate(account: Account, change: () => void): void {
    if (this.undo !== null) {
      const { debitsPending, debitsPosted, creditsPending, creditsPosted, flags } = account;
      this.undo.push(() => Object.assign(account, { debitsPending, debitsPosted, creditsPending, creditsPosted, flags }));
    }
    change();
  }

  private setStatus(id: string, status: PendingStatus): void {
    if (this.undo !== null) {
      const before = this.statusOverride.get(id);
      this.undo.push(() => (before === undefined ? this.statusOverride.delete(id) : this.statusOverride.set(id, before)));
    }
    this.statusOverride.set(id, status);
  }

  private record(transfer: Transfer, debit: Account, credit: Account): void {
    if (this.undo !== null) {
      const historyLength = this.history.length;
      this.undo.push(() => {
        this.created.delete(transfer.id);
        this.history.length = historyLength;
      });
    }
    this.created.set(transfer.id, transfer);
    this.snapshot(debit, transfer.timestamp, transfer.id);
    this.snapshot(credit, transfer.timestamp, transfer.id);
  }

  private snapshot(account: Account, timestamp: bigint, transferId: string): void {
    if (!hasFlag(account.flags, AccountFlag.history)) return;
    this.history.push({
      accountId: account.id,
      timestamp,
      transferId,
      debitsPending: account.debitsPending,
      debitsPosted: account.debitsPosted,
      creditsPending: account.creditsPending,
      creditsPosted: account.creditsPosted,
    });
  }

  private rows(): Omit<BatchPlan, "results" | "rows"> {
    const inserts: Transfer[] = [];
    for (const transfer of this.created.values()) {
      const status = this.statusOverride.get(transfer.id);
      inserts.push(status === undefined ? transfer : { ...transfer, pendingStatus: status });
    }
    const statusUpdates: Array<{ id: string; status: PendingStatus }> = [];
    for (const [id, status] of this.statusOverride) {
      if (!this.created.has(id)) statusUpdates.push({ id, status });
    }
    const accounts = [...this.working.values()].filter((a) => changed(a, this.source.account(a.id)!));
    return { inserts, accounts, statusUpdates, history: this.history };
  }
}

function changed(a: Account, before: Account): boolean {
  return (
    a.debitsPending !== before.debitsPending ||
    a.debitsPosted !== before.debitsPosted ||
    a.creditsPending !== before.creditsPending ||
    a.creditsPosted !== before.creditsPosted ||
    a.flags !== before.flags
  );
}

const TRANSFER_FLAGS_ALL = Object.values(TransferFlag).reduce((all, flag) => all | flag, 0);

/**
 * Bounds the transports' schemas enforce, asserted again where transfers enter the group
 * committer: past them PostgreSQL refuses the row, and with it every caller's transfers in the
 * same batch, while SQLite would store it.
 */
export function assertTransferInput(t: TransferInput): void {
  assert(t.id.length <= ID_LENGTH_MAX, `a transfer id has at most ${ID_LENGTH_MAX} characters`);
  assert(Number.isInteger(t.code) && t.code >= 0 && t.code <= CODE_MAX, `a transfer code is 0..${CODE_MAX}`);
  assert(Number.isInteger(t.timeoutS) && t.timeoutS >= 0 && t.timeoutS <= TIMEOUT_S_MAX, `a timeout is 0..${TIMEOUT_S_MAX} s`);
  assert(Number.isInteger(t.flags) && t.flags >= 0 && (t.flags & ~TRANSFER_FLAGS_ALL) === 0, "transfer flags are known flags");
}

/** Rules that need nothing but the transfer itself, in TigerBeetle's precedence. */
export function validateShape(t: TransferInput): TransferResultCode | null {
  const twoPhase = t.flags & TWO_PHASE_FLAGS;
  if ((twoPhase & (twoPhase - 1)) !== 0) return "flags_are_mutually_exclusive";
  const postOrVoid = (t.flags & (TransferFlag.postPendingTransfer | TransferFlag.voidPendingTransfer)) !== 0;
  if (postOrVoid && (t.flags & (BALANCING_FLAGS | CLOSING_FLAGS)) !== 0) return "flags_are_mutually_exclusive";
  if (t.amount !== null ? t.amount <= 0n : !postOrVoid) return "amount_must_be_positive";
  if (t.debitAccountId !== null && t.debitAccountId === t.creditAccountId) return "accounts_must_be_different";
  if (!postOrVoid && t.pendingId !== null) return "pending_id_must_be_empty";
  if (postOrVoid && t.pendingId === null) return "pending_id_must_not_be_empty";
  if (postOrVoid && t.pendingId === t.id) return "pending_id_must_be_different";
  if (t.timeoutS !== 0 && !hasFlag(t.flags, TransferFlag.pending)) return "timeout_reserved_for_pending_transfer";
  if ((t.flags & CLOSING_FLAGS) !== 0 && !hasFlag(t.flags, TransferFlag.pending)) return "closing_transfer_must_be_pending";
  if (postOrVoid) return null;
  if (t.debitAccountId === null) return "debit_account_id_must_not_be_empty";
  if (t.creditAccountId === null) return "credit_account_id_must_not_be_empty";
  if (t.currency === null) return "currency_must_not_be_empty";
  if (t.code === 0) return "code_must_not_be_zero";
  return null;
}

/**
 * A resubmitted id: `exists` only if it says the same thing as the stored transfer. `held` is the
 * hold a stored post or void settled (loaded with the batch), to compare "post all of it".
 */
export function compareExisting(t: TransferInput, e: Transfer, held?: Transfer): TransferResultCode {
  if (t.flags !== e.flags) return "exists_with_different_flags";
  if (t.pendingId !== e.pendingId) return "exists_with_different_pending_id";
  if (t.timeoutS !== e.timeoutS) return "exists_with_different_timeout";
  if (t.debitAccountId !== null && t.debitAccountId !== e.debitAccountId) return "exists_with_different_debit_account_id";
  if (t.creditAccountId !== null && t.creditAccountId !== e.creditAccountId) {
    return "exists_with_different_credit_account_id";
  }
  if (t.amount !== null) {
    // A balancing transfer may have moved less than it asked for; asking again is the same request.
    const balancing = (t.flags & BALANCING_FLAGS) !== 0;
    if (balancing ? t.amount < e.amount : t.amount !== e.amount) return "exists_with_different_amount";
  } else if (held !== undefined && hasFlag(t.flags, TransferFlag.postPendingTransfer) && e.amount !== held.amount) {
    // No amount asks to post the whole hold; the stored post moved only part of it.
    return "exists_with_different_amount";
  }
  if (t.currency !== null && t.currency !== e.currency) return "exists_with_different_currency";
  if (t.code !== 0 && t.code !== e.code) return "exists_with_different_code";
  if (!sameTags(t, e)) return "exists_with_different_tags";
  if (t.metadata !== e.metadata) return "exists_with_different_metadata";
  return "exists";
}

function sameTags(t: TransferInput, e: Transfer): boolean {
  return (
    t.tags.businessUnit === e.tags.businessUnit &&
    t.tags.costCentre === e.tags.costCentre &&
    t.tags.sessionId === e.tags.sessionId &&
    t.tags.intentId === e.tags.intentId
  );
}

function checkAgainstPending(t: TransferInput, held: Transfer): TransferResultCode | null {
  if (!hasFlag(held.flags, TransferFlag.pending)) return "pending_transfer_not_pending";
  if (t.debitAccountId !== null && t.debitAccountId !== held.debitAccountId) {
    return "pending_transfer_has_different_debit_account_id";
  }
  if (t.creditAccountId !== null && t.creditAccountId !== held.creditAccountId) {
    return "pending_transfer_has_different_credit_account_id";
  }
  if (t.currency !== null && t.currency !== held.currency) return "pending_transfer_has_different_currency";
  if (t.code !== 0 && t.code !== held.code) return "pending_transfer_has_different_code";
  const post = hasFlag(t.flags, TransferFlag.postPendingTransfer);
  if (post && t.amount !== null && t.amount > held.amount) return "exceeds_pending_transfer_amount";
  if (!post && t.amount !== null && t.amount !== held.amount) return "pending_transfer_has_different_amount";
  return null;
}

/**
 * Balancing transfers move at most `amount`: as much as keeps the debit account's debits within
 * its credits (balancing_debit) and the credit account's credits within its debits
 * (balancing_credit). Nothing to move is `exceeds_*`, as in TigerBeetle.
 */
function balancedAmount(t: TransferInput, debit: Account, credit: Account): bigint | TransferResultCode {
  let amount = t.amount!;
  if (hasFlag(t.flags, TransferFlag.balancingDebit)) {
    const room = debit.creditsPosted - debit.debitsPosted - debit.debitsPending;
    if (room <= 0n) return "exceeds_credits";
    if (room < amount) amount = room;
  }
  if (hasFlag(t.flags, TransferFlag.balancingCredit)) {
    const room = credit.debitsPosted - credit.creditsPosted - credit.creditsPending;
    if (room <= 0n) return "exceeds_debits";
    if (room < amount) amount = room;
  }
  return amount;
}

function checkLimits(debit: Account, credit: Account, amount: bigint, pending: boolean): TransferResultCode | null {
  if (pending && overflows(debit.debitsPending, amount)) return "overflows_debits_pending";
  if (pending && overflows(credit.creditsPending, amount)) return "overflows_credits_pending";
  if (!pending && overflows(debit.debitsPosted, amount)) return "overflows_debits_posted";
  if (!pending && overflows(credit.creditsPosted, amount)) return "overflows_credits_posted";
  if (overflows(debit.debitsPending + debit.debitsPosted, amount)) return "overflows_debits";
  if (overflows(credit.creditsPending + credit.creditsPosted, amount)) return "overflows_credits";
  const debits = debit.debitsPending + debit.debitsPosted + amount;
  if (hasFlag(debit.flags, AccountFlag.debitsMustNotExceedCredits) && debits > debit.creditsPosted) {
    return "exceeds_credits";
  }
  const credits = credit.creditsPending + credit.creditsPosted + amount;
  if (hasFlag(credit.flags, AccountFlag.creditsMustNotExceedDebits) && credits > credit.debitsPosted) {
    return "exceeds_debits";
  }
  return null;
}
