/**
 * Authorisation holds over HTTP: `capture: false` reserves the money (wallet `held`) and the
 * budgets; the merchant captures all or part (the rest released, the fee on what was captured)
 * or someone cancels; an uncaptured hold lapses through the payment sweeper. Refunds after a
 * capture, up to what was captured and within the refund window.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { feeAccountId } from "../src/payments/accounts.js";
import { HOLD_GRACE_S } from "../src/payments/authorize.js";
import { sweepPayments } from "../src/payments/index.js";
import { engines } from "./harness.js";
import { seedOperator, type Seeded, type TestServer, startServer } from "./http-harness.js";
import {
  DAY_MS,
  expectError,
  expectStatus,
  mandateOf,
  merchantOf,
  newKey,
  pay,
  type Payer,
  payer,
  T0_MS,
  walletOf,
} from "./fixtures/payments-world.js";

const HOLD_TIMEOUT_S = 3_600;
const REFUND_WINDOW_DAYS = 30;
const TOP_UP = 1_000_000n;
const BUDGET = 50_000;

describe.each(engines)("holds, captures, cancels and refunds over HTTP on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let finance: Seeded;
  let support: Seeded;

  beforeAll(async () => {
    server = await startServer(engine, {
      clock,
      sweep: false,
      payments: { holdTimeoutS: HOLD_TIMEOUT_S, refundWindowDays: REFUND_WINDOW_DAYS, feeBps: 100 },
    });
    finance = await seedOperator(server, "finance");
    support = await seedOperator(server, "support");
  });
  afterAll(async () => server.close());

  const capture = (p: Payer, id: string, body?: unknown, as = p.merchant.key) =>
    server.call("POST", `/v1/payments/${id}/capture`, body, { authorization: `Bearer ${as}` });
  const cancel = (id: string, as: string) => server.callAs(as, "POST", `/v1/payments/${id}/cancel`);
  const refund = (p: Payer, id: string, body: unknown, key = newKey("ref")) =>
    server.call("POST", `/v1/payments/${id}/refunds`, body, { authorization: `Bearer ${p.merchant.key}`, "idempotency-key": key });
  const feeBalance = async () => {
    const a = await server.runtime.ledger.account(feeAccountId("CNY"));
    return a === undefined ? 0n : a.creditsPosted - a.debitsPosted;
  };

  async function hold(p: Payer, amount: number): Promise<any> {
    const res = await pay(server, p, { amount, capture: false });
    expectStatus(res, 200);
    expect(res.json).toMatchObject({ status: "requires_capture", capture_method: "manual", amount, amount_captured: 0, fee_amount: 0 });
    expect(res.json.expires_at).toBe(Math.floor(clock.nowMs() / 1000) + HOLD_TIMEOUT_S);
    return res.json;
  }

  /** Wallet, merchant and budget as they must be when nothing is held or spent any more. */
  async function expectReleased(p: Payer): Promise<void> {
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP, held: 0n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 0n, pending: 0n });
    expect((await mandateOf(server, p)).remaining.total).toBe(BUDGET);
  }

  it("reserves wallet and budget with a hold, then captures it in full with the fee", async () => {
    const p = await payer(server, { budget_total: BUDGET });
    const h = await hold(p, 10_000);
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 10_000n, held: 10_000n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 0n, pending: 10_000n });
    expect((await mandateOf(server, p)).remaining.total).toBe(BUDGET - 10_000);
    expectError(await server.callAs(p.agent.key, "GET", `/v1/payments/${h.id}/receipt`), 409, "conflict");
    const fees = await feeBalance();

    const captured = await capture(p, h.id);
    expectStatus(captured, 200);
    expect(captured.json).toMatchObject({ id: h.id, status: "succeeded", amount_captured: 10_000, fee_amount: 100, expires_at: null });
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 10_000n, held: 0n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 9_900n, pending: 0n });
    expect(await feeBalance()).toBe(fees + 100n);
    expect((await mandateOf(server, p)).remaining.total).toBe(BUDGET - 10_000);

    // Capturing again answers the captured payment and moves nothing; cancelling now is a conflict.
    const again = await capture(p, h.id);
    expectStatus(again, 200);
    expect(again.json.amount_captured).toBe(10_000);
    expectError(await cancel(h.id, p.agent.key), 409, "conflict");
    expectError(await cancel(h.id, p.merchant.key), 409, "conflict");
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 9_900n, pending: 0n });
    expectStatus(await server.callAs(p.agent.key, "GET", `/v1/payments/${h.id}/receipt`), 200);
  });

  it("captures part of a hold: the rest is released and the fee is on the captured part", async () => {
    const p = await payer(server, { budget_total: BUDGET });
    const h = await hold(p, 10_000);
    expectError(await capture(p, h.id, { amount: 10_001 }), 400, "validation_error");
    const captured = await capture(p, h.id, { amount: 6_000 });
    expectStatus(captured, 200);
    expect(captured.json).toMatchObject({ status: "succeeded", amount: 10_000, amount_captured: 6_000, fee_amount: 60 });
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 6_000n, held: 0n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 5_940n, pending: 0n });
    expect((await mandateOf(server, p)).remaining.total).toBe(BUDGET - 6_000);

    // Refunds are capped by what was captured, not by what was authorised.
    expectError(await refund(p, h.id, { amount: 6_001 }), 400, "validation_error");
    const r = await refund(p, h.id, { amount: 6_000 });
    expectStatus(r, 200);
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP, held: 0n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: -60n, pending: 0n });
  });

  it.each([
    ["agent", "requested_by_agent"],
    ["merchant", "requested_by_merchant"],
  ] as const)("lets the %s cancel a hold, releasing wallet and budget; capture after cancel is a conflict", async (who, reason) => {
    const p = await payer(server, { budget_total: BUDGET });
    const h = await hold(p, 10_000);
    const key = who === "agent" ? p.agent.key : p.merchant.key;
    const canceled = await cancel(h.id, key);
    expectStatus(canceled, 200);
    expect(canceled.json).toMatchObject({ status: "canceled", cancellation_reason: reason, amount_captured: 0 });
    await expectReleased(p);
    expectError(await capture(p, h.id), 409, "conflict");
    const again = await cancel(h.id, key);
    expectStatus(again, 200);
    expect(again.json.cancellation_reason).toBe(reason);
    await expectReleased(p);
  });

  it("lets finance capture, but not support, the payer or the payer's agent", async () => {
    const p = await payer(server, { budget_total: BUDGET });
    const h = await hold(p, 2_000);
    for (const key of [support.key, p.user.key, p.agent.key]) expectError(await capture(p, h.id, undefined, key), 403, "forbidden");
    const captured = await capture(p, h.id, undefined, finance.key);
    expectStatus(captured, 200);
    expect(captured.json.status).toBe("succeeded");
  });

  it("lets the sweeper expire an uncaptured hold (canceled, hold_expired) and release the budgets", async () => {
    const p = await payer(server, { budget_total: BUDGET, budget_day: BUDGET });
    const h = await hold(p, 10_000);
    clock.advanceMs((HOLD_TIMEOUT_S - 1) * 1000);
    await sweepPayments(server.runtime.payments);
    expect((await server.callAs(p.agent.key, "GET", `/v1/payments/${h.id}`)).json.status).toBe("requires_capture");
    clock.advanceMs(2_000);
    expect(await sweepPayments(server.runtime.payments)).toBeGreaterThanOrEqual(1);
    const expired = await server.callAs(p.agent.key, "GET", `/v1/payments/${h.id}`);
    expect(expired.json).toMatchObject({ status: "canceled", cancellation_reason: "hold_expired", amount_captured: 0 });
    await expectReleased(p);
    expect((await mandateOf(server, p)).remaining.day).toBe(BUDGET);
    expectError(await capture(p, h.id), 409, "conflict");
  });

  it("refuses to capture a hold past its expiry, even before the sweeper ran", async () => {
    const p = await payer(server, { budget_total: BUDGET });
    const h = await hold(p, 10_000);
    clock.advanceMs((HOLD_TIMEOUT_S + 1) * 1000);
    expectError(await capture(p, h.id), 409, "conflict");
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 0n, pending: 10_000n });
    await sweepPayments(server.runtime.payments);
    await expectReleased(p);
  });

  it("expires a hold whose ledger timeout passed before the sweeper ran (a server down past the grace)", async () => {
    const p = await payer(server, { budget_total: BUDGET });
    const h = await hold(p, 10_000);
    clock.advanceMs((HOLD_TIMEOUT_S + HOLD_GRACE_S + 60) * 1000);
    await sweepPayments(server.runtime.payments);
    const expired = await server.callAs(p.agent.key, "GET", `/v1/payments/${h.id}`);
    expect(expired.json).toMatchObject({ status: "canceled", cancellation_reason: "hold_expired" });
    await expectReleased(p);
    // Nothing is left for the sweeper: a stuck payment would be picked up again and again.
    expect(await sweepPayments(server.runtime.payments)).toBe(0);
  });

  it("refunds in parts up to the captured amount, within the refund window only", async () => {
    const p = await payer(server, { budget_total: BUDGET });
    const res = await pay(server, p, { amount: 10_000 });
    expectStatus(res, 200);
    const id = res.json.id;
    const key = newKey("ref");
    const r1 = await refund(p, id, { amount: 4_000, reason: "partly returned" }, key);
    expectStatus(r1, 200);
    expect(r1.json).toMatchObject({ object: "refund", payment_id: id, amount: 4_000, status: "succeeded" });
    const replay = await refund(p, id, { amount: 4_000, reason: "partly returned" }, key);
    expect(replay.json.id).toBe(r1.json.id);
    expectError(await refund(p, id, { amount: 6_001 }), 400, "validation_error");
    expectStatus(await refund(p, id, { amount: 6_000 }), 200);
    expectError(await refund(p, id, { amount: 1 }), 400, "validation_error");
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP, held: 0n });
    const refunds = await server.callAs(p.user.key, "GET", `/v1/payments/${id}/refunds`);
    expect(refunds.json.data.map((r: any) => r.amount).sort()).toEqual([4_000, 6_000]);

    const late = await pay(server, p, { amount: 1_000 });
    clock.advanceMs((REFUND_WINDOW_DAYS + 1) * DAY_MS);
    expectError(await refund(p, late.json.id, {}), 409, "conflict");
    expect((await server.callAs(p.user.key, "GET", `/v1/payments/${late.json.id}`)).json.amount_refunded).toBe(0);
  });
});
