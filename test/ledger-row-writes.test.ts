/**
 * Rows written with a batch of transfers keep the order they were submitted in, even where the
 * PostgreSQL writer merges them into multi-row statements: an update sees the insert before it and
 * not the one after it, and two increments of one row both count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ledger, type RowWrite } from "../src/ledger/index.js";
import type { Database } from "../src/store/index.js";
import { createTestDatabase, engines, type TestDatabase } from "./harness.js";

const row = (key: string, response: string): RowWrite => ({
  kind: "insert",
  table: "idempotency_keys",
  values: { scope: "test", key, fingerprint: "f", status_code: 200, response, created_at: 1n, expires_at: 2n },
});
const setResponse = (key: string, response: string): RowWrite => ({
  kind: "update",
  table: "idempotency_keys",
  set: { response },
  where: { scope: "test", key },
});
const bump = (key: string): RowWrite => ({
  kind: "update",
  table: "idempotency_keys",
  set: {},
  increment: { status_code: 1n },
  where: { scope: "test", key },
});

describe.each(engines)("rows written with a batch on %s", (engine) => {
  let tdb: TestDatabase;
  let database: Database;
  let ledger: Ledger;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    database = await tdb.open();
    // A batch wait long enough that every write below lands in one batch.
    ledger = new Ledger(database, { expirySweep: false, batchWaitMs: 20 });
  });
  afterAll(async () => {
    await ledger.close();
    await database.close();
    await tdb.drop();
  });

  it("applies inserts and updates of one batch in the order they were submitted", async () => {
    const batchesBefore = ledger.stats.batches;
    const ops: RowWrite[][] = [
      [setResponse("c", "too early")],
      [row("a", "a0"), row("b", "b0")],
      [setResponse("a", "a1"), bump("a")],
      [bump("a"), row("c", "c0")],
      [setResponse("b", "b1")],
      [setResponse("a", "a2")],
      [row("a", "duplicate")].map((w) => ({ ...w, onConflictDoNothing: true })),
    ];
    await Promise.all(ops.map((rows) => ledger.submitTransfers([], { effects: () => rows })));
    expect(ledger.stats.batches - batchesBefore).toBe(1);
    const stored = await database.db.selectFrom("idempotency_keys").select(["key", "response", "status_code"]).orderBy("key").execute();
    expect(stored.map((r) => ({ key: r.key, response: r.response, status: Number(r.status_code) }))).toEqual([
      { key: "a", response: "a2", status: 202 },
      { key: "b", response: "b1", status: 200 },
      { key: "c", response: "c0", status: 200 },
    ]);
  });
});
