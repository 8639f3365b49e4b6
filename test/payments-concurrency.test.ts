/**
 * Races over HTTP. Budgets are checked and spent in one ledger chain, so concurrent payments can
 * never overspend a mandate's total or period budget; one Idempotency-Key moves money once however
 * many requests carry it; refunds racing on one payment never return more than was captured; a
 * capture racing a cancel settles the hold exactly one way. On PostgreSQL the same races run
 * across two AgentPay servers sharing one database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodKey } from "../src/mandates/index.js";
import { engines } from "./harness.js";
import { startServer, type TestServer } from "./http-harness.js";
import { expectStatus, merchantOf, newKey, paymentBody, type Payer, payer, walletOf } from "./fixtures/payments-world.js";

const RACERS = 64;
const WINNERS = 10;
const AMOUNT = 1_000;
const SAME_KEY_REQUESTS = 50;
const TOP_UP = 1_000_000n;

type Answer = { status: number; json: any; replayed: string | null };

describe.each(engines)("payments racing over HTTP on %s", (engine) => {
  let server: TestServer;
  /** A second server on the same database (PostgreSQL only: several processes share one database there). */
  let second: TestServer | null = null;

  beforeAll(async () => {
    server = await startServer(engine);
    if (engine === "postgres") second = await startServer(engine, { shareDatabaseOf: server });
  });
  afterAll(async () => {
    await second?.close();
    await server.close();
  });

  /** POST /v1/payments through one of the servers. */
  async function post(via: TestServer, p: Payer, over: Record<string, unknown>, key: string): Promise<Answer> {
    const res = await fetch(`${via.url}/v1/payments`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.agent.key}`, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(paymentBody(p, over)),
    });
    return { status: res.status, json: await res.json(), replayed: res.headers.get("idempotent-replayed") };
  }

  /** Payments and money movements of one payer, read from the tables and the ledger. */
  async function settledState(p: Payer) {
    const db = server.runtime.database.db;
    const rows = await db.selectFrom("payments").select(["id", "status", "amount", "decline_code"]).where("agent_id", "=", p.agent.id).execute();
    const legs = await db
      .selectFrom("ledger_transfers")
      .select(["id", "amount", "metadata"])
      .where("code", "=", 1001n)
      .where("debit_account_id", "=", `wallet:${p.user.id}:CNY`)
      .execute();
    return { rows, legs, wallet: await walletOf(server, p.user.id), merchant: await merchantOf(server, p.merchant.id) };
  }

  /** Fires `count` payments with distinct keys, spread over the servers, and checks the budget held. */
  async function race(p: Payer, level: "total" | "day", servers: TestServer[]): Promise<void> {
    const answers = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => post(servers[i % servers.length]!, p, { amount: AMOUNT }, newKey("race"))),
    );
    const ok = answers.filter((a) => a.status === 200);
    const declined = answers.filter((a) => a.status === 402);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 402).map((a) => a.json)).toEqual([]);
    expect(ok.length).toBe(WINNERS);
    expect(ok.every((a) => a.json.status === "succeeded")).toBe(true);
    expect(new Set(declined.map((a) => a.json.error.decline_code))).toEqual(new Set([level === "total" ? "over_budget_total" : "over_budget_period"]));

    const state = await settledState(p);
    expect(state.rows.filter((r) => r.status === "succeeded").length).toBe(WINNERS);
    expect(state.rows.length).toBe(RACERS);
    expect(state.legs.length).toBe(WINNERS);
    expect(new Set(state.legs.map((l) => JSON.parse(l.metadata!).payment_id))).toEqual(new Set(ok.map((a) => a.json.id)));
    const spent = BigInt(WINNERS * AMOUNT);
    expect(state.wallet).toEqual({ available: TOP_UP - spent, held: 0n });
    expect(state.merchant).toEqual({ balance: spent - spent / 100n, pending: 0n });

    // The budget account: spent exactly up to its limit, never past it.
    const m = (await server.callAs(p.user.key, "GET", `/v1/mandates/${p.mandateId}`)).json;
    expect(m.remaining[level]).toBe(0);
    const day = periodKey("day", Date.now(), m.timezone);
    const accountId = level === "total" ? `budget:${p.mandateId}:total` : `budget:${p.mandateId}:day:${day}`;
    const limit = BigInt(WINNERS * AMOUNT);
    const account = await server.runtime.ledger.account(accountId);
    expect(account).toMatchObject({ creditsPosted: limit, debitsPosted: limit, debitsPending: 0n });
  }

  it(`lets exactly ${WINNERS} of ${RACERS} concurrent payments through a total budget of ${WINNERS}× the amount`, async () => {
    const p = await payer(server, { budget_total: WINNERS * AMOUNT });
    await race(p, "total", [server]);
  });

  it(`lets exactly ${WINNERS} of ${RACERS} concurrent payments through a day budget of ${WINNERS}× the amount`, async () => {
    const p = await payer(server, { budget_day: WINNERS * AMOUNT });
    await race(p, "day", [server]);
  });

  /** Sends SAME_KEY_REQUESTS requests with one key and checks one payment, moved once. */
  async function sameKey(servers: TestServer[]): Promise<void> {
    const p = await payer(server, { budget_total: 100_000 });
    const key = newKey("same");
    const answers = await Promise.all(
      Array.from({ length: SAME_KEY_REQUESTS }, (_, i) => post(servers[i % servers.length]!, p, { amount: 3_000 }, key)),
    );
    const ok = answers.filter((a) => a.status === 200);
    const inFlight = answers.filter((a) => a.status === 409);
    expect(ok.length + inFlight.length, JSON.stringify(answers.filter((a) => a.status !== 200 && a.status !== 409))).toBe(SAME_KEY_REQUESTS);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((a) => a.json.id)).size).toBe(1);
    expect(inFlight.every((a) => a.json.error.code === "idempotency_key_in_use")).toBe(true);
    const id = ok[0]!.json.id;

    const state = await settledState(p);
    expect(state.rows.map((r) => r.id)).toEqual([id]);
    expect(state.legs.length).toBe(1);
    expect(state.wallet).toEqual({ available: TOP_UP - 3_000n, held: 0n });
    const events = await server.runtime.database.db.selectFrom("audit_events").select("action").where("payment_id", "=", id).execute();
    expect(events.map((e) => e.action)).toEqual(["payment.succeeded"]);

    // Once all are done, the key replays the stored answer on every server.
    for (const via of servers) {
      const replay = await post(via, p, { amount: 3_000 }, key);
      expectStatus(replay, 200);
      expect(replay.json.id).toBe(id);
      expect(replay.replayed).toBe("true");
    }
  }

  it(`moves money once for ${SAME_KEY_REQUESTS} concurrent requests with one Idempotency-Key`, async () => {
    await sameKey([server]);
  });

  it("never refunds more than was captured when refunds race", async () => {
    const p = await payer(server);
    const paid = await post(server, p, { amount: 10_000 }, newKey("pay"));
    expectStatus(paid, 200);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.call("POST", `/v1/payments/${paid.json.id}/refunds`, { amount: 3_000 }, { authorization: `Bearer ${p.merchant.key}`, "idempotency-key": newKey("ref") }),
      ),
    );
    expect(answers.filter((a) => a.status === 200).length).toBe(3);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 400 || a.status === 409)).toBe(true);
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 1_000n, held: 0n });
    expect((await server.callAs(p.user.key, "GET", `/v1/payments/${paid.json.id}`)).json.amount_refunded).toBe(9_000);
  });

  it("settles a hold exactly one way when a capture races a cancel", async () => {
    const p = await payer(server);
    const holds = await Promise.all(Array.from({ length: 8 }, () => post(server, p, { amount: 1_000, capture: false }, newKey("hold"))));
    const outcomes = await Promise.all(
      holds.map(async (h) => {
        const [cap, can] = await Promise.all([
          server.callAs(p.merchant.key, "POST", `/v1/payments/${h.json.id}/capture`),
          server.callAs(p.agent.key, "POST", `/v1/payments/${h.json.id}/cancel`),
        ]);
        expect([cap.status, can.status].sort()).toEqual([200, 409]);
        return (await server.callAs(p.agent.key, "GET", `/v1/payments/${h.json.id}`)).json.status as string;
      }),
    );
    const captured = BigInt(outcomes.filter((s) => s === "succeeded").length * 1_000);
    expect(outcomes.every((s) => s === "succeeded" || s === "canceled")).toBe(true);
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - captured, held: 0n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: captured - captured / 100n, pending: 0n });
  });

  it.runIf(engine === "postgres")("lets exactly the budget through when two servers race on one mandate", async () => {
    const p = await payer(server, { budget_total: WINNERS * AMOUNT });
    await race(p, "total", [server, second!]);
  });

  it.runIf(engine === "postgres")("lets exactly the day budget through when two servers race on it", async () => {
    const p = await payer(server, { budget_day: WINNERS * AMOUNT });
    await race(p, "day", [server, second!]);
  });

  it.runIf(engine === "postgres")("moves money once when two servers race on one Idempotency-Key", async () => {
    await sameKey([server, second!]);
  });
});
