import { compactVerify, createLocalJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPayment } from "../src/payments/index.js";
import { engines } from "./harness.js";
import { type Seeded, seedAgent, seedMerchant, seedUser, startServer, type TestServer } from "./http-harness.js";

const inOneYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
let keySeq = 0;
const newKey = () => `k-${Date.now()}-${keySeq++}`;

describe.each(engines)("the payment lifecycle over HTTP on %s", (engine) => {
  let server: TestServer;
  let alice: Seeded;
  let agent: Seeded;
  let shop: Seeded;
  let mandateId: string;

  const pay = (body: Record<string, unknown>, key = newKey(), as = agent.key) =>
    server.call("POST", "/v1/payments", { merchant_id: shop.id, currency: "CNY", intent: { id: "int_1", instruction: "buy me coffee" }, mandate_id: mandateId, ...body }, { authorization: `Bearer ${as}`, "idempotency-key": key });
  const wallet = async () => (await server.callAs(alice.key, "GET", "/v1/wallet?currency=CNY")).json.balances[0];

  beforeAll(async () => {
    server = await startServer(engine);
    alice = await seedUser(server, { name: "Alice", kyc_level: 2 });
    agent = await seedAgent(server, alice);
    shop = await seedMerchant(server);
    const topup = await server.call("POST", "/v1/topups", { amount: 100_000, currency: "CNY" }, { authorization: `Bearer ${alice.key}`, "idempotency-key": "topup-1" });
    expect(topup.status, JSON.stringify(topup.json)).toBe(200);
    expect(topup.json).toMatchObject({ object: "topup", status: "succeeded", amount: 100_000 });
    const m = await server.callAs(alice.key, "POST", "/v1/mandates", {
      agent_id: agent.id,
      instruction: "Buy my coffee and lunch, at most ¥500 a payment",
      currency: "CNY",
      amount_max: 50_000,
      budget_total: 90_000,
      budget_day: 40_000,
      step_up_threshold: 20_000,
      allowed_merchants: [shop.id],
      not_after: inOneYear(),
    });
    expect(m.status, JSON.stringify(m.json)).toBe(200);
    mandateId = m.json.id;
  });
  afterAll(async () => server.close());

  it("pays in one step, exactly once per idempotency key", async () => {
    const key = newKey();
    const first = await pay({ amount: 10_000, order_reference: "o-1" }, key);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toMatchObject({ object: "payment", status: "succeeded", amount: 10_000, amount_captured: 10_000, fee_amount: 100 });
    const again = await pay({ amount: 10_000, order_reference: "o-1" }, key);
    expect(again.json.id).toBe(first.json.id);
    const other = await pay({ amount: 10_001, order_reference: "o-1" }, key);
    expect(other.status).toBe(422);
    expect(await wallet()).toMatchObject({ available: 90_000, held: 0 });
    const receipt = await server.callAs(agent.key, "GET", `/v1/payments/${first.json.id}/receipt`);
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    const verified = await compactVerify(receipt.json.jws, createLocalJWKSet(jwks as any));
    expect(JSON.parse(new TextDecoder().decode(verified.payload)).receipt).toMatchObject({ payment_id: first.json.id, amount: "10000" });
  });

  it("waits for the user above the step-up threshold, then pays when approved", async () => {
    const res = await pay({ amount: 25_000 });
    expect(res.json.status).toBe("requires_confirmation");
    const approvalId = res.json.approval_id;
    expect((await server.callAs(agent.key, "POST", `/v1/approvals/${approvalId}/approve`)).status).toBe(403);
    const approved = await server.callAs(alice.key, "POST", `/v1/approvals/${approvalId}/approve`);
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    expect(approved.json.payment).toMatchObject({ status: "succeeded", amount_captured: 25_000 });
    expect(approved.json.approval.status).toBe("approved");
    expect(await wallet()).toMatchObject({ available: 65_000 });
  });

  it("declines over the period budget with a machine-readable code and moves nothing", async () => {
    const res = await pay({ amount: 6_000 });
    expect(res.status).toBe(402);
    expect(res.json.error).toMatchObject({ type: "payment_error", code: "payment_declined", decline_code: "over_budget_period" });
    expect(res.json.error.payment.status).toBe("declined");
    expect(await wallet()).toMatchObject({ available: 65_000 });
  });

  it("refunds in parts up to the captured amount", async () => {
    const p = (await server.callAs(agent.key, "GET", "/v1/payments?limit=100")).json.data.find((x: any) => x.amount === 10_000);
    const r1 = await server.call("POST", `/v1/payments/${p.id}/refunds`, { amount: 4_000 }, { authorization: `Bearer ${shop.key}`, "idempotency-key": newKey() });
    expect(r1.status, JSON.stringify(r1.json)).toBe(200);
    const tooMuch = await server.call("POST", `/v1/payments/${p.id}/refunds`, { amount: 7_000 }, { authorization: `Bearer ${shop.key}`, "idempotency-key": newKey() });
    expect(tooMuch.status).toBe(400);
    const rest = await server.call("POST", `/v1/payments/${p.id}/refunds`, {}, { authorization: `Bearer ${shop.key}`, "idempotency-key": newKey() });
    expect(rest.json.amount).toBe(6_000);
    expect((await server.callAs(shop.key, "GET", `/v1/payments/${p.id}`)).json.amount_refunded).toBe(10_000);
    expect(await wallet()).toMatchObject({ available: 75_000 });
  });

  it("lets only one of two concurrent requests with one key and different bodies through, and never moves money without its payment", async () => {
    const key = newKey();
    const actor = { type: "agent" as const, id: agent.id, userId: alice.id };
    const body = (amount: number) => ({ mandate_id: mandateId, merchant_id: shop.id, amount, currency: "CNY", intent: { id: "int_race" } });
    const before = await wallet();
    const deps = server.runtime.payments;
    const results = await Promise.all([createPayment(deps, actor, body(25_000), key, null), createPayment(deps, actor, body(1_000), key, null)]);
    const won = results.filter((r) => r.ok);
    expect(won.length).toBe(1);
    const lost = results.find((r) => !r.ok);
    expect(lost !== undefined && !lost.ok && ["idempotency_key_reused", "idempotency_key_in_use"].includes(lost.error.code)).toBe(true);
    const rows = await server.runtime.database.db.selectFrom("payments").selectAll().where("idempotency_key", "=", key).execute();
    expect(rows.length).toBe(1);
    const moved = BigInt(before.available) - BigInt((await wallet()).available);
    expect(moved).toBe(rows[0]!.status === "succeeded" ? rows[0]!.amount : 0n);
    const again = await createPayment(deps, actor, body(rows[0]!.amount === 1_000n ? 25_000 : 1_000), key, null);
    expect(!again.ok && again.error.code).toBe("idempotency_key_reused");
  });
});
