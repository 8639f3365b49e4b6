/**
 * Every state change of a payment writes its audit event, linked to the user's intent: the
 * events of each path through the lifecycle, in order, each with intent_id, mandate_id and
 * payment_id, the actor, the before/after status; replays and refused requests add none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { sweepPayments } from "../src/payments/index.js";
import { engines } from "./harness.js";
import { type TestServer, startServer } from "./http-harness.js";
import { auditOf, expectStatus, newKey, pay, type Payer, payer, T0_MS } from "./fixtures/payments-world.js";

const HOLD_TIMEOUT_S = 600;
const APPROVAL_TIMEOUT_S = 300;

describe.each(engines)("the audit trail of payments on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let p: Payer;

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, payments: { holdTimeoutS: HOLD_TIMEOUT_S, approvalTimeoutS: APPROVAL_TIMEOUT_S } });
    p = await payer(server, { step_up_threshold: 20_000, budget_total: 500_000 });
  });
  afterAll(async () => server.close());

  const intent = (id: string) => ({ intent: { id, instruction: "keep my plan running" } });
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  /** The payment's events as [action, actor type, before, after], and every one linked to intent, mandate and payment. */
  async function trail(paymentId: string, intentId: string): Promise<Array<[string, string, string | null, string | null]>> {
    const events = await auditOf(server, paymentId);
    for (const e of events) {
      expect(e, e.action).toMatchObject({ intent_id: intentId, mandate_id: p.mandateId, payment_id: paymentId, user_id: p.user.id });
      expect(typeof e.id).toBe("string");
    }
    return events.map((e) => [e.action, e.actor_type, e.before_status, e.after_status]);
  }

  it("pays in one step: payment.succeeded, naming its ledger transfers; a replay adds nothing", async () => {
    const key = newKey();
    const res = await pay(server, p, { amount: 1_000, ...intent("int_one") }, key);
    expectStatus(res, 200);
    expect(await trail(res.json.id, "int_one")).toEqual([["payment.succeeded", "agent", null, "succeeded"]]);
    const [event] = await auditOf(server, res.json.id);
    expect(event.actor_id).toBe(p.agent.id);
    expect(event.request_id).toMatch(/^req_/);
    const transfers = JSON.parse(event.data).transfers as string[];
    expect(transfers.some((t) => t.endsWith(":money"))).toBe(true);
    for (const id of transfers) expect(await server.runtime.ledger.transfer(id), id).toBeDefined();
    await pay(server, p, { amount: 1_000, ...intent("int_one") }, key);
    expect(await auditOf(server, res.json.id)).toHaveLength(1);
  });

  it("declines: payment.declined with its code", async () => {
    const res = await pay(server, p, { amount: 200_000, ...intent("int_decl") });
    expect(res.status).toBe(402);
    const id = res.json.error.payment.id;
    expect(await trail(id, "int_decl")).toEqual([["payment.declined", "agent", null, "declined"]]);
    expect(JSON.parse((await auditOf(server, id))[0].data).decline_code).toBe("amount_above_range");
  });

  it("holds, then captures: payment.authorized, payment.captured", async () => {
    const res = await pay(server, p, { amount: 2_000, capture: false, ...intent("int_cap") });
    expectStatus(await server.call("POST", `/v1/payments/${res.json.id}/capture`, { amount: 1_500 }, as(p.merchant.key)), 200);
    expect(await trail(res.json.id, "int_cap")).toEqual([
      ["payment.authorized", "agent", null, "requires_capture"],
      ["payment.captured", "merchant", "requires_capture", "succeeded"],
    ]);
  });

  it("holds, then cancels: payment.authorized, payment.canceled", async () => {
    const res = await pay(server, p, { amount: 2_000, capture: false, ...intent("int_cancel") });
    expectStatus(await server.callAs(p.agent.key, "POST", `/v1/payments/${res.json.id}/cancel`), 200);
    expect(await trail(res.json.id, "int_cancel")).toEqual([
      ["payment.authorized", "agent", null, "requires_capture"],
      ["payment.canceled", "agent", "requires_capture", "canceled"],
    ]);
  });

  it("holds, then lapses: payment.canceled by the system", async () => {
    const res = await pay(server, p, { amount: 2_000, capture: false, ...intent("int_lapse") });
    clock.advanceMs((HOLD_TIMEOUT_S + 1) * 1000);
    await sweepPayments(server.runtime.payments);
    expect(await trail(res.json.id, "int_lapse")).toEqual([
      ["payment.authorized", "agent", null, "requires_capture"],
      ["payment.canceled", "system", "requires_capture", "canceled"],
    ]);
  });

  it("steps up, then the user approves: payment.requires_confirmation, approval.approved, payment.succeeded", async () => {
    const res = await pay(server, p, { amount: 25_000, ...intent("int_up") });
    expectStatus(await server.callAs(p.user.key, "POST", `/v1/approvals/${res.json.approval_id}/approve`), 200);
    expect(await trail(res.json.id, "int_up")).toEqual([
      ["payment.requires_confirmation", "agent", null, "requires_confirmation"],
      ["approval.approved", "user", "pending", "approved"],
      ["payment.succeeded", "user", "requires_confirmation", "succeeded"],
    ]);
  });

  it.each([
    ["declines", "approval.declined", "user"],
    ["lets it expire", "approval.expired", "system"],
  ] as const)("steps up, then the user %s: the approval's event and payment.canceled", async (how, approvalAction, actor) => {
    const intentId = `int_${approvalAction}`;
    const res = await pay(server, p, { amount: 25_000, ...intent(intentId) });
    if (how === "declines") {
      expectStatus(await server.callAs(p.user.key, "POST", `/v1/approvals/${res.json.approval_id}/decline`), 200);
    } else {
      clock.advanceMs((APPROVAL_TIMEOUT_S + 1) * 1000);
      await sweepPayments(server.runtime.payments);
    }
    expect(await trail(res.json.id, intentId)).toEqual([
      ["payment.requires_confirmation", "agent", null, "requires_confirmation"],
      [approvalAction, actor, "pending", approvalAction.split(".")[1]],
      ["payment.canceled", actor, "requires_confirmation", "canceled"],
    ]);
  });

  it("refunds: payment.refunded for each refund, none for a refused one", async () => {
    const res = await pay(server, p, { amount: 3_000, ...intent("int_ref") });
    for (const amount of [1_000, 2_000, 1]) {
      await server.call("POST", `/v1/payments/${res.json.id}/refunds`, { amount }, { ...as(p.merchant.key), "idempotency-key": newKey() });
    }
    expect(await trail(res.json.id, "int_ref")).toEqual([
      ["payment.succeeded", "agent", null, "succeeded"],
      ["payment.refunded", "merchant", null, null],
      ["payment.refunded", "merchant", null, null],
    ]);
  });

  it("writes an event for every payment of the mandate, none without one", async () => {
    const db = server.runtime.database.db;
    const payments = await db.selectFrom("payments").select(["id", "status"]).where("mandate_id", "=", p.mandateId).execute();
    const events = await db.selectFrom("audit_events").select(["payment_id", "action", "after_status"]).where("mandate_id", "=", p.mandateId).execute();
    for (const payment of payments) {
      const last = events.filter((e) => e.payment_id === payment.id && e.action.startsWith("payment.") && e.after_status !== null).at(-1);
      expect(last?.after_status, payment.id).toBe(payment.status);
    }
    const ofPayments = events.filter((e) => e.action.startsWith("payment.") || e.action.startsWith("approval."));
    expect(ofPayments.filter((e) => !payments.some((x) => x.id === e.payment_id))).toEqual([]);
  });
});
