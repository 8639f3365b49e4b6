import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ledger, NO_TAGS, AccountFlag, TransferFlag, type TransferInput } from "../src/ledger/index.js";
import type { Database } from "../src/store/index.js";
import { createTestDatabase, engines, type TestDatabase } from "./harness.js";

const t = (over: Partial<TransferInput> & { id: string }): TransferInput => ({
  debitAccountId: "a", creditAccountId: "b", amount: 10n, currency: "CNY", code: 1, pendingId: null,
  timeoutS: 0, flags: 0, tags: NO_TAGS, metadata: null, ...over,
});

describe.each(engines)("ledger smoke on %s", (engine) => {
  let tdb: TestDatabase; let db: Database; let ledger: Ledger;
  beforeAll(async () => { tdb = await createTestDatabase(engine); db = await tdb.open(); ledger = new Ledger(db, { expirySweep: false }); });
  afterAll(async () => { await ledger.close(); await db.close(); await tdb.drop(); });

  it("creates accounts and moves money", async () => {
    const acc = await ledger.createAccounts([
      { id: "a", currency: "CNY", code: 1, ownerRef: null, flags: 0, metadata: null },
      { id: "b", currency: "CNY", code: 1, ownerRef: null, flags: AccountFlag.history, metadata: null },
    ]);
    expect(acc.map((r) => r.result)).toEqual(["ok", "ok"]);
    const res = await ledger.submitTransfers([t({ id: "t1" }), t({ id: "t1" }), t({ id: "t2", amount: 5n, flags: TransferFlag.pending, timeoutS: 60 })]);
    expect(res.map((r) => r.result)).toEqual(["ok", "exists", "ok"]);
    const post = await ledger.submitTransfers([t({ id: "t3", debitAccountId: null, creditAccountId: null, amount: 3n, currency: null, code: 0, pendingId: "t2", flags: TransferFlag.postPendingTransfer })]);
    expect(post[0]!.result).toBe("ok");
    const again = await ledger.submitTransfers([t({ id: "t1" }), t({ id: "t3", debitAccountId: null, creditAccountId: null, amount: 3n, currency: null, code: 0, pendingId: "t2", flags: TransferFlag.postPendingTransfer })]);
    expect(again.map((r) => r.result)).toEqual(["exists", "exists"]);
    const a = await ledger.account("a");
    expect(a).toMatchObject({ debitsPosted: 13n, debitsPending: 0n });
    const list = await ledger.accountTransfers("b", 10, null);
    expect(list.map((x) => x.id)).toEqual(["t3", "t2", "t1"]);
  });
});

describe.each(engines)("account creation at the request maximum on %s", (engine) => {
  it("creates 8,190 accounts in one request (more rows than SQLite binds in one statement)", async () => {
    const tdb = await createTestDatabase(engine);
    const db = await tdb.open();
    const ledger = new Ledger(db, { expirySweep: false });
    try {
      const inputs = Array.from({ length: 8_190 }, (_, i) => ({ id: `acc-${i}`, currency: "CNY", code: 1, ownerRef: null, flags: 0, metadata: null }));
      const results = await ledger.createAccounts(inputs);
      expect(results.every((r) => r.result === "ok")).toBe(true);
      expect((await ledger.createAccounts(inputs.slice(0, 3))).map((r) => r.result)).toEqual(["exists", "exists", "exists"]);
    } finally {
      await ledger.close();
      await db.close();
      await tdb.drop();
    }
  });
});
