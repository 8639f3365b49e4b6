/**
 * The plans, subscriptions and billing postings endpoints: happy paths, bad input answered 4xx in
 * the one error shape with nothing written, and every principal that must not get in — another
 * merchant, another user, another agent, operators without the role.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { engines } from "./harness.js";
import { seedAgent, seedOperator, type Seeded, seedUser, startServer, type TestServer } from "./http-harness.js";
import { expectError, grantMandate, walletOf } from "./fixtures/payments-world.js";
import {
  expectStatus,
  getSubscription,
  merchant,
  meter,
  newKey,
  type Party,
  party,
  plan,
  postingsOf,
  subscribe,
  subscribed,
  sweep,
  T0_MS,
} from "./subscriptions-world.js";

describe.each(engines)("plans, subscriptions and postings over HTTP on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let shop: Seeded;
  let rival: Seeded;
  let calls: any;
  let pro: any;
  let admin: Seeded;
  let finance: Seeded;
  let support: Seeded;

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false, billingWorker: false, webhookWorker: false });
    shop = await merchant(server, { tax_id: "CN91110000", tax_rate_bps: 600 });
    rival = await merchant(server, { legal_name: "Rival Ltd" });
    calls = await meter(server, shop);
    pro = await plan(server, shop, {
      flat_fee: "10",
      charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" }, included_quantity: 100 }],
    });
    [admin, finance, support] = await Promise.all([seedOperator(server, "admin"), seedOperator(server, "finance"), seedOperator(server, "support")]);
  });
  afterAll(async () => server.close());

  describe("plans", () => {
    it("publishes a plan a merchant, its payers and operators can read", async () => {
      expect(pro).toMatchObject({
        object: "plan",
        merchant_id: shop.id,
        currency: "CNY",
        interval: "month",
        billing_anchor: "anniversary",
        charging_mode: "arrears",
        flat_fee: "10.00",
        reservation_amount: null,
        status: "active",
        charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" }, included_quantity: 100, limit_quantity: null }],
      });
      const p = await party(server);
      for (const key of [shop.key, p.agent.key, p.user.key, support.key]) {
        expectStatus(await server.callAs(key, "GET", `/v1/plans/${pro.id}`), 200);
      }
      const listed = await server.callAs(p.agent.key, "GET", `/v1/plans?merchant_id=${shop.id}`);
      expect(listed.json.data.map((x: any) => x.id)).toContain(pro.id);
      const own = await server.callAs(rival.key, "GET", "/v1/plans");
      expect(own.json.data).toEqual([]);
    });

    it("refuses bad plans with the field at fault and writes nothing", async () => {
      const before = await server.callAs(shop.key, "GET", "/v1/plans?limit=100");
      const bad = async (body: Record<string, unknown>, param: string) => {
        const res = await server.callAs(shop.key, "POST", "/v1/plans", { name: "Bad", currency: "CNY", interval: "month", ...body });
        expectError(res, 400, "validation_error");
        expect(res.json.error.param).toBe(param);
      };
      await bad({ flat_fee: "ten" }, "flat_fee");
      await bad({ flat_fee: "0" }, "charges");
      await bad({ charges: [{ meter_id: "mtr_nope", price: { model: "per_unit", unit_price: "1" } }] }, "charges[0].meter_id");
      const theirs = await meter(server, rival);
      await bad({ charges: [{ meter_id: theirs.id, price: { model: "per_unit", unit_price: "1" } }] }, "charges[0].meter_id");
      const twice = { meter_id: calls.id, price: { model: "per_unit", unit_price: "1" } };
      await bad({ charges: [twice, twice] }, "charges[1].meter_id");
      await bad({ charges: [{ ...twice, price: { model: "per_unit", unit_price: "0" } }] }, "charges[0].price.unit_price");
      await bad({ flat_fee: "10", reservation_amount: 1_000 }, "reservation_amount");
      expectError(await server.callAs(shop.key, "POST", "/v1/plans", { name: "X", currency: "CNY", interval: "hour", flat_fee: "1" }), 400);
      const after = await server.callAs(shop.key, "GET", "/v1/plans?limit=100");
      expect(after.json.data).toHaveLength(before.json.data.length);
    });

    it("lets only its merchant rename or archive a plan, never change what it charges", async () => {
      const p = await plan(server, shop, { flat_fee: "1" });
      expectError(await server.callAs(shop.key, "POST", `/v1/plans/${p.id}`, { flat_fee: "2" }), 400, "validation_error");
      expectError(await server.callAs(rival.key, "POST", `/v1/plans/${p.id}`, { name: "Mine" }), 404, "not_found");
      const party0 = await party(server);
      expectError(await server.callAs(party0.agent.key, "POST", `/v1/plans/${p.id}`, { name: "Mine" }), 403, "forbidden");
      expectError(await server.callAs(support.key, "POST", `/v1/plans/${p.id}`, { name: "Mine" }), 403, "forbidden");
      const archived = await server.callAs(shop.key, "POST", `/v1/plans/${p.id}`, { name: "Old", status: "archived" });
      expectStatus(archived, 200);
      expect(archived.json).toMatchObject({ name: "Old", status: "archived", flat_fee: "1.00" });
      // Payers no longer see it, nor subscribe to it.
      expectError(await server.callAs(party0.agent.key, "GET", `/v1/plans/${p.id}`), 404);
      const res = await subscribe(server, party0, p.id);
      expectError(res, 404, "not_found");
      expect(res.json.error.param).toBe("plan_id");
      expectStatus(await server.callAs(finance.key, "POST", `/v1/plans/${p.id}`, { status: "active" }), 200);
    });

    it("lets only merchants publish plans", async () => {
      const p = await party(server);
      for (const key of [p.agent.key, p.user.key, admin.key]) {
        expectError(await server.callAs(key, "POST", "/v1/plans", { name: "X", currency: "CNY", interval: "month", flat_fee: "1" }), 403, "forbidden");
      }
    });
  });

  describe("subscriptions", () => {
    it("needs an Idempotency-Key and an agent", async () => {
      const p = await party(server);
      const body = { mandate_id: p.mandateId, plan_id: pro.id, intent: { id: "int_x" } };
      expectError(await server.callAs(p.agent.key, "POST", "/v1/subscriptions", body), 400, "idempotency_key_required");
      for (const key of [p.user.key, shop.key, admin.key]) {
        expectError(await server.call("POST", "/v1/subscriptions", body, { authorization: `Bearer ${key}`, "idempotency-key": newKey() }), 403, "forbidden");
      }
      expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n, held: 0n });
    });

    it("refuses a mandate that is not the agent's, does not recur, recurs otherwise or does not fit", async () => {
      const p = await party(server);
      const other = await party(server);
      const foreign = await subscribe(server, p, pro.id, { mandate_id: other.mandateId });
      expectError(foreign, 404, "not_found");
      expect(foreign.json.error.param).toBe("mandate_id");
      const once = await grantMandate(server, p.user, p.agent.id);
      const noRecurrence = await subscribe(server, p, pro.id, { mandate_id: once.id });
      expectError(noRecurrence, 400, "validation_error");
      expect(noRecurrence.json.error).toMatchObject({ param: "mandate_id" });
      const weekly = await grantMandate(server, p.user, p.agent.id, { recurrence: { frequency: "week" } });
      const mismatch = await subscribe(server, p, pro.id, { mandate_id: weekly.id });
      expectError(mismatch, 400, "validation_error");
      expect(mismatch.json.error.message).toContain("month");
      const elsewhere = await grantMandate(server, p.user, p.agent.id, { recurrence: { frequency: "month" }, allowed_merchants: [rival.id] });
      const payee = await subscribe(server, p, pro.id, { mandate_id: elsewhere.id });
      expectError(payee, 402, "payment_declined");
      expect(payee.json.error.decline_code).toBe("payee_not_allowed");
      expectStatus(await server.callAs(p.user.key, "POST", `/v1/mandates/${p.mandateId}/revoke`), 200);
      const revoked = await subscribe(server, p, pro.id);
      expect(revoked.json.error.decline_code).toBe("mandate_revoked");
      const dollars = await plan(server, shop, { currency: "USD", flat_fee: "1" });
      const currency = await subscribe(server, other, dollars.id);
      expect(currency.json.error.decline_code).toBe("currency_not_allowed");
      expect((await server.callAs(p.agent.key, "GET", "/v1/subscriptions")).json.data).toEqual([]);
      expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n, held: 0n });
    });

    it("answers 402 with the decline when the first fee cannot be paid; the subscription ends before it begins", async () => {
      clock.setMs(T0_MS);
      const p = await party(server, { topUp: 500 });
      const res = await subscribe(server, p, pro.id);
      expectError(res, 402, "payment_declined");
      expect(res.json.error).toMatchObject({ decline_code: "insufficient_funds", payment: { status: "declined", purpose: "subscription" } });
      const [sub] = (await server.callAs(p.agent.key, "GET", "/v1/subscriptions")).json.data;
      expect(sub).toMatchObject({ status: "canceled", cancel_reason: "insufficient_funds" });
    });

    it("waits incomplete while the user confirms the first fee, then starts", async () => {
      clock.setMs(T0_MS);
      const p = await party(server, { mandate: { step_up_threshold: 500 } });
      const sub = await subscribed(server, p, pro.id);
      expect(sub).toMatchObject({ status: "incomplete" });
      const payment = await server.callAs(p.user.key, "GET", `/v1/payments/${sub.pending_payment_id}`);
      expect(payment.json).toMatchObject({ status: "requires_confirmation", amount: 1_060, subscription_id: sub.id });
      expectStatus(await server.callAs(p.user.key, "POST", `/v1/approvals/${payment.json.approval_id}/approve`), 200);
      await sweep(server);
      expect(await getSubscription(server, p.agent.key, sub.id)).toMatchObject({ status: "active", pending_payment_id: null });
    });

    it("shows a subscription to its agent, user, merchant and operators only", async () => {
      const p = await party(server);
      const sub = await subscribed(server, p, pro.id);
      for (const key of [p.agent.key, p.user.key, shop.key, support.key, finance.key]) {
        expectStatus(await server.callAs(key, "GET", `/v1/subscriptions/${sub.id}`), 200);
      }
      const sameUserOtherAgent = await seedAgent(server, p.user);
      const stranger = await seedUser(server, { name: "Stranger" });
      for (const key of [sameUserOtherAgent.key, stranger.key, rival.key]) {
        expectError(await server.callAs(key, "GET", `/v1/subscriptions/${sub.id}`), 404, "not_found");
        const list = await server.callAs(key, "GET", "/v1/subscriptions");
        expect(list.json.data.map((s: any) => s.id)).not.toContain(sub.id);
        expectError(await server.callAs(key, "GET", `/v1/billing_postings?subscription_id=${sub.id}`), 404);
      }
      const merchantList = await server.callAs(shop.key, "GET", `/v1/subscriptions?plan_id=${pro.id}&limit=100`);
      expect(merchantList.json.data.map((s: any) => s.id)).toContain(sub.id);
      const postings = await postingsOf(server, p.agent.key, sub.id);
      expect(postings.map((x) => x.kind).sort()).toEqual(["opening", "period"]);
      expectError(await server.callAs(rival.key, "GET", `/v1/billing_postings/${postings[0].id}`), 404, "not_found");
      const rivalPostings = await server.callAs(rival.key, "GET", "/v1/billing_postings");
      expect(rivalPostings.json.data).toEqual([]);
    });

    it("lets only its agent, user, merchant or an admin cancel it", async () => {
      const p = await party(server);
      const sub = await subscribed(server, p, pro.id);
      const cancel = (key: string) => server.callAs(key, "POST", `/v1/subscriptions/${sub.id}/cancel`, { at_period_end: true });
      const stranger = await seedUser(server, { name: "Stranger" });
      const otherAgent = await seedAgent(server, p.user);
      expectError(await cancel(stranger.key), 404, "not_found");
      expectError(await cancel(otherAgent.key), 404, "not_found");
      expectError(await cancel(rival.key), 404, "not_found");
      expectError(await cancel(support.key), 403, "forbidden");
      expectError(await cancel(finance.key), 403, "forbidden");
      expect(await getSubscription(server, p.user.key, sub.id)).toMatchObject({ cancel_at_period_end: false });
      const done = await cancel(admin.key);
      expectStatus(done, 200);
      expect(done.json).toMatchObject({ status: "active", cancel_at_period_end: true, cancel_reason: "requested_by_operator" });
      const now = await server.callAs(p.agent.key, "POST", `/v1/subscriptions/${sub.id}/cancel`);
      expect(now.json).toMatchObject({ status: "canceled" });
      // Cancelling again answers it as it is.
      expectStatus(await server.callAs(p.agent.key, "POST", `/v1/subscriptions/${sub.id}/cancel`), 200);
      expectError(await server.callAs(p.agent.key, "POST", `/v1/subscriptions/sub_nope/cancel`), 404, "not_found");
    });

    it("tops up only a live reservation of the payer's own subscription", async () => {
      const p: Party = await party(server);
      const arrears = await subscribed(server, p, pro.id);
      const topUp = (key: string, id: string, body: unknown = { amount: 100 }) =>
        server.call("POST", `/v1/subscriptions/${id}/reservation`, body, { authorization: `Bearer ${key}`, "idempotency-key": newKey("top") });
      expectError(await topUp(p.agent.key, arrears.id), 409, "conflict");
      expectError(await topUp(shop.key, arrears.id), 403, "forbidden");
      const stranger = await seedUser(server, { name: "Stranger" });
      expectError(await topUp(stranger.key, arrears.id), 404, "not_found");
      expectError(await topUp(p.agent.key, arrears.id, { amount: 0 }), 400, "validation_error");
      expectError(await server.callAs(p.agent.key, "POST", `/v1/subscriptions/${arrears.id}/reservation`, { amount: 100 }), 400, "idempotency_key_required");
    });

    it("records every step in the audit trail, linked to the user's intent", async () => {
      const p = await party(server);
      const sub = await subscribed(server, p, pro.id);
      expectStatus(await server.callAs(p.user.key, "POST", `/v1/subscriptions/${sub.id}/cancel`), 200);
      const events = await server.runtime.database.db
        .selectFrom("audit_events")
        .select(["action", "intent_id", "mandate_id", "user_id"])
        .where((eb) => eb.or([eb("object_id", "=", sub.id), eb("data", "like", `%${sub.id}%`)]))
        .orderBy("seq")
        .execute();
      const actions = events.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(["subscription.created", "billing_posting.created", "billing_posting.settled", "invoice.created", "subscription.canceled"]));
      const own = events.filter((e) => e.action.startsWith("subscription.") || e.action.startsWith("billing_posting."));
      expect(own.every((e) => e.intent_id === "int_sub" && e.mandate_id === p.mandateId && e.user_id === p.user.id)).toBe(true);
    });
  });
});
