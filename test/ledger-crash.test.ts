/**
 * Crash safety: a ledger process is killed with SIGKILL while it commits transfers. The reopened
 * database must hold every transfer the process acknowledged, hold nothing it refused, and hold
 * no half-applied batch: every balance equals the sum recomputed from the transfers table.
 *
 * Two kinds of kill: at a crash point (the child freezes right after its n-th statement inside
 * a transaction, see fixtures/ledger-crashpoint.ts), which lands inside batches at chosen
 * statement boundaries; and from outside at some moment, as a real crash would come. Every
 * round reuses the database the earlier rounds left behind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Ledger } from "../src/ledger/index.js";
import type { Database } from "../src/store/index.js";
import { invariantViolations, readState, storedTransferIds } from "./fixtures/ledger-helpers.js";
import { killLiveWriters, spawnWriter, within, type WriterProcess } from "./fixtures/ledger-process.js";
import { setUpAccounts, WORKLOAD_RESULTS, workloadAccounts } from "./fixtures/ledger-workload.js";
import { createTestDatabase, engines, type TestDatabase } from "./harness.js";

/** Statement counts to freeze at: early batches and later ones, at different points within a batch. */
const CRASH_POINTS = [2, 9, 31, 77, 160, 333, 611];
/** Kills from outside: after so many acknowledgements plus a delay, so they land at different moments. */
const KILLS = [
  { afterAcks: 60, delayMs: 0 },
  { afterAcks: 200, delayMs: 9 },
];
const ROUND_MS_MAX = 10_000;

describe.each(engines)("ledger crash on %s", (engine) => {
  let tdb: TestDatabase;
  const accounts = workloadAccounts("crash-");
  let round = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    const db = await tdb.open();
    const ledger = new Ledger(db, { expirySweep: false });
    await setUpAccounts(ledger, accounts);
    await ledger.close();
    await db.close();
  });
  afterEach(killLiveWriters);
  afterAll(async () => {
    await tdb.drop();
  });

  function spawn(crashAfterStatements: number | null): WriterProcess {
    round++;
    return spawnWriter(tdb.url, {
      name: `round${round}`,
      seed: round,
      callers: 24,
      requestsPerCaller: 0,
      holdTimeoutS: 1,
      accounts,
      sweep: true,
      crashAfterStatements,
    });
  }

  async function kill(writer: WriterProcess): Promise<void> {
    writer.child.kill("SIGKILL");
    const exit = await within(ROUND_MS_MAX, "waiting for the kill", writer.exited);
    expect(exit).toMatchObject({ signal: "SIGKILL", done: false });
    expect(writer.errors).toEqual([]);
  }

  /** What the killed process acknowledged is stored, what it refused is not, and nothing is half-applied. */
  async function verify(writer: WriterProcess): Promise<void> {
    const db: Database = await tdb.open();
    try {
      if (db.engine === "sqlite") expect(db.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(writer.acks.filter((a) => !WORKLOAD_RESULTS.has(a.result))).toEqual([]);
      const okIds = writer.acks.filter((a) => a.result === "ok").map((a) => a.id);
      expect((await storedTransferIds(db, okIds)).size).toBe(okIds.length);
      const refused = writer.acks.filter((a) => a.result !== "ok" && a.result !== "exists").map((a) => a.id);
      expect([...(await storedTransferIds(db, refused))]).toEqual([]);
      const ids = [accounts.funder, ...accounts.payers, ...accounts.merchants];
      expect(invariantViolations(await readState(db, ids))).toEqual([]);
      // The ledger carries on from the recovered state: it sweeps the holds that lapsed meanwhile.
      const ledger = new Ledger(db, { expirySweep: false });
      await ledger.expireDue();
      await ledger.close();
      expect(invariantViolations(await readState(db, ids))).toEqual([]);
    } finally {
      await db.close();
    }
  }

  it.each(CRASH_POINTS)("SIGKILL at the %i-th statement inside a transaction", async (statements) => {
    const writer = spawn(statements);
    await within(ROUND_MS_MAX, "starting", writer.ready);
    writer.start();
    await within(ROUND_MS_MAX, "reaching the crash point", writer.crashPoint);
    await kill(writer);
    await verify(writer);
  });

  it.each(KILLS)("SIGKILL $delayMs ms after $afterAcks acknowledgements", async ({ afterAcks, delayMs }) => {
    const writer = spawn(null);
    await within(ROUND_MS_MAX, "starting", writer.ready);
    writer.start();
    await within(ROUND_MS_MAX, "waiting for acknowledgements", writer.acked(afterAcks));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    await kill(writer);
    expect(writer.acks.length).toBeGreaterThanOrEqual(afterAcks);
    await verify(writer);
  });
});
