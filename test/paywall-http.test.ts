/**
 * Payment requests over HTTP, on both engines: a merchant creates a signed request; an agent pays
 * it through the same payment use case as POST /v1/payments (one payment however often it is
 * paid, whoever races); expiry, tampering, declines, step-up; who may do what; bad input writes
 * nothing.
 */
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from "jose";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { engines } from "./harness.js";
import { seedMerchant, seedOperator, type Seeded, startServer, type TestServer } from "./http-harness.js";
import { expectDeclined, expectError, expectStatus, merchantOf, newKey, type Payer, payer, T0_MS, walletOf } from "./fixtures/payments-world.js";

const PRICE = 1_500;
const intent = { id: "int_weather", instruction: "Get me tomorrow's forecast" };

describe.each(engines)("payment requests over HTTP on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let shop: Seeded;
  let other: Seeded;
  let alice: Payer;
  let bob: Payer;
  let jwks: ReturnType<typeof createLocalJWKSet>;

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false });
    shop = await seedMerchant(server, { legal_name: "Weather API Ltd" });
    other = await seedMerchant(server, { legal_name: "Other Shop" });
    alice = await payer(server, {}, { merchant: shop });
    bob = await payer(server, {}, { merchant: shop });
    jwks = createLocalJWKSet((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as any);
  });
  afterAll(async () => server.close());

  const createRequest = (body: Record<string, unknown> = {}, as = shop.key) =>
    server.callAs(as, "POST", "/v1/payment_requests", { amount: PRICE, currency: "CNY", resource: "/v1/forecast?city=hz", ...body });
  const payRequest = (jws: string, p: Payer = alice, headers: Record<string, string> = {}, over: Record<string, unknown> = {}) =>
    server.call("POST", "/v1/payment_requests/pay", { request: jws, mandate_id: p.mandateId, intent, ...over }, { authorization: `Bearer ${p.agent.key}`, ...headers });
  const claimsOf = async (jws: string) => JSON.parse(new TextDecoder().decode((await compactVerify(jws, jwks)).payload));
  const requestRows = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from payment_requests`.execute(server.runtime.database.db)).rows[0]!.n);
  const auditRows = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_events`.execute(server.runtime.database.db)).rows[0]!.n);

  it("a merchant creates a request signed by AgentPay, bound to its resource and a random nonce", async () => {
    const res = await createRequest({ description: "Forecast for Hangzhou", expires_in: 120, metadata: { sku: "fc-1" } });
    expectStatus(res, 200);
    const r = res.json;
    expect(r).toMatchObject({
      object: "payment_request",
      status: "open",
      merchant_id: shop.id,
      amount: PRICE,
      currency: "CNY",
      resource: "/v1/forecast?city=hz",
      description: "Forecast for Hangzhou",
      expires_at: Math.floor(T0_MS / 1000) + 120,
      payment_id: null,
      paid_at: null,
      metadata: { sku: "fc-1" },
    });
    expect(r.id).toMatch(/^prq_[0-9a-z]{26}$/);
    expect(r.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(decodeProtectedHeader(r.jws)).toMatchObject({ alg: "EdDSA", typ: "agentpay-payment-request+jwt" });
    const claims = await claimsOf(r.jws);
    expect(claims).toMatchObject({ iss: "agentpay", sub: r.id, exp: r.expires_at });
    expect(claims.payment_request).toEqual({
      id: r.id,
      merchant_id: shop.id,
      amount: String(PRICE),
      currency: "CNY",
      resource: "/v1/forecast?city=hz",
      description: "Forecast for Hangzhou",
      nonce: r.nonce,
      expires_at: r.expires_at,
    });
    const second = (await createRequest()).json;
    expect(second.nonce).not.toBe(r.nonce);
    expect(second.expires_at).toBe(Math.floor(T0_MS / 1000) + 300);

    expect((await server.callAs(shop.key, "GET", `/v1/payment_requests/${r.id}`)).json).toEqual(r);
    const admin = await seedOperator(server, "support");
    expectStatus(await server.callAs(admin.key, "GET", `/v1/payment_requests/${r.id}`), 200);
    // Another merchant, an agent that has not paid it and a user see nothing.
    expectError(await server.callAs(other.key, "GET", `/v1/payment_requests/${r.id}`), 404, "not_found");
    expectError(await server.callAs(alice.agent.key, "GET", `/v1/payment_requests/${r.id}`), 404, "not_found");
    expectError(await server.callAs(alice.user.key, "GET", `/v1/payment_requests/${r.id}`), 403, "forbidden");
  });

  it("refuses bad input with 400 and writes nothing", async () => {
    const before = { requests: await requestRows(), audit: await auditRows() };
    const bad: [Record<string, unknown>, string][] = [
      [{ amount: 0 }, "amount"],
      [{ amount: 1.5 }, "amount"],
      [{ amount: "100" }, "amount"],
      [{ currency: "cny" }, "currency"],
      [{ currency: "XXY" }, "currency"],
      [{ resource: "" }, "resource"],
      [{ resource: "/has space" }, "resource"],
      [{ resource: `/${"a".repeat(2_048)}` }, "resource"],
      [{ expires_in: 3_601 }, "expires_in"],
      [{ expires_in: 5 }, "expires_in"],
      [{ nonce: "mine" }, "nonce"],
    ];
    for (const [body, param] of bad) {
      const res = await createRequest(body);
      expectError(res, 400, "validation_error");
      expect(res.json.error.param, JSON.stringify(body)).toBe(param);
    }
    expectError(await server.callAs(shop.key, "POST", "/v1/payment_requests", { currency: "CNY", resource: "/x" }), 400, "validation_error");
    const payBad = await server.call("POST", "/v1/payment_requests/pay", { request: "x", intent }, { authorization: `Bearer ${alice.agent.key}` });
    expectError(payBad, 400, "validation_error");
    expect(payBad.json.error.param).toBe("mandate_id");
    expect({ requests: await requestRows(), audit: await auditRows() }).toEqual(before);
  });

  it("lets only merchants create requests and only agents pay them", async () => {
    const jws = (await createRequest()).json.jws;
    expectError(await createRequest({}, alice.agent.key), 403, "forbidden");
    expectError(await createRequest({}, alice.user.key), 403, "forbidden");
    const merchantPays = await server.call("POST", "/v1/payment_requests/pay", { request: jws, mandate_id: alice.mandateId, intent }, { authorization: `Bearer ${shop.key}` });
    expectError(merchantPays, 403, "forbidden");
    const userPays = await server.call("POST", "/v1/payment_requests/pay", { request: jws, mandate_id: alice.mandateId, intent }, { authorization: `Bearer ${alice.user.key}` });
    expectError(userPays, 403, "forbidden");
    expectError(await server.call("POST", "/v1/payment_requests", { amount: 1 }, { authorization: "Bearer nope" }), 401, "unauthenticated");
    // Bob's agent may not pay with Alice's mandate, and its failed attempt does not keep Alice out.
    expectError(await payRequest(jws, { ...bob, mandateId: alice.mandateId }), 404, "not_found");
    expectStatus(await payRequest(jws, alice), 200);
  });

  it("pays a request once, however often and with whatever Idempotency-Key, with a receipt bound to the request", async () => {
    const r = (await createRequest({ description: "One forecast" })).json;
    const walletBefore = await walletOf(server, alice.user.id);
    const shopBefore = await merchantOf(server, shop.id);
    const first = await payRequest(r.jws);
    expectStatus(first, 200);
    expect(first.json).toMatchObject({
      object: "payment_request_payment",
      payment_request: { id: r.id, status: "paid", payment_id: first.json.payment.id, paid_at: Math.floor(T0_MS / 1000) },
      payment: { object: "payment", status: "succeeded", amount: PRICE, merchant_id: shop.id, order_reference: r.id, description: "One forecast", intent: { id: intent.id } },
    });
    const receipt = await claimsOf(first.json.receipt.jws);
    expect(decodeProtectedHeader(first.json.receipt.jws).typ).toBe("agentpay-receipt+jwt");
    expect(receipt.receipt).toMatchObject({ payment_id: first.json.payment.id, order_reference: r.id, merchant_id: shop.id, amount: String(PRICE), currency: "CNY" });

    const again = await payRequest(r.jws, alice, { "idempotency-key": newKey("prq") }, { intent: { ...intent, instruction: "reworded: the forecast" } });
    const third = await payRequest(r.jws, alice, { "idempotency-key": newKey("prq") });
    expect(again.json.payment.id).toBe(first.json.payment.id);
    expect(third.json.payment.id).toBe(first.json.payment.id);
    expect(third.json.receipt.jws).toBe(first.json.receipt.jws);
    expect(await walletOf(server, alice.user.id)).toEqual({ available: walletBefore.available - BigInt(PRICE), held: 0n });
    expect((await merchantOf(server, shop.id)).balance - shopBefore.balance).toBe(BigInt(PRICE - 15));
    const listed = await server.callAs(alice.agent.key, "GET", "/v1/payments?limit=100");
    expect(listed.json.data.filter((p: any) => p.order_reference === r.id)).toHaveLength(1);

    // The paying agent may now read the request; Bob's agent may not pay it.
    expect((await server.callAs(alice.agent.key, "GET", `/v1/payment_requests/${r.id}`)).json.status).toBe("paid");
    const bobPays = await payRequest(r.jws, bob);
    expectError(bobPays, 409, "conflict");
    expect(bobPays.json.error.message).toMatch(/already been paid/);

    const audit = await server.runtime.database.db.selectFrom("audit_events").selectAll().where("object_id", "=", r.id).orderBy("seq").execute();
    expect(audit.map((e) => e.action)).toEqual(["payment_request.created", "payment_request.paid"]);
    expect(audit[1]).toMatchObject({ payment_id: first.json.payment.id, intent_id: intent.id, mandate_id: alice.mandateId, actor_id: alice.agent.id });
  });

  it("makes one payment when two agents race for the same request", async () => {
    const r = (await createRequest()).json;
    const [a, b] = await Promise.all([payRequest(r.jws, alice), payRequest(r.jws, bob)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses, JSON.stringify([a.json, b.json])).toEqual([200, 409]);
    const paid = await server.callAs(shop.key, "GET", `/v1/payments?limit=100`);
    expect(paid.json.data.filter((p: any) => p.order_reference === r.id)).toHaveLength(1);
  });

  it("refuses a tampered, foreign or non-request JWS with 400, and moves nothing", async () => {
    const r = (await createRequest()).json;
    const [h, p, s] = r.jws.split(".");
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    claims.payment_request.amount = "1";
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
    const paidBefore = await walletOf(server, alice.user.id);
    for (const jws of [forged, `${h}.${p}.${s.slice(0, -4)}AAAA`, "not-a-jws", (await server.callAs(alice.user.key, "GET", `/v1/mandates/${alice.mandateId}`)).json.jws]) {
      const res = await payRequest(jws);
      expectError(res, 400, "validation_error");
      expect(res.json.error.param).toBe("request");
    }
    expect(await walletOf(server, alice.user.id)).toEqual(paidBefore);
    expect((await server.callAs(shop.key, "GET", `/v1/payment_requests/${r.id}`)).json).toMatchObject({ status: "open", payment_id: null });
  });

  it("refuses an expired request with 409 and writes no payment", async () => {
    const r = (await createRequest({ expires_in: 10 })).json;
    clock.advanceMs(11_000);
    const before = await walletOf(server, alice.user.id);
    const res = await payRequest(r.jws);
    expectError(res, 409, "conflict");
    expect(res.json.error.message).toMatch(/expired/);
    expect(await walletOf(server, alice.user.id)).toEqual(before);
    expect((await server.callAs(shop.key, "GET", `/v1/payment_requests/${r.id}`)).json).toMatchObject({ status: "expired", payment_id: null });
  });

  it("declines like any payment (402 with a decline code) and releases the request for another payer", async () => {
    const stingy = await payer(server, { amount_max: 1_000 }, { merchant: shop });
    const r = (await createRequest()).json;
    expectDeclined(await payRequest(r.jws, stingy), "amount_above_range");
    expect((await server.callAs(shop.key, "GET", `/v1/payment_requests/${r.id}`)).json).toMatchObject({ status: "open", payment_id: null });
    // The same agent retrying gets the same decline; another agent may pay.
    expectDeclined(await payRequest(r.jws, stingy), "amount_above_range");
    expectStatus(await payRequest(r.jws, bob), 200);
  });

  it("waits for the user's confirmation above the step-up threshold, then gives the receipt even after the request expired", async () => {
    const careful = await payer(server, { step_up_threshold: 1_000 }, { merchant: shop });
    const r = (await createRequest({ expires_in: 10 })).json;
    const pending = await payRequest(r.jws, careful);
    expectStatus(pending, 200);
    expect(pending.json).toMatchObject({ payment: { status: "requires_confirmation" }, receipt: null, payment_request: { status: "open", payment_id: pending.json.payment.id } });
    clock.advanceMs(30_000);
    expectStatus(await server.callAs(careful.user.key, "POST", `/v1/approvals/${pending.json.payment.approval_id}/approve`), 200);
    const done = await payRequest(r.jws, careful);
    expectStatus(done, 200);
    expect(done.json).toMatchObject({ payment: { id: pending.json.payment.id, status: "succeeded" }, payment_request: { status: "paid" } });
    expect((await claimsOf(done.json.receipt.jws)).receipt.order_reference).toBe(r.id);
  });
});
