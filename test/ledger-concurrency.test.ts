/**
 * Contention: many concurrent callers on one ledger, two ledgers on two connections to one
 * database, and two ledger processes. Payers may not overdraw, holds are settled by whoever
 * finds them first and expire under racing sweepers. Afterwards the invariants hold, every
 * acknowledged transfer is stored exactly once and nothing that was refused is stored.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { AccountFlag, Ledger, REQUEST_TRANSFERS_MAX, TransferFlag } from "../src/ledger/index.js";
import type { Database } from "../src/store/index.js";
import { accountInput, invariantViolations, move, readState, storedTransferIds } from "./fixtures/ledger-helpers.js";
import { type Ack, killLiveWriters, spawnWriter, within } from "./fixtures/ledger-process.js";
import { runWorkload, setUpAccounts, WORKLOAD_RESULTS, type WorkloadAccounts, type WorkloadConfig, workloadAccounts } from "./fixtures/ledger-workload.js";
import { createTestDatabase, engines, type TestDatabase } from "./harness.js";

/** Far above what the workloads need (a few seconds); reaching it means something is stuck. */
const DEADLOCK_MS = 45_000;

describe.each(engines)("ledger concurrency on %s", (engine) => {
  let tdb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    db = await tdb.open();
  });
  afterEach(killLiveWriters);
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  /** Everything the ledgers said, checked against what is stored. */
  async function verify(accounts: WorkloadAccounts, acks: readonly Ack[], complete: boolean): Promise<void> {
    const unexpected = acks.filter((a) => !WORKLOAD_RESULTS.has(a.result));
    expect(unexpected.slice(0, 5)).toEqual([]);
    const okIds = acks.filter((a) => a.result === "ok").map((a) => a.id);
    expect(new Set(okIds).size, "an id acknowledged as ok more than once").toBe(okIds.length);
    const okSet = new Set(okIds);
    const refused = [...new Set(acks.filter((a) => a.result !== "ok" && a.result !== "exists").map((a) => a.id))].filter((id) => !okSet.has(id));
    expect([...(await storedTransferIds(db, refused))]).toEqual([]);
    expect((await storedTransferIds(db, okIds)).size).toBe(okIds.length);
    const ids = [accounts.funder, ...accounts.payers, ...accounts.merchants];
    const state = await readState(db, ids);
    expect(invariantViolations(state)).toEqual([]);
    if (complete) {
      // Nothing is stored that was not acknowledged (besides the seed transfers).
      const stored = state.transfers.map((t) => t.id).filter((id) => !id.endsWith("-seed"));
      expect(stored.length).toBe(okIds.length);
    }
    // The workload must have been contended for the test to mean anything.
    expect(okIds.length).toBeGreaterThan(50);
    expect(acks.some((a) => a.result === "exceeds_credits")).toBe(true);
  }

  function collector(acks: Ack[]) {
    return (_inputs: unknown, results: ReadonlyArray<{ id: string; result: Ack["result"] }>) => {
      for (const r of results) acks.push({ id: r.id, result: r.result });
    };
  }

  function config(name: string, accounts: WorkloadAccounts, callers: number, requestsPerCaller: number): WorkloadConfig {
    return { name, seed: name.length * 7919 + callers, callers, requestsPerCaller, holdTimeoutS: 1, accounts };
  }

  it("64 concurrent callers on one ledger: invariants hold, nothing deadlocks", async () => {
    const accounts = workloadAccounts("one-");
    const ledger = new Ledger(db, { batchWaitMs: 1 });
    try {
      await setUpAccounts(ledger, accounts);
      const acks: Ack[] = [];
      await within(DEADLOCK_MS, "64 callers", runWorkload(ledger, db, config("one", accounts, 64, 20), collector(acks)));
      await ledger.expireDue();
      await verify(accounts, acks, true);
      // Group commit did group: fewer batches than requests.
      expect(ledger.stats.batches).toBeLessThan(ledger.stats.operations);
    } finally {
      await ledger.close();
    }
  });

  it("two ledgers on two connections to one database: invariants hold, nothing deadlocks", async () => {
    const accounts = workloadAccounts("two-");
    const second = await tdb.open();
    const ledgerA = new Ledger(db);
    const ledgerB = new Ledger(second);
    try {
      await setUpAccounts(ledgerA, accounts);
      const acks: Ack[] = [];
      await within(
        DEADLOCK_MS,
        "two ledgers",
        Promise.all([
          runWorkload(ledgerA, db, config("twoA", accounts, 32, 20), collector(acks)),
          runWorkload(ledgerB, second, config("twoB", accounts, 32, 20), collector(acks)),
        ]),
      );
      await Promise.all([ledgerA.expireDue(), ledgerB.expireDue()]);
      await verify(accounts, acks, true);
    } finally {
      await ledgerA.close();
      await ledgerB.close();
      await second.close();
    }
  });

  it("a ledger sees what another connection committed (no stale balances)", async () => {
    const second = await tdb.open();
    const ledgerA = new Ledger(db, { expirySweep: false });
    const ledgerB = new Ledger(second, { expirySweep: false });
    try {
      const ids = ["stale-src", "stale-payer", "stale-shop"];
      await ledgerA.createAccounts([accountInput(ids[0]!), accountInput(ids[1]!, AccountFlag.debitsMustNotExceedCredits), accountInput(ids[2]!)]);
      expect((await ledgerA.submitTransfers([move("stale-fund", ids[0]!, ids[1]!, 100n)]))[0]!.result).toBe("ok");
      // Both ledgers have now read the payer (B through a refused transfer).
      expect((await ledgerB.submitTransfers([move("stale-0", ids[1]!, ids[2]!, 101n)]))[0]!.result).toBe("exceeds_credits");
      for (let round = 1; round <= 4; round++) {
        // Alternate: each ledger spends, then the other may not spend more than is left.
        const [first, other] = round % 2 === 1 ? [ledgerA, ledgerB] : [ledgerB, ledgerA];
        expect((await first.submitTransfers([move(`stale-${round}a`, ids[1]!, ids[2]!, 20n)]))[0]!.result).toBe("ok");
        const remaining = 100n - 20n * BigInt(round);
        expect((await other.submitTransfers([move(`stale-${round}b`, ids[1]!, ids[2]!, remaining + 1n)]))[0]!.result).toBe("exceeds_credits");
      }
      expect((await ledgerA.submitTransfers([move("stale-last", ids[1]!, ids[2]!, 20n)]))[0]!.result).toBe("ok");
      expect(await ledgerB.account(ids[1]!)).toMatchObject({ debitsPosted: 100n, creditsPosted: 100n });
      expect(invariantViolations(await readState(db, ids))).toEqual([]);
    } finally {
      await ledgerA.close();
      await ledgerB.close();
      await second.close();
    }
  });

  it("an account's transfers and history are stamped in commit order across committers", async () => {
    // One frozen clock for both ledgers: the worst case of two processes stamping in the same
    // millisecond, where a big batch has run its timestamps ahead of the wall clock.
    const clock = new ManualClock(Date.parse("2032-01-01T00:00:00Z"));
    const second = await tdb.open();
    const ledgerA = new Ledger(db, { clock, expirySweep: false });
    const ledgerB = new Ledger(second, { clock, expirySweep: false });
    try {
      const [h, x] = ["order-h", "order-x"];
      await ledgerA.createAccounts([accountInput(h, AccountFlag.history), accountInput(x)]);
      const burst = Array.from({ length: 12 }, (_, i) => move(`order-a${i}`, x, h, 1n));
      expect((await ledgerA.submitTransfers(burst)).every((r) => r.result === "ok")).toBe(true);
      const [late] = await ledgerB.submitTransfers([move("order-b", x, h, 100n, { flags: TransferFlag.pending, timeoutS: 1 })]);
      expect(late!.result).toBe("ok");
      const [latest] = await ledgerA.accountTransfers(h, 1, null);
      expect(latest!.id).toBe("order-b");
      expect(await ledgerA.balanceAt(h, late!.transfer!.timestamp + 1_000_000_000n)).toMatchObject({ transferId: "order-b", creditsPosted: 12n, creditsPending: 100n });
      // The other ledger's sweep comes after both.
      clock.advanceMs(1_001);
      // (Holds of the earlier tests in this database are due too.)
      expect(await ledgerA.expireDue()).toBeGreaterThanOrEqual(1);
      expect((await ledgerB.transfer("order-b"))!.pendingStatus).toBe("expired");
      const [settled] = await ledgerB.submitTransfers([move("order-c", x, h, 1n)]);
      expect(await ledgerB.balanceAt(h, settled!.transfer!.timestamp)).toMatchObject({ transferId: "order-c", creditsPosted: 13n, creditsPending: 0n });
      expect(invariantViolations(await readState(db, [h, x]))).toEqual([]);
    } finally {
      await ledgerA.close();
      await ledgerB.close();
      await second.close();
    }
  });

  it("two ledgers creating the same accounts at once: each is created once", async () => {
    const second = await tdb.open();
    const ledgerA = new Ledger(db, { expirySweep: false });
    const ledgerB = new Ledger(second, { expirySweep: false });
    try {
      // Many rounds, in opposite orders: overlapping inserts must wait on each other, not deadlock.
      for (let round = 0; round < 30; round++) {
        const inputs = Array.from({ length: 50 }, (_, i) => accountInput(`race${round}-acc-${i}`));
        const [a, b] = await Promise.all([ledgerA.createAccounts(inputs), ledgerB.createAccounts([...inputs].reverse())]);
        for (const input of inputs) {
          const results = [a!.find((r) => r.id === input.id)!.result, b!.find((r) => r.id === input.id)!.result].sort();
          expect(results).toEqual(["exists", "ok"]);
        }
      }
    } finally {
      await ledgerA.close();
      await ledgerB.close();
      await second.close();
    }
  });

  it("two ledgers sweeping the same due holds expire each exactly once", async () => {
    const clock = new ManualClock(Date.parse("2033-01-01T00:00:00Z"));
    const second = await tdb.open();
    const ledgerA = new Ledger(db, { clock, expirySweep: false });
    const ledgerB = new Ledger(second, { clock, expirySweep: false });
    try {
      const ids = ["sweep-payer", "sweep-shop", "sweep-hist"];
      await ledgerA.createAccounts([accountInput(ids[0]!), accountInput(ids[1]!), accountInput(ids[2]!, AccountFlag.history)]);
      const holds = Array.from({ length: 300 }, (_, i) =>
        move(`sweep-${i}`, ids[0]!, ids[1 + (i % 2)]!, 1n, { flags: TransferFlag.pending, timeoutS: 1 + (i % 3) }),
      );
      expect((await ledgerB.submitTransfers(holds)).every((r) => r.result === "ok")).toBe(true);
      clock.advanceMs(10_000);
      const [a, b] = await within(DEADLOCK_MS, "racing sweeps", Promise.all([ledgerA.expireDue(), ledgerB.expireDue()]));
      // Earlier tests' holds in this database lapse too; ours are all among them, each once.
      expect(a + b).toBeGreaterThanOrEqual(holds.length);
      const state = await readState(db, ids);
      expect(state.transfers.filter((t) => t.pendingStatus !== "expired")).toEqual([]);
      expect(state.accounts.get(ids[0]!)).toMatchObject({ debitsPending: 0n, debitsPosted: 0n });
      expect(invariantViolations(state)).toEqual([]);
    } finally {
      await ledgerA.close();
      await ledgerB.close();
      await second.close();
    }
  });

  it("a full request of REQUEST_TRANSFERS_MAX transfers commits in one batch, and several queue behind it", async () => {
    const ledger = new Ledger(db, { expirySweep: false });
    try {
      const ids = ["full-src", "full-hist", "full-shop"];
      await ledger.createAccounts([accountInput(ids[0]!), accountInput(ids[1]!, AccountFlag.history), accountInput(ids[2]!)]);
      const request = (name: string) =>
        Array.from({ length: REQUEST_TRANSFERS_MAX }, (_, i) => move(`${name}-${i}`, ids[0]!, ids[1 + (i % 2)]!, 1n));
      const before = { ...ledger.stats };
      const results = await within(DEADLOCK_MS, "full batches", Promise.all([ledger.submitTransfers(request("full1")), ledger.submitTransfers(request("full2"))]));
      expect(results.flat().every((r) => r.result === "ok")).toBe(true);
      expect(ledger.stats.batches - before.batches).toBe(2);
      const state = await readState(db, ids);
      expect(state.accounts.get(ids[0]!)!.debitsPosted).toBe(BigInt(2 * REQUEST_TRANSFERS_MAX));
      expect(invariantViolations(state)).toEqual([]);
    } finally {
      await ledger.close();
    }
  });

  it("close() commits what was accepted and refuses what comes after", async () => {
    const ledger = new Ledger(db, { expirySweep: false, batchWaitMs: 5 });
    const ids = ["close-a", "close-b"];
    await ledger.createAccounts([accountInput(ids[0]!), accountInput(ids[1]!)]);
    const accepted = Array.from({ length: 40 }, (_, i) => ledger.submitTransfers([move(`close-${i}`, ids[0]!, ids[1]!, 1n)]));
    await ledger.close();
    expect((await Promise.all(accepted)).flat().every((r) => r.result === "ok")).toBe(true);
    await expect(ledger.submitTransfers([move("close-late", ids[0]!, ids[1]!, 1n)])).rejects.toMatchObject({ code: "overloaded" });
    expect(await ledger.account(ids[1]!)).toMatchObject({ creditsPosted: 40n });
  });

  it("two ledger processes on one database: every acknowledged transfer is stored exactly once", async () => {
    const accounts = workloadAccounts("proc-");
    const setup = new Ledger(db, { expirySweep: false });
    await setUpAccounts(setup, accounts);
    await setup.close();
    const writers = ["procA", "procB"].map((name) =>
      spawnWriter(tdb.url, { ...config(name, accounts, 16, 60), sweep: true, crashAfterStatements: null }),
    );
    // Both connected before either starts: the workloads overlap for their whole run.
    await within(DEADLOCK_MS, "starting two processes", Promise.all(writers.map((w) => w.ready)));
    for (const w of writers) w.start();
    const exits = await within(DEADLOCK_MS, "two processes", Promise.all(writers.map((w) => w.exited)));
    for (const [i, w] of writers.entries()) {
      expect({ errors: w.errors, stderr: w.stderr.join("").slice(0, 2_000) }).toEqual({ errors: [], stderr: "" });
      expect(exits[i]).toEqual({ code: 0, signal: null, done: true });
    }
    const acks = writers.flatMap((w) => w.acks);
    await verify(accounts, acks, true);
    // Each process settled holds the other placed.
    const state = await readState(db, accounts.payers);
    const crossSettled = state.transfers.filter((t) => t.pendingId !== null && t.id.split("-")[0] !== t.pendingId.split("-")[0]);
    expect(crossSettled.length).toBeGreaterThan(0);
  });
});
