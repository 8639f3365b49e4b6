/**
 * Every transfer and account result code, each triggered by a real submission on a real
 * database, plus the ledger's behaviours around them: balancing, partial posts, voids, closing,
 * expiry, point-in-time balances and paging. A rejected submission must change nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import {
  ACCOUNT_RESULTS,
  AccountFlag,
  CODE_MAX,
  ID_LENGTH_MAX,
  TIMEOUT_S_MAX,
  type AccountInput,
  type AccountResultCode,
  Ledger,
  type Transfer,
  TransferFlag,
  type TransferInput,
  type TransferResult,
  type TransferResultCode,
  TRANSFER_RESULTS,
} from "../src/ledger/index.js";
import { I64_MAX } from "../src/money/index.js";
import type { Database } from "../src/store/index.js";
import { accountInput, balances, invariantViolations, move, post, readState, storedTransferIds, voidHold } from "./fixtures/ledger-helpers.js";
import { createTestDatabase, engines, type TestDatabase } from "./harness.js";

const { pending, linked, balancingDebit, balancingCredit, closingDebit, closingCredit } = TransferFlag;
const { debitsMustNotExceedCredits, creditsMustNotExceedDebits, history } = AccountFlag;
const HOLD_TIMEOUT_S = 5;

describe.each(engines)("ledger results on %s", (engine) => {
  let tdb: TestDatabase;
  let db: Database;
  let ledger: Ledger;
  const clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
  const seenTransferResults = new Set<TransferResultCode>();
  const seenAccountResults = new Set<AccountResultCode>();
  let prefixCounter = 0;

  // A fresh second for every test: a frozen clock makes timestamps creep ahead of it by 1 µs each.
  beforeEach(() => clock.advanceMs(1_000));
  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    db = await tdb.open();
    ledger = new Ledger(db, { clock, expirySweep: false });
  });
  afterAll(async () => {
    await ledger.close();
    await db.close();
    await tdb.drop();
  });

  /** Creates accounts named by the keys (with a fresh prefix) and returns their ids by key. */
  async function accounts<K extends string>(spec: Record<K, number | Partial<AccountInput>>): Promise<Record<K, string>> {
    const prefix = `r${++prefixCounter}-`;
    const ids = {} as Record<K, string>;
    const inputs: AccountInput[] = [];
    for (const key of Object.keys(spec) as K[]) {
      const s = spec[key];
      ids[key] = `${prefix}${key}`;
      inputs.push(typeof s === "number" ? accountInput(ids[key], s) : accountInput(ids[key], 0, s));
    }
    const results = await ledger.createAccounts(inputs);
    expect(results.map((r) => r.result)).toEqual(inputs.map(() => "ok"));
    return ids;
  }

  async function submit(inputs: readonly TransferInput[]): Promise<TransferResult[]> {
    const results = await ledger.submitTransfers(inputs);
    for (const r of results) seenTransferResults.add(r.result);
    return results;
  }

  async function ok(inputs: readonly TransferInput[]): Promise<Transfer[]> {
    const results = await submit(inputs);
    expect(results.map((r) => r.result)).toEqual(inputs.map(() => "ok"));
    return results.map((r) => r.transfer!);
  }

  /**
   * Submits and expects exactly these codes; none of the accounts may change, and no transfer
   * the submission named may be stored unless it already existed.
   */
  async function rejected(inputs: readonly TransferInput[], codes: readonly TransferResultCode[], watched: Record<string, string>): Promise<TransferResult[]> {
    const ids = Object.values(watched);
    const before = await balances(db, ids);
    const existedBefore = await storedTransferIds(db, inputs.map((t) => t.id));
    const results = await submit(inputs);
    expect(results.map((r) => r.result)).toEqual(codes);
    expect(await balances(db, ids)).toEqual(before);
    expect(await storedTransferIds(db, inputs.map((t) => t.id))).toEqual(existedBefore);
    return results;
  }

  async function expectBalances(id: string, want: { dp?: bigint; dpo?: bigint; cp?: bigint; cpo?: bigint }): Promise<void> {
    const a = (await ledger.account(id))!;
    expect({ dp: a.debitsPending, dpo: a.debitsPosted, cp: a.creditsPending, cpo: a.creditsPosted }).toEqual({
      dp: 0n,
      dpo: 0n,
      cp: 0n,
      cpo: 0n,
      ...want,
    });
  }

  /** A plain transfer, a hold and a post, for the exists_with_different_* cases. */
  async function existing() {
    const acc = await accounts({ a: 0, b: 0, c: 0 });
    const p = acc.a;
    const plain = move(`${p}-t`, acc.a, acc.b, 10n, { metadata: "m" });
    const hold = move(`${p}-h`, acc.a, acc.b, 10n, { flags: pending, timeoutS: 60 });
    const hold2 = move(`${p}-h2`, acc.a, acc.b, 10n, { flags: pending });
    const posting = post(`${p}-p`, hold.id, 4n);
    await ok([plain, hold, hold2, posting]);
    return { acc, plain, hold, posting };
  }

  /** A hold of 10 from a to b (code 7), for the pending_transfer_* cases. */
  async function held(timeoutS = 0) {
    const acc = await accounts({ a: 0, b: 0, c: 0 });
    const hold = move(`${acc.a}-h`, acc.a, acc.b, 10n, { flags: pending, code: 7, timeoutS });
    await ok([hold]);
    return { acc, hold };
  }

  /** a holds almost I64_MAX in the given balance, against accounts that are otherwise empty. */
  async function nearMax(side: "debit" | "credit", kind: "pending" | "posted") {
    const acc = await accounts({ a: 0, b: 0, c: 0 });
    const flags = kind === "pending" ? pending : 0;
    const first = side === "debit" ? move(`${acc.a}-big`, acc.a, acc.b, I64_MAX - 5n, { flags }) : move(`${acc.a}-big`, acc.b, acc.a, I64_MAX - 5n, { flags });
    await ok([first]);
    return acc;
  }

  const transferCases: Record<TransferResultCode, () => Promise<void>> = {
    ok: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      const tags = { businessUnit: "bu", costCentre: "cc", sessionId: "s", intentId: "i" };
      const [t] = await ok([move(`${acc.a}-t`, acc.a, acc.b, 10n, { code: 3, metadata: "x", tags })]);
      expect(t).toMatchObject({ amount: 10n, currency: "CNY", code: 3, pendingStatus: null, expiresAt: null, metadata: "x" });
      expect(t!.tags).toEqual({ businessUnit: "bu", costCentre: "cc", sessionId: "s", intentId: "i" });
      expect(await ledger.transfer(t!.id)).toEqual(t);
      await expectBalances(acc.a, { dpo: 10n });
      await expectBalances(acc.b, { cpo: 10n });
    },
    linked_event_failed: async () => {
      const acc = await accounts({ a: 0, b: 0, c: 0 });
      const p = acc.a;
      // The failure is last: the members before it are undone.
      await rejected(
        [move(`${p}-1`, acc.a, acc.b, 10n, { flags: linked }), move(`${p}-2`, acc.b, acc.c, 5n, { flags: linked | pending }), move(`${p}-3`, acc.a, `${p}-nobody`, 1n)],
        ["linked_event_failed", "linked_event_failed", "credit_account_not_found"],
        acc,
      );
      // The failure is first: the members after it are not applied; the next chain is independent.
      const results = await submit([
        move(`${p}-4`, acc.a, acc.a, 1n, { flags: linked }),
        move(`${p}-5`, acc.a, acc.b, 1n, { flags: linked }),
        move(`${p}-6`, acc.a, acc.b, 1n),
        move(`${p}-7`, acc.a, acc.c, 2n),
      ]);
      expect(results.map((r) => r.result)).toEqual(["accounts_must_be_different", "linked_event_failed", "linked_event_failed", "ok"]);
      await expectBalances(acc.a, { dpo: 2n });
      // A failing chain that posts a hold and closes an account leaves both as they were.
      const hold = move(`${p}-h`, acc.a, acc.b, 3n, { flags: pending });
      await ok([hold]);
      await rejected(
        [
          post(`${p}-8`, hold.id, null, { flags: TransferFlag.postPendingTransfer | linked }),
          move(`${p}-9`, acc.c, acc.b, 1n, { flags: pending | closingDebit | linked }),
          move(`${p}-10`, acc.a, acc.b, 1n, { amount: 0n }),
        ],
        ["linked_event_failed", "linked_event_failed", "amount_must_be_positive"],
        acc,
      );
      expect((await ledger.transfer(hold.id))!.pendingStatus).toBe("pending");
      await ok([move(`${p}-11`, acc.c, acc.a, 1n)]);
    },
    linked_event_chain_open: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      const p = acc.a;
      await rejected([move(`${p}-1`, acc.a, acc.b, 1n, { flags: linked })], ["linked_event_chain_open"], acc);
      await rejected(
        [move(`${p}-3`, acc.a, acc.b, 1n, { flags: linked }), move(`${p}-4`, acc.a, acc.b, 1n, { flags: linked })],
        ["linked_event_failed", "linked_event_chain_open"],
        acc,
      );
    },
    flags_are_mutually_exclusive: async () => {
      const { acc, hold } = await held();
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n, { flags: pending | TransferFlag.postPendingTransfer })], ["flags_are_mutually_exclusive"], acc);
      const postAndVoid = TransferFlag.postPendingTransfer | TransferFlag.voidPendingTransfer;
      await rejected([post(`${acc.a}-2`, hold.id, null, { flags: postAndVoid })], ["flags_are_mutually_exclusive"], acc);
      await rejected([post(`${acc.a}-3`, hold.id, null, { flags: TransferFlag.postPendingTransfer | balancingDebit })], ["flags_are_mutually_exclusive"], acc);
      await rejected([voidHold(`${acc.a}-4`, hold.id, { flags: TransferFlag.voidPendingTransfer | closingCredit })], ["flags_are_mutually_exclusive"], acc);
    },
    amount_must_be_positive: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 0n)], ["amount_must_be_positive"], acc);
      await rejected([move(`${acc.a}-2`, acc.a, acc.b, -5n)], ["amount_must_be_positive"], acc);
      await rejected([move(`${acc.a}-3`, acc.a, acc.b, 1n, { amount: null })], ["amount_must_be_positive"], acc);
    },
    accounts_must_be_different: async () => {
      const acc = await accounts({ a: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, acc.a, 1n)], ["accounts_must_be_different"], acc);
    },
    pending_id_must_be_empty: async () => {
      const { acc, hold } = await held();
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n, { pendingId: hold.id })], ["pending_id_must_be_empty"], acc);
    },
    pending_id_must_not_be_empty: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([post(`${acc.a}-1`, "x", null, { pendingId: null })], ["pending_id_must_not_be_empty"], acc);
      await rejected([voidHold(`${acc.a}-2`, "x", { pendingId: null })], ["pending_id_must_not_be_empty"], acc);
    },
    pending_id_must_be_different: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([post(`${acc.a}-1`, `${acc.a}-1`)], ["pending_id_must_be_different"], acc);
    },
    timeout_reserved_for_pending_transfer: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n, { timeoutS: 10 })], ["timeout_reserved_for_pending_transfer"], acc);
    },
    closing_transfer_must_be_pending: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n, { flags: closingDebit })], ["closing_transfer_must_be_pending"], acc);
      await rejected([move(`${acc.a}-2`, acc.a, acc.b, 1n, { flags: closingCredit })], ["closing_transfer_must_be_pending"], acc);
    },
    debit_account_id_must_not_be_empty: async () => {
      const acc = await accounts({ b: 0 });
      await rejected([move(`${acc.b}-1`, acc.b, acc.b, 1n, { debitAccountId: null })], ["debit_account_id_must_not_be_empty"], acc);
    },
    credit_account_id_must_not_be_empty: async () => {
      const acc = await accounts({ a: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, acc.a, 1n, { creditAccountId: null })], ["credit_account_id_must_not_be_empty"], acc);
    },
    currency_must_not_be_empty: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n, { currency: null })], ["currency_must_not_be_empty"], acc);
    },
    code_must_not_be_zero: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n, { code: 0 })], ["code_must_not_be_zero"], acc);
    },
    exists_with_different_flags: async () => {
      const { acc, plain } = await existing();
      const [r] = await rejected([{ ...plain, flags: pending }], ["exists_with_different_flags"], acc);
      expect(r!.transfer).toMatchObject({ id: plain.id, flags: 0, amount: 10n });
    },
    exists_with_different_pending_id: async () => {
      const { acc, posting } = await existing();
      await rejected([{ ...posting, pendingId: `${acc.a}-h2` }], ["exists_with_different_pending_id"], acc);
    },
    exists_with_different_timeout: async () => {
      const { acc, hold } = await existing();
      await rejected([{ ...hold, timeoutS: 61 }], ["exists_with_different_timeout"], acc);
    },
    exists_with_different_debit_account_id: async () => {
      const { acc, plain } = await existing();
      await rejected([{ ...plain, debitAccountId: acc.c }], ["exists_with_different_debit_account_id"], acc);
      // The stored transfer outranks what the new fields would fail with (an unknown account).
      await rejected([{ ...plain, debitAccountId: `${acc.a}-nobody` }], ["exists_with_different_debit_account_id"], acc);
    },
    exists_with_different_credit_account_id: async () => {
      const { acc, plain, posting } = await existing();
      await rejected([{ ...plain, creditAccountId: acc.c }], ["exists_with_different_credit_account_id"], acc);
      await rejected([{ ...posting, creditAccountId: acc.c }], ["exists_with_different_credit_account_id"], acc);
    },
    exists_with_different_amount: async () => {
      const { acc, plain, posting } = await existing();
      await rejected([{ ...plain, amount: 11n }], ["exists_with_different_amount"], acc);
      await rejected([{ ...plain, amount: I64_MAX }], ["exists_with_different_amount"], acc);
      await rejected([{ ...posting, amount: 5n }], ["exists_with_different_amount"], acc);
      // No amount means "post the whole hold": not what the stored partial post did.
      await rejected([{ ...posting, amount: null }], ["exists_with_different_amount"], acc);
    },
    exists_with_different_currency: async () => {
      const { acc, plain } = await existing();
      await rejected([{ ...plain, currency: "USD" }], ["exists_with_different_currency"], acc);
      // In a chain that fails, a stored member is still not stored twice.
      await rejected([{ ...plain, flags: linked }, move(`${acc.a}-x`, acc.a, acc.a, 1n)], ["exists_with_different_flags", "linked_event_failed"], acc);
    },
    exists_with_different_code: async () => {
      const { acc, plain } = await existing();
      await rejected([{ ...plain, code: 2 }], ["exists_with_different_code"], acc);
    },
    exists_with_different_tags: async () => {
      const { acc, plain } = await existing();
      await rejected([{ ...plain, tags: { ...plain.tags, costCentre: "cc" } }], ["exists_with_different_tags"], acc);
    },
    exists_with_different_metadata: async () => {
      const { acc, plain } = await existing();
      await rejected([{ ...plain, metadata: null }], ["exists_with_different_metadata"], acc);
    },
    exists: async () => {
      const { acc, plain, hold, posting } = await existing();
      const spelledOut = post(posting.id, hold.id, 4n, { debitAccountId: acc.a, currency: "CNY" });
      const results = await rejected([plain, hold, posting, spelledOut], ["exists", "exists", "exists", "exists"], acc);
      expect(results.map((r) => r.transfer!.id)).toEqual([plain.id, hold.id, posting.id, posting.id]);
      // A repeated id within one request is `exists` too: the first one wins.
      const fresh = move(`${acc.a}-dup`, acc.a, acc.b, 1n);
      expect((await submit([fresh, fresh, { ...fresh, amount: 2n }])).map((r) => r.result)).toEqual(["ok", "exists", "exists_with_different_amount"]);
    },
    debit_account_not_found: async () => {
      const acc = await accounts({ b: 0 });
      await rejected([move(`${acc.b}-1`, `${acc.b}-nobody`, acc.b, 1n)], ["debit_account_not_found"], acc);
    },
    credit_account_not_found: async () => {
      const acc = await accounts({ a: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, `${acc.a}-nobody`, 1n)], ["credit_account_not_found"], acc);
    },
    accounts_must_have_same_currency: async () => {
      const acc = await accounts({ a: 0, u: { currency: "USD" } });
      await rejected([move(`${acc.a}-1`, acc.a, acc.u, 1n)], ["accounts_must_have_same_currency"], acc);
    },
    transfer_must_have_same_currency_as_accounts: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n, { currency: "USD" })], ["transfer_must_have_same_currency_as_accounts"], acc);
    },
    pending_transfer_not_found: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await rejected([post(`${acc.a}-1`, `${acc.a}-nothing`)], ["pending_transfer_not_found"], acc);
      await rejected([voidHold(`${acc.a}-2`, `${acc.a}-nothing`)], ["pending_transfer_not_found"], acc);
    },
    pending_transfer_not_pending: async () => {
      const { acc, plain, posting } = await existing();
      await rejected([post(`${acc.a}-1`, plain.id)], ["pending_transfer_not_pending"], acc);
      await rejected([voidHold(`${acc.a}-2`, posting.id)], ["pending_transfer_not_pending"], acc);
    },
    pending_transfer_has_different_debit_account_id: async () => {
      const { acc, hold } = await held();
      await rejected([post(`${acc.a}-1`, hold.id, null, { debitAccountId: acc.c })], ["pending_transfer_has_different_debit_account_id"], acc);
    },
    pending_transfer_has_different_credit_account_id: async () => {
      const { acc, hold } = await held();
      await rejected([voidHold(`${acc.a}-1`, hold.id, { creditAccountId: acc.c })], ["pending_transfer_has_different_credit_account_id"], acc);
    },
    pending_transfer_has_different_currency: async () => {
      const { acc, hold } = await held();
      await rejected([post(`${acc.a}-1`, hold.id, null, { currency: "USD" })], ["pending_transfer_has_different_currency"], acc);
    },
    pending_transfer_has_different_code: async () => {
      const { acc, hold } = await held();
      await rejected([post(`${acc.a}-1`, hold.id, null, { code: 8 })], ["pending_transfer_has_different_code"], acc);
      // The hold's own code, given explicitly, is no difference.
      await ok([post(`${acc.a}-2`, hold.id, null, { code: 7, debitAccountId: acc.a, creditAccountId: acc.b, currency: "CNY" })]);
    },
    exceeds_pending_transfer_amount: async () => {
      const { acc, hold } = await held();
      await rejected([post(`${acc.a}-1`, hold.id, 11n)], ["exceeds_pending_transfer_amount"], acc);
    },
    pending_transfer_has_different_amount: async () => {
      const { acc, hold } = await held();
      await rejected([voidHold(`${acc.a}-1`, hold.id, { amount: 9n })], ["pending_transfer_has_different_amount"], acc);
      await ok([voidHold(`${acc.a}-2`, hold.id, { amount: 10n })]);
    },
    pending_transfer_already_posted: async () => {
      const { acc, hold } = await held();
      await ok([post(`${acc.a}-1`, hold.id)]);
      await rejected([post(`${acc.a}-2`, hold.id)], ["pending_transfer_already_posted"], acc);
      await rejected([voidHold(`${acc.a}-3`, hold.id)], ["pending_transfer_already_posted"], acc);
    },
    pending_transfer_already_voided: async () => {
      const { acc, hold } = await held();
      // Settled twice in one request: the second sees the first.
      const results = await submit([voidHold(`${acc.a}-1`, hold.id), post(`${acc.a}-2`, hold.id)]);
      expect(results.map((r) => r.result)).toEqual(["ok", "pending_transfer_already_voided"]);
      await rejected([voidHold(`${acc.a}-3`, hold.id)], ["pending_transfer_already_voided"], acc);
    },
    pending_transfer_expired: async () => {
      const { acc, hold } = await held(HOLD_TIMEOUT_S);
      clock.advanceMs(HOLD_TIMEOUT_S * 1000 - 1);
      expect(await ledger.expireDue()).toBe(0);
      clock.advanceMs(2);
      // Due but not yet swept: the status still says pending, the deadline decides.
      expect((await ledger.transfer(hold.id))!.pendingStatus).toBe("pending");
      await rejected([post(`${acc.a}-1`, hold.id)], ["pending_transfer_expired"], acc);
      expect(await ledger.expireDue()).toBe(1);
      expect((await ledger.transfer(hold.id))!.pendingStatus).toBe("expired");
      await rejected([voidHold(`${acc.a}-2`, hold.id)], ["pending_transfer_expired"], acc);
      await expectBalances(acc.a, {});
    },
    debit_account_already_closed: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await ok([move(`${acc.a}-close`, acc.a, acc.b, 1n, { flags: pending | closingDebit })]);
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n)], ["debit_account_already_closed"], acc);
      await rejected([move(`${acc.a}-2`, acc.a, acc.b, 1n, { flags: pending })], ["debit_account_already_closed"], acc);
    },
    credit_account_already_closed: async () => {
      const acc = await accounts({ a: 0, b: 0 });
      await ok([move(`${acc.a}-close`, acc.a, acc.b, 1n, { flags: pending | closingCredit })]);
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 1n)], ["credit_account_already_closed"], acc);
      // Closed on the credit side closes it as a debit account too.
      await rejected([move(`${acc.a}-2`, acc.b, acc.a, 1n)], ["debit_account_already_closed"], acc);
    },
    overflows_debits_pending: async () => {
      const acc = await nearMax("debit", "pending");
      await rejected([move(`${acc.a}-1`, acc.a, acc.c, 6n, { flags: pending })], ["overflows_debits_pending"], acc);
      await ok([move(`${acc.a}-2`, acc.a, acc.c, 5n, { flags: pending })]);
    },
    overflows_credits_pending: async () => {
      const acc = await nearMax("credit", "pending");
      await rejected([move(`${acc.a}-1`, acc.c, acc.a, 6n, { flags: pending })], ["overflows_credits_pending"], acc);
    },
    overflows_debits_posted: async () => {
      const acc = await nearMax("debit", "posted");
      await rejected([move(`${acc.a}-1`, acc.a, acc.c, 6n)], ["overflows_debits_posted"], acc);
      // An amount beyond i64 on fresh accounts overflows too instead of reaching the database.
      await rejected([move(`${acc.a}-2`, acc.b, acc.c, I64_MAX + 1n)], ["overflows_debits_posted"], acc);
    },
    overflows_credits_posted: async () => {
      const acc = await nearMax("credit", "posted");
      await rejected([move(`${acc.a}-1`, acc.c, acc.a, 6n)], ["overflows_credits_posted"], acc);
    },
    overflows_debits: async () => {
      // Neither pending nor posted overflows alone; their sum does.
      const acc = await nearMax("debit", "posted");
      await ok([move(`${acc.a}-1`, acc.a, acc.c, 3n, { flags: pending })]);
      await rejected([move(`${acc.a}-2`, acc.a, acc.c, 3n)], ["overflows_debits"], acc);
      await rejected([move(`${acc.a}-3`, acc.a, acc.c, 3n, { flags: pending })], ["overflows_debits"], acc);
    },
    overflows_credits: async () => {
      const acc = await nearMax("credit", "pending");
      await ok([move(`${acc.a}-1`, acc.c, acc.a, 3n)]);
      await rejected([move(`${acc.a}-2`, acc.c, acc.a, 3n)], ["overflows_credits"], acc);
    },
    exceeds_credits: async () => {
      const acc = await accounts({ src: 0, a: debitsMustNotExceedCredits, b: 0 });
      await ok([move(`${acc.a}-fund`, acc.src, acc.a, 10n)]);
      await rejected([move(`${acc.a}-1`, acc.a, acc.b, 11n)], ["exceeds_credits"], acc);
      // Holds count against the limit; pending credits do not count for it.
      await ok([move(`${acc.a}-2`, acc.a, acc.b, 6n, { flags: pending }), move(`${acc.a}-3`, acc.src, acc.a, 100n, { flags: pending })]);
      await rejected([move(`${acc.a}-4`, acc.a, acc.b, 5n)], ["exceeds_credits"], acc);
      await ok([move(`${acc.a}-5`, acc.a, acc.b, 4n)]);
    },
    exceeds_debits: async () => {
      const acc = await accounts({ a: 0, b: creditsMustNotExceedDebits, c: 0 });
      await ok([move(`${acc.a}-1`, acc.b, acc.c, 10n)]);
      await rejected([move(`${acc.a}-2`, acc.a, acc.b, 11n)], ["exceeds_debits"], acc);
      await ok([move(`${acc.a}-3`, acc.a, acc.b, 10n)]);
      await rejected([move(`${acc.a}-4`, acc.a, acc.b, 1n, { flags: pending })], ["exceeds_debits"], acc);
    },
  };

  it.each(TRANSFER_RESULTS)("transfer result %s", async (code) => {
    await transferCases[code]();
    expect(seenTransferResults).toContain(code);
  });

  it("returns the first code in precedence order when several apply", async () => {
    const acc = await accounts({ a: 0, b: 0 });
    const p = acc.a;
    const cases: Array<[TransferInput, TransferResultCode]> = [
      [move(`${p}-1`, acc.a, acc.a, 0n, { flags: pending | TransferFlag.voidPendingTransfer }), "flags_are_mutually_exclusive"],
      [move(`${p}-2`, acc.a, acc.a, 0n, { pendingId: "x", code: 0 }), "amount_must_be_positive"],
      [move(`${p}-3`, acc.a, acc.a, 1n, { pendingId: "x", timeoutS: 1 }), "accounts_must_be_different"],
      [move(`${p}-4`, acc.a, acc.b, 1n, { debitAccountId: null, currency: null, code: 0 }), "debit_account_id_must_not_be_empty"],
      [move(`${p}-5`, `${p}-none`, `${p}-none2`, 1n, { currency: "USD" }), "debit_account_not_found"],
      [move(`${p}-6`, acc.a, acc.b, 1n, { timeoutS: 5, flags: closingDebit }), "timeout_reserved_for_pending_transfer"],
    ];
    for (const [input, code] of cases) await rejected([input], [code], acc);
  });

  it("refuses a field beyond the documented limits to its caller alone, not to the batch it shares", async () => {
    const acc = await accounts({ a: 0, b: 0 });
    const p = acc.a;
    const bad = [
      move(`${p}-code`, acc.a, acc.b, 1n, { code: CODE_MAX + 1 }),
      move(`${p}-timeout`, acc.a, acc.b, 1n, { flags: pending, timeoutS: TIMEOUT_S_MAX + 1 }),
      move(`${p}-flags`, acc.a, acc.b, 1n, { flags: 1 << 12 }),
      move(`${p}-fraction`, acc.a, acc.b, 1n, { code: 1.5 }),
      move("x".repeat(ID_LENGTH_MAX + 1), acc.a, acc.b, 1n),
    ];
    // Submitted together, so that they would share one batch with the good one.
    const settled = await Promise.allSettled([submit([move(`${p}-good`, acc.a, acc.b, 1n)]), ...bad.map((t) => submit([t]))]);
    expect(settled[0]).toMatchObject({ status: "fulfilled", value: [{ result: "ok" }] });
    for (const s of settled.slice(1)) expect(s).toMatchObject({ status: "rejected", reason: { name: "AssertionError" } });
    expect([...(await storedTransferIds(db, bad.map((t) => t.id)))]).toEqual([]);
    // At the limits themselves, all is well.
    await ok([move(`${p}-max`, acc.a, acc.b, 1n, { code: CODE_MAX, flags: pending, timeoutS: TIMEOUT_S_MAX })]);
  });

  it("applies a request's transfers in order: a hold created and settled in one request", async () => {
    const acc = await accounts({ a: 0, b: 0 });
    const hold = move(`${acc.a}-h`, acc.a, acc.b, 10n, { flags: pending });
    await ok([hold, post(`${acc.a}-p`, hold.id, 3n)]);
    expect((await ledger.transfer(hold.id))!.pendingStatus).toBe("posted");
    await expectBalances(acc.a, { dpo: 3n });
  });

  it("balancing_debit and balancing_credit move at most what the limits allow", async () => {
    const acc = await accounts({ src: 0, a: debitsMustNotExceedCredits, b: creditsMustNotExceedDebits, c: 0 });
    const p = acc.a;
    await ok([move(`${p}-fund`, acc.src, acc.a, 100n), move(`${p}-hold`, acc.a, acc.c, 30n, { flags: pending })]);
    const drain = move(`${p}-drain`, acc.a, acc.c, 1_000n, { flags: balancingDebit });
    const [drained] = await ok([drain]);
    expect(drained!.amount).toBe(70n);
    await expectBalances(acc.a, { cpo: 100n, dpo: 70n, dp: 30n });
    // Asking again for the same or a larger amount is the same request; less is not.
    expect((await submit([drain])).map((r) => r.result)).toEqual(["exists"]);
    expect((await submit([{ ...drain, amount: 50n }])).map((r) => r.result)).toEqual(["exists_with_different_amount"]);
    await rejected([move(`${p}-drain2`, acc.a, acc.c, 1n, { flags: balancingDebit })], ["exceeds_credits"], acc);
    // An amount below the room is moved whole.
    await ok([voidHold(`${p}-void`, `${p}-hold`)]);
    const [small] = await ok([move(`${p}-small`, acc.a, acc.c, 10n, { flags: balancingDebit | pending })]);
    expect(small!.amount).toBe(10n);

    await ok([move(`${p}-b-debit`, acc.b, acc.c, 40n)]);
    const [filled] = await ok([move(`${p}-fill`, acc.c, acc.b, 500n, { flags: balancingCredit })]);
    expect(filled!.amount).toBe(40n);
    await rejected([move(`${p}-fill2`, acc.c, acc.b, 1n, { flags: balancingCredit })], ["exceeds_debits"], acc);
    // Both flags: the smaller room wins.
    await ok([move(`${p}-b-debit2`, acc.b, acc.c, 5n)]);
    const [both] = await ok([move(`${p}-both`, acc.a, acc.b, 1_000n, { flags: balancingDebit | balancingCredit })]);
    expect(both!.amount).toBe(5n);
    expect(invariantViolations(await readState(db, Object.values(acc)))).toEqual([]);
  });

  it("posts part of a hold and releases the rest", async () => {
    const acc = await accounts({ a: 0, b: 0 });
    const hold = move(`${acc.a}-h`, acc.a, acc.b, 100n, { flags: pending, code: 4, timeoutS: 3600 });
    const [h] = await ok([hold]);
    expect(h!.expiresAt).toBe(h!.timestamp + 3_600_000_000n);
    await expectBalances(acc.a, { dp: 100n });
    const [p] = await ok([post(`${acc.a}-p`, hold.id, 35n)]);
    expect(p).toMatchObject({ amount: 35n, code: 4, pendingId: hold.id, debitAccountId: acc.a, creditAccountId: acc.b, currency: "CNY" });
    await expectBalances(acc.a, { dpo: 35n });
    await expectBalances(acc.b, { cpo: 35n });
    expect((await ledger.transfer(hold.id))!.pendingStatus).toBe("posted");
  });

  it("voids a hold: nothing is posted", async () => {
    const acc = await accounts({ a: 0, b: 0 });
    const hold = move(`${acc.a}-h`, acc.a, acc.b, 100n, { flags: pending });
    await ok([hold]);
    const [v] = await ok([voidHold(`${acc.a}-v`, hold.id)]);
    expect(v).toMatchObject({ amount: 100n, pendingId: hold.id });
    await expectBalances(acc.a, {});
    await expectBalances(acc.b, {});
    expect((await ledger.transfer(hold.id))!.pendingStatus).toBe("voided");
  });

  it("closing_debit and closing_credit close accounts; a closed account only lets holds be voided", async () => {
    const acc = await accounts({ a: history, b: 0, c: 0 });
    const p = acc.a;
    const earlier = move(`${p}-earlier`, acc.a, acc.c, 5n, { flags: pending });
    const earlier2 = move(`${p}-earlier2`, acc.c, acc.b, 5n, { flags: pending });
    const close = move(`${p}-close`, acc.a, acc.b, 1n, { flags: pending | closingDebit | closingCredit });
    await ok([earlier, earlier2, close]);
    for (const id of [acc.a, acc.b]) expect(hasClosed((await ledger.account(id))!.flags)).toBe(true);
    await rejected([move(`${p}-1`, acc.c, acc.b, 1n)], ["credit_account_already_closed"], acc);
    // As in TigerBeetle, posting moves money, which a closed account no longer allows; not even
    // the closing hold itself can be posted (it can be voided, or lapse).
    await rejected([post(`${p}-post-earlier`, earlier.id)], ["debit_account_already_closed"], acc);
    await rejected([post(`${p}-post-earlier2`, earlier2.id, 2n)], ["credit_account_already_closed"], acc);
    await rejected([post(`${p}-post-close`, close.id)], ["debit_account_already_closed"], acc);
    // Voiding is the one movement allowed: it releases a hold and leaves the account closed.
    await ok([voidHold(`${p}-void-earlier`, earlier.id)]);
    expect(hasClosed((await ledger.account(acc.a))!.flags)).toBe(true);
    // A closed account is still the account that was created: creating it again is `exists`.
    expect((await ledger.createAccounts([accountInput(acc.a, history)])).map((r) => r.result)).toEqual(["exists"]);
    await ok([voidHold(`${p}-reopen`, close.id)]);
    for (const id of [acc.a, acc.b]) expect(hasClosed((await ledger.account(id))!.flags)).toBe(false);
    await ok([move(`${p}-2`, acc.a, acc.b, 1n), post(`${p}-post-earlier2-again`, earlier2.id, 2n)]);
    await expectBalances(acc.b, { cpo: 3n });
    expect(invariantViolations(await readState(db, Object.values(acc)))).toEqual([]);
  });

  it("the expiry sweep releases due holds, reopens closed accounts and leaves the rest", async () => {
    const acc = await accounts({ a: history, b: 0, c: 0 });
    const p = acc.a;
    await ok([
      move(`${p}-short`, acc.a, acc.b, 10n, { flags: pending, timeoutS: 2 }),
      move(`${p}-long`, acc.a, acc.b, 20n, { flags: pending, timeoutS: 600 }),
      move(`${p}-never`, acc.a, acc.b, 40n, { flags: pending }),
      move(`${p}-closing`, acc.c, acc.b, 1n, { flags: pending | closingDebit, timeoutS: 2 }),
    ]);
    await expectBalances(acc.a, { dp: 70n });
    clock.advanceMs(2_001);
    expect(await ledger.expireDue()).toBe(2);
    expect(await ledger.expireDue()).toBe(0);
    await expectBalances(acc.a, { dp: 60n });
    await expectBalances(acc.c, {});
    expect(hasClosed((await ledger.account(acc.c))!.flags)).toBe(false);
    expect((await ledger.transfer(`${p}-short`))!.pendingStatus).toBe("expired");
    expect((await ledger.transfer(`${p}-long`))!.pendingStatus).toBe("pending");
    // The sweep is recorded in the account's history.
    const snap = await ledger.balanceAt(acc.a, BigInt(clock.nowMs()) * 1000n + 999n);
    expect(snap).toMatchObject({ transferId: `${p}-short`, debitsPending: 60n });
    await ok([post(`${p}-post-long`, `${p}-long`)]);
    expect(invariantViolations(await readState(db, Object.values(acc)))).toEqual([]);
  });

  it("balanceAt answers the balances as they stood at a moment", async () => {
    const acc = await accounts({ h: history, b: 0 });
    const p = acc.h;
    const createdUs = (await ledger.account(acc.h))!.timestamp;
    clock.advanceMs(10);
    const [t1] = await ok([move(`${p}-1`, acc.b, acc.h, 100n)]);
    clock.advanceMs(10);
    const [t2] = await ok([move(`${p}-2`, acc.h, acc.b, 30n, { flags: pending })]);
    clock.advanceMs(10);
    const [t3] = await ok([post(`${p}-3`, t2!.id, 20n)]);
    expect(await ledger.balanceAt(acc.h, createdUs)).toBeUndefined();
    expect(await ledger.balanceAt(acc.h, t1!.timestamp - 1n)).toBeUndefined();
    expect(await ledger.balanceAt(acc.h, t1!.timestamp)).toMatchObject({ transferId: t1!.id, creditsPosted: 100n, debitsPending: 0n });
    expect(await ledger.balanceAt(acc.h, t2!.timestamp - 1n)).toMatchObject({ transferId: t1!.id });
    expect(await ledger.balanceAt(acc.h, t2!.timestamp)).toMatchObject({ transferId: t2!.id, debitsPending: 30n, debitsPosted: 0n });
    expect(await ledger.balanceAt(acc.h, t3!.timestamp + 1_000_000n)).toEqual({
      accountId: acc.h,
      timestamp: t3!.timestamp,
      transferId: t3!.id,
      debitsPending: 0n,
      debitsPosted: 20n,
      creditsPending: 0n,
      creditsPosted: 100n,
    });
    // Accounts without the history flag keep no snapshots.
    expect(await ledger.balanceAt(acc.b, t3!.timestamp)).toBeUndefined();
  });

  it("accountTransfers pages newest first with a {timestamp, id} cursor", async () => {
    const acc = await accounts({ a: 0, b: 0, c: 0 });
    const p = acc.a;
    const inputs: TransferInput[] = [];
    for (let i = 0; i < 23; i++) {
      const other = i % 2 === 0 ? acc.b : acc.c;
      inputs.push(i % 3 === 0 ? move(`${p}-${i}`, other, acc.a, BigInt(i + 1)) : move(`${p}-${i}`, acc.a, other, BigInt(i + 1)));
    }
    // Several requests in one batch and several batches.
    await Promise.all([ok(inputs.slice(0, 8)), ok(inputs.slice(8, 15))]);
    await ok(inputs.slice(15));
    await ok([move(`${p}-elsewhere`, acc.b, acc.c, 1n)]);
    const pages: string[][] = [];
    let cursor: { timestamp: bigint; id: string } | null = null;
    for (;;) {
      const page: Transfer[] = await ledger.accountTransfers(acc.a, 5, cursor);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(5);
      pages.push(page.map((t) => t.id));
      const last = page[page.length - 1]!;
      cursor = { timestamp: last.timestamp, id: last.id };
    }
    expect(pages.map((pg) => pg.length)).toEqual([5, 5, 5, 5, 3]);
    const all = await ledger.accountTransfers(acc.a, 100, null);
    expect(pages.flat()).toEqual(all.map((t) => t.id));
    expect(all.map((t) => t.id)).toEqual(inputs.map((t) => t.id).reverse());
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.timestamp > all[i]!.timestamp).toBe(true);
  });

  it("accountTransfers breaks timestamp ties by id", async () => {
    // Two committers (processes) may stamp the same microsecond; the cursor must still page exactly.
    const acc = await accounts({ a: 0, b: 0 });
    const p = acc.a;
    const sameUs = BigInt(clock.nowMs()) * 1000n + 500n;
    const rows = ["x3", "x1", "x2", "x4"].map((suffix) => ({
      id: `${p}-${suffix}`,
      debit_account_id: acc.a,
      credit_account_id: acc.b,
      amount: 1n,
      currency: "CNY",
      code: 1n,
      pending_id: null,
      timeout_s: 0n,
      flags: 0n,
      expires_at: null,
      pending_status: null,
      business_unit: null,
      cost_centre: null,
      session_id: null,
      intent_id: null,
      metadata: null,
      timestamp: sameUs,
    }));
    await db.db.insertInto("ledger_transfers").values(rows).execute();
    onTestFinished(async () => {
      await db.db.deleteFrom("ledger_transfers").where("id", "in", rows.map((r) => r.id)).execute();
    });
    const seen: string[] = [];
    let cursor: { timestamp: bigint; id: string } | null = null;
    for (let page = await ledger.accountTransfers(acc.a, 3, cursor); page.length > 0; page = await ledger.accountTransfers(acc.a, 3, cursor)) {
      seen.push(...page.map((t) => t.id));
      cursor = { timestamp: page[page.length - 1]!.timestamp, id: page[page.length - 1]!.id };
    }
    expect(seen).toEqual(["x4", "x3", "x2", "x1"].map((s) => `${p}-${s}`));
  });

  const accountCases: Record<AccountResultCode, () => Promise<void>> = {
    ok: async () => {
      const [r] = await createAccount(accountInput("acc-ok", history | debitsMustNotExceedCredits, { ownerRef: "o", metadata: "m", code: 9 }), "ok");
      expect(r!.account).toMatchObject({ id: "acc-ok", flags: history | debitsMustNotExceedCredits, ownerRef: "o", metadata: "m", code: 9, debitsPosted: 0n });
      expect(await ledger.account("acc-ok")).toEqual(r!.account);
    },
    flags_are_mutually_exclusive: async () => {
      await createAccount(accountInput("acc-fme", debitsMustNotExceedCredits | creditsMustNotExceedDebits), "flags_are_mutually_exclusive");
    },
    flags_reserved: async () => {
      await createAccount(accountInput("acc-fr1", AccountFlag.closed), "flags_reserved");
      await createAccount(accountInput("acc-fr2", 1 << 0), "flags_reserved");
      await createAccount(accountInput("acc-fr3", 1 << 12), "flags_reserved");
    },
    code_must_not_be_zero: async () => {
      await createAccount(accountInput("acc-c0", 0, { code: 0 }), "code_must_not_be_zero");
    },
    exists_with_different_flags: async () => {
      await createAccount(accountInput("acc-e", history, { ownerRef: "o", metadata: "m" }), "exists_with_different_flags");
    },
    exists_with_different_currency: async () => {
      await createAccount(accountInput("acc-e", 0, { ownerRef: "o", metadata: "m", currency: "USD" }), "exists_with_different_currency");
    },
    exists_with_different_code: async () => {
      await createAccount(accountInput("acc-e", 0, { ownerRef: "o", metadata: "m", code: 2 }), "exists_with_different_code");
    },
    exists_with_different_owner_ref: async () => {
      await createAccount(accountInput("acc-e", 0, { ownerRef: null, metadata: "m" }), "exists_with_different_owner_ref");
    },
    exists_with_different_metadata: async () => {
      await createAccount(accountInput("acc-e", 0, { ownerRef: "o", metadata: "n" }), "exists_with_different_metadata");
    },
    exists: async () => {
      await createAccount(accountInput("acc-e", 0, { ownerRef: "o", metadata: "m" }), "exists");
      // A repeated id within one request: the first is created, the others compared with it.
      const results = await ledger.createAccounts([accountInput("acc-dup"), accountInput("acc-dup"), accountInput("acc-dup", 0, { code: 3 })]);
      for (const r of results) seenAccountResults.add(r.result);
      expect(results.map((r) => r.result)).toEqual(["ok", "exists", "exists_with_different_code"]);
    },
  };

  async function createAccount(input: AccountInput, code: AccountResultCode) {
    // The account the exists_* cases compare against.
    await ledger.createAccounts([accountInput("acc-e", 0, { ownerRef: "o", metadata: "m" })]);
    const before = await ledger.account(input.id);
    const results = await ledger.createAccounts([input]);
    for (const r of results) seenAccountResults.add(r.result);
    expect(results.map((r) => r.result)).toEqual([code]);
    if (code !== "ok") expect(await ledger.account(input.id)).toEqual(before);
    return results;
  }

  it.each(ACCOUNT_RESULTS)("account result %s", async (code) => {
    await accountCases[code]();
    expect(seenAccountResults).toContain(code);
  });

  it("account results follow precedence order", async () => {
    // Reserved and mutually exclusive flags together, with code 0: the earliest listed code wins.
    const bad = accountInput("acc-prec", AccountFlag.closed | debitsMustNotExceedCredits | creditsMustNotExceedDebits, { code: 0 });
    const [r] = await ledger.createAccounts([bad]);
    const applicable: AccountResultCode[] = ["flags_are_mutually_exclusive", "flags_reserved", "code_must_not_be_zero"];
    const first = ACCOUNT_RESULTS.find((c) => applicable.includes(c));
    expect(r!.result).toBe(first);
    const [r2] = await ledger.createAccounts([accountInput("acc-prec2", debitsMustNotExceedCredits | creditsMustNotExceedDebits, { code: 0 })]);
    expect(r2!.result).toBe("flags_are_mutually_exclusive");
  });

  it("leaves every account consistent with the transfers table", async () => {
    expect(invariantViolations(await readState(db, null))).toEqual([]);
  });
});

function hasClosed(flags: number): boolean {
  return (flags & AccountFlag.closed) !== 0;
}
