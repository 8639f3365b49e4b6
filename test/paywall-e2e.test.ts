/**
 * HTTP 402 end to end, on both engines: a real AgentPay server, a merchant's real Fastify server
 * with the paywall plugin and a plain Node `http` server with the middleware, and an agent using
 * the SDK's payingFetch. Unpaid → 402 with a signed request; paid and retried → 200; a receipt
 * opens its resource once; expired, tampered, foreign and misdirected receipts are refused.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { compactVerify, createLocalJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptedOf,
  AgentPayError,
  type AgentPayClient,
  agentPayRequirementsOf,
  ConfirmationRequiredError,
  createAgentPayClient,
  createNodePaywall,
  decodeX402Header,
  encodeX402Header,
  nodePaymentOf,
  type PaidPaymentRequest,
  PaymentRefusedError,
  payingFetch,
  type PayingFetchOptions,
  RECEIPT_GRACE_S_DEFAULT,
} from "../sdk/src/index.js";
import { agentPayPaywall, paymentOf } from "../sdk/src/paywall/fastify.js";
import { ManualClock } from "../src/core/clock.js";
import { engines } from "./harness.js";
import { seedMerchant, type Seeded, startServer, type TestServer } from "./http-harness.js";
import { merchantOf, type Payer, payer, walletOf } from "./fixtures/payments-world.js";

const FORECAST = { amount: 150, currency: "CNY", description: "Tomorrow's forecast" };
const REQUEST_TTL_S = 60;
const intent = { id: "int_trip", instruction: "Plan my trip to Hangzhou and check the weather" };

describe.each(engines)("HTTP 402 pay-per-request end to end on %s", (engine) => {
  // The system time, frozen and moved by hand, shared by AgentPay and the merchant's paywall.
  const clock = new ManualClock(Date.now());
  let server: TestServer;
  let shop: Seeded;
  let alice: Payer;
  let agentClient: AgentPayClient;
  let shopApp: FastifyInstance;
  let shopUrl: string;
  let nodeServer: http.Server;
  let nodeUrl: string;

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false });
    shop = await seedMerchant(server, { legal_name: "Weather API Ltd" });
    alice = await payer(server, {}, { merchant: shop });
    agentClient = createAgentPayClient({ baseUrl: server.url, apiKey: alice.agent.key });
    const shopClient = createAgentPayClient({ baseUrl: `${server.url}/`, apiKey: shop.key });
    const paywall = { client: shopClient, merchantId: shop.id, requestTtlS: REQUEST_TTL_S, nowMs: () => clock.nowMs() };

    shopApp = Fastify();
    await shopApp.register(agentPayPaywall, paywall);
    shopApp.get("/forecast", { config: { agentpay: FORECAST } }, async (request) => ({ forecast: "sunny", paid_by: paymentOf(request)?.agentId }));
    shopApp.get("/premium/a", { config: { agentpay: FORECAST } }, async () => ({ article: "a" }));
    shopApp.get("/premium/b", { config: { agentpay: FORECAST } }, async () => ({ article: "b" }));
    shopApp.post("/translate", { config: { agentpay: { amount: 80, currency: "CNY" } } }, async (request) => ({ echo: request.body }));
    shopApp.get("/free", async () => ({ free: true }));
    await shopApp.listen({ port: 0, host: "127.0.0.1" });
    shopUrl = `http://127.0.0.1:${(shopApp.server.address() as AddressInfo).port}`;

    const middleware = createNodePaywall({ ...paywall, price: (req) => (req.url === "/free" ? null : { amount: 200, currency: "CNY" }) });
    nodeServer = http.createServer((req, res) =>
      middleware(req, res, (error) => {
        res.statusCode = error === undefined ? 200 : 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ url: req.url, paid_by: nodePaymentOf(req)?.agentId ?? null }));
      }),
    );
    await new Promise<void>((resolve) => nodeServer.listen(0, "127.0.0.1", resolve));
    nodeUrl = `http://127.0.0.1:${(nodeServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await shopApp?.close();
    await new Promise((resolve) => nodeServer?.close(resolve));
    await server?.close();
  });

  /** payingFetch for Alice's agent; `sent` collects every request it sends to merchants. */
  function agentFetch(over: Partial<PayingFetchOptions> = {}) {
    const sent: Request[] = [];
    const paid: PaidPaymentRequest[] = [];
    const f = payingFetch({
      client: agentClient,
      mandateId: alice.mandateId,
      intent,
      onPayment: (p) => paid.push(p),
      fetch: async (input, init) => {
        const request = new Request(input, init);
        sent.push(request.clone());
        return fetch(request);
      },
      ...over,
    });
    return { f, sent, paid };
  }

  /** A 402 for `url` and the receipt of paying it through AgentPay, as the SDK would build the retry header. */
  async function paidHeader(url: string): Promise<{ header: string; requestJws: string; receiptJws: string; paymentId: string }> {
    const res = await fetch(url);
    expect(res.status).toBe(402);
    const requirements = agentPayRequirementsOf(res.headers.get("payment-required"))!;
    const { data, error } = await agentClient.POST("/v1/payment_requests/pay", {
      body: { request: requirements.extra.payment_request, mandate_id: alice.mandateId, intent },
    });
    expect(error).toBeUndefined();
    const payload = { payment_request: requirements.extra.payment_request, receipt: data!.receipt!.jws };
    return {
      header: encodeX402Header({ x402Version: 2, accepted: acceptedOf(requirements), payload }),
      requestJws: payload.payment_request,
      receiptJws: payload.receipt,
      paymentId: data!.payment.id,
    };
  }

  const rejection = (res: Response) => (decodeX402Header(res.headers.get("payment-response") ?? "") as any)?.errorReason;

  it("answers an unpaid request 402 with a payment request signed by AgentPay, in PAYMENT-REQUIRED and the body", async () => {
    const res = await fetch(`${shopUrl}/forecast`);
    expect(res.status).toBe(402);
    const decoded = decodeX402Header(res.headers.get("payment-required")!) as any;
    expect(decoded).toMatchObject({
      x402Version: 2,
      resource: { url: "/forecast", description: FORECAST.description },
      accepts: [{ scheme: "agentpay", network: "agentpay", amount: "150", asset: "CNY", payTo: shop.id, maxTimeoutSeconds: REQUEST_TTL_S }],
    });
    expect(await res.json()).toEqual({ ...decoded, reason: "payment_required" });
    const jwks = createLocalJWKSet((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as any);
    const verified = await compactVerify(decoded.accepts[0].extra.payment_request, jwks);
    expect(verified.protectedHeader.typ).toBe("agentpay-payment-request+jwt");
    const claims = JSON.parse(new TextDecoder().decode(verified.payload)).payment_request;
    expect(claims).toMatchObject({ id: decoded.accepts[0].extra.payment_request_id, merchant_id: shop.id, resource: "/forecast", amount: "150" });
    expect((await fetch(`${shopUrl}/free`)).status).toBe(200);
  });

  it("payingFetch pays the 402 through AgentPay and retries with the receipt: 200, paid once", async () => {
    const wallet = await walletOf(server, alice.user.id);
    const shopBalance = (await merchantOf(server, shop.id)).balance;
    const { f, sent, paid } = agentFetch();
    const res = await f(`${shopUrl}/forecast`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ forecast: "sunny", paid_by: alice.agent.id });
    expect(sent.map((r) => r.headers.has("payment-signature"))).toEqual([false, true]);
    expect(paid).toHaveLength(1);
    expect(paid[0]!.payment).toMatchObject({ status: "succeeded", amount: 150, merchant_id: shop.id, order_reference: paid[0]!.payment_request.id });
    expect(decodeX402Header(res.headers.get("payment-response")!)).toEqual({ success: true, network: "agentpay", transaction: paid[0]!.payment.id, payer: alice.agent.id });
    expect((await walletOf(server, alice.user.id)).available).toBe(wallet.available - 150n);
    expect((await merchantOf(server, shop.id)).balance - shopBalance).toBe(149n);

    // A receipt opens its resource once: the same PAYMENT-SIGNATURE again is refused with a fresh request.
    const replay = await fetch(`${shopUrl}/forecast`, { headers: { "payment-signature": sent[1]!.headers.get("payment-signature")! } });
    expect(replay.status).toBe(402);
    expect(rejection(replay)).toBe("receipt_already_used");
    expect(agentPayRequirementsOf(replay.headers.get("payment-required"))?.extra.payment_request_id).not.toBe(paid[0]!.payment_request.id);
    expect((await walletOf(server, alice.user.id)).available).toBe(wallet.available - 150n);
  });

  it("replays a POST body on the paid retry", async () => {
    const { f } = agentFetch();
    const res = await f(`${shopUrl}/translate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "你好" }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ echo: { text: "你好" } });
  });

  it("refuses a tampered receipt and request, then still accepts the genuine receipt once", async () => {
    const paid = await paidHeader(`${shopUrl}/forecast`);
    const decoded = decodeX402Header(paid.header) as any;
    const tamper = (jws: string, edit: (claims: any) => void) => {
      const [h, p, s] = jws.split(".");
      const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
      edit(claims);
      return `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
    };
    const withPayload = (payload: object) => encodeX402Header({ ...decoded, payload: { ...decoded.payload, ...payload } });
    const cases: [string, string][] = [
      [withPayload({ receipt: tamper(paid.receiptJws, (c) => (c.receipt.amount = "15000")) }), "invalid_receipt"],
      [withPayload({ receipt: paid.requestJws }), "invalid_receipt"],
      [withPayload({ payment_request: tamper(paid.requestJws, (c) => (c.payment_request.resource = "/premium/a")) }), "invalid_payment_request"],
      [withPayload({ payment_request: paid.receiptJws }), "invalid_payment_request"],
    ];
    for (const [header, reason] of cases) {
      const res = await fetch(`${shopUrl}/forecast`, { headers: { "payment-signature": header } });
      expect(res.status).toBe(402);
      expect(rejection(res)).toBe(reason);
    }
    const garbage = await fetch(`${shopUrl}/forecast`, { headers: { "payment-signature": "%%%not-base64" } });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as any).error.code).toBe("invalid_payment_signature");
    const genuine = await fetch(`${shopUrl}/forecast`, { headers: { "payment-signature": paid.header } });
    expect(genuine.status).toBe(200);
  });

  it("refuses a receipt for another resource, another request or another merchant", async () => {
    const a = await paidHeader(`${shopUrl}/premium/a`);
    const atB = await fetch(`${shopUrl}/premium/b`, { headers: { "payment-signature": a.header } });
    expect(atB.status).toBe(402);
    expect(rejection(atB)).toBe("wrong_resource");

    // A genuine request for /premium/b paired with the receipt of the /premium/a payment.
    const b = await fetch(`${shopUrl}/premium/b`);
    const bRequirements = agentPayRequirementsOf(b.headers.get("payment-required"))!;
    const mixed = encodeX402Header({ x402Version: 2, accepted: bRequirements, payload: { payment_request: bRequirements.extra.payment_request, receipt: a.receiptJws } });
    const mixedRes = await fetch(`${shopUrl}/premium/b`, { headers: { "payment-signature": mixed } });
    expect(mixedRes.status).toBe(402);
    expect(rejection(mixedRes)).toBe("receipt_not_for_request");

    // Another merchant (one the agent colludes with, say) asks 1 fen for "/premium/b": refused here.
    const evil = await seedMerchant(server, { legal_name: "Cheap Copies" });
    const evilRequest = await createAgentPayClient({ baseUrl: server.url, apiKey: evil.key }).POST("/v1/payment_requests", {
      body: { amount: 150, currency: "CNY", resource: "/premium/b" },
    });
    const { data } = await agentClient.POST("/v1/payment_requests/pay", { body: { request: evilRequest.data!.jws, mandate_id: alice.mandateId, intent } });
    const foreign = encodeX402Header({ x402Version: 2, accepted: bRequirements, payload: { payment_request: evilRequest.data!.jws, receipt: data!.receipt!.jws } });
    const foreignRes = await fetch(`${shopUrl}/premium/b`, { headers: { "payment-signature": foreign } });
    expect(rejection(foreignRes)).toBe("wrong_merchant");

    // The /premium/a receipt still opens /premium/a: the failed attempts did not use it up.
    expect((await fetch(`${shopUrl}/premium/a`, { headers: { "payment-signature": a.header } })).status).toBe(200);
  });

  it("cannot pay an expired request, and refuses a receipt presented too late", async () => {
    const wallet = await walletOf(server, alice.user.id);
    // The agent dawdles past the request's expiry between the 402 and paying it.
    const { f } = agentFetch({
      fetch: async (input, init) => {
        const res = await fetch(new Request(input, init));
        clock.advanceMs((REQUEST_TTL_S + 1) * 1000);
        return res;
      },
    });
    const error = await f(`${shopUrl}/forecast`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentPayError);
    expect(error).toMatchObject({ status: 409, code: "conflict" });
    expect((error as AgentPayError).message).toMatch(/expired/);
    expect(await walletOf(server, alice.user.id)).toEqual(wallet);

    const late = await paidHeader(`${shopUrl}/forecast`);
    clock.advanceMs((REQUEST_TTL_S + RECEIPT_GRACE_S_DEFAULT + 1) * 1000);
    const res = await fetch(`${shopUrl}/forecast`, { headers: { "payment-signature": late.header } });
    expect(res.status).toBe(402);
    expect(rejection(res)).toBe("receipt_expired");
  });

  it("pays the same request twice as one payment", async () => {
    const res = await fetch(`${shopUrl}/forecast`);
    const jws = agentPayRequirementsOf(res.headers.get("payment-required"))!.extra.payment_request;
    const wallet = await walletOf(server, alice.user.id);
    const body = { request: jws, mandate_id: alice.mandateId, intent };
    const [one, two] = await Promise.all([agentClient.POST("/v1/payment_requests/pay", { body }), agentClient.POST("/v1/payment_requests/pay", { body })]);
    expect(one.data!.payment.id).toBe(two.data!.payment.id);
    expect((await walletOf(server, alice.user.id)).available).toBe(wallet.available - 150n);
  });

  it("does not pay above maxAmount or in another currency, and surfaces declines with their code", async () => {
    const wallet = await walletOf(server, alice.user.id);
    await expect(agentFetch({ maxAmount: 100 }).f(`${shopUrl}/forecast`)).rejects.toMatchObject({ name: "PaymentRefusedError", reason: "over_max_amount" });
    await expect(agentFetch({ currency: "USD" }).f(`${shopUrl}/forecast`)).rejects.toBeInstanceOf(PaymentRefusedError);
    const stingy = await payer(server, { amount_max: 100 }, { merchant: shop });
    const stingyFetch = payingFetch({ client: createAgentPayClient({ baseUrl: server.url, apiKey: stingy.agent.key }), mandateId: stingy.mandateId, intent });
    await expect(stingyFetch(`${shopUrl}/forecast`)).rejects.toMatchObject({ status: 402, code: "payment_declined", declineCode: "amount_above_range" });
    expect(await walletOf(server, alice.user.id)).toEqual(wallet);
  });

  it("waits for the user's confirmation when asked to, then retries with the receipt", async () => {
    const careful = await payer(server, { step_up_threshold: 100 }, { merchant: shop });
    const client = createAgentPayClient({ baseUrl: server.url, apiKey: careful.agent.key });
    const first = await payingFetch({ client, mandateId: careful.mandateId, intent })(`${shopUrl}/forecast`).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ConfirmationRequiredError);
    const unanswered = (first as ConfirmationRequiredError).payment.id;

    const waiting = payingFetch({ client, mandateId: careful.mandateId, intent, confirmationWaitMs: 20_000, confirmationPollIntervalMs: 50 })(`${shopUrl}/forecast`);
    const approvalId = await pendingApproval(careful, unanswered);
    expect((await server.callAs(careful.user.key, "POST", `/v1/approvals/${approvalId}/approve`)).status).toBe(200);
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ paid_by: careful.agent.id });
  });

  /** The approval of the user's payment waiting for confirmation (other than `except`), polled until it appears. */
  async function pendingApproval(p: Payer, except: string): Promise<string> {
    for (let attempt = 0; attempt < 400; attempt++) {
      const list = await server.callAs(p.user.key, "GET", "/v1/payments?status=requires_confirmation&limit=100");
      const found = list.json.data.find((x: any) => x.id !== except);
      if (found !== undefined) return found.approval_id;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("no payment waiting for confirmation");
  }

  it("protects a plain Node http server the same way", async () => {
    const unpaid = await fetch(`${nodeUrl}/report`);
    expect(unpaid.status).toBe(402);
    expect(agentPayRequirementsOf(unpaid.headers.get("payment-required"))).toMatchObject({ amount: "200", payTo: shop.id });
    expect((await fetch(`${nodeUrl}/free`)).status).toBe(200);
    const { f, sent } = agentFetch();
    const res = await f(`${nodeUrl}/report`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ url: "/report", paid_by: alice.agent.id });
    expect(res.headers.get("payment-response")).not.toBeNull();
    const replay = await fetch(`${nodeUrl}/report`, { headers: { "payment-signature": sent[1]!.headers.get("payment-signature")! } });
    expect(replay.status).toBe(402);
    expect(rejection(replay)).toBe("receipt_already_used");
    const elsewhere = await fetch(`${nodeUrl}/other`, { headers: { "payment-signature": sent[1]!.headers.get("payment-signature")! } });
    expect(rejection(elsewhere)).toBe("wrong_resource");
  });
});
