/**
 * The 402 tools over MCP, through the official client on both transports and both engines: a
 * merchant creates a payment request with `create_payment_request`; an agent pays it with
 * `pay_payment_request`, whose idempotency key the server derives from the request (a retried or
 * reworded call, or paying over HTTP too, is the same payment); bad arguments are tool errors.
 */
import { compactVerify, createLocalJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { seedMerchant, type Seeded, startServer, type TestServer } from "./http-harness.js";
import { call, connectMcp, mcpTransports, ok } from "./mcp-harness.js";
import { type Payer, payer, walletOf } from "./fixtures/payments-world.js";

describe.each(engines)("402 payment requests over MCP on %s", (engine) => {
  let server: TestServer;
  let shop: Seeded;
  let alice: Payer;

  beforeAll(async () => {
    server = await startServer(engine);
    shop = await seedMerchant(server, { legal_name: "Weather API Ltd" });
    alice = await payer(server, {}, { merchant: shop });
  });
  afterAll(async () => server.close());

  describe.each(mcpTransports)("over %s", (kind) => {
    const intent = { id: `int_${kind}_weather`, instruction: "What's the weather in Hangzhou tomorrow?" };

    it("a merchant requests, an agent pays once with a receipt bound to the request", async () => {
      const merchant = await connectMcp(server, kind, shop.key);
      const agent = await connectMcp(server, kind, alice.agent.key);
      try {
        const tools = new Map((await merchant.listTools()).tools.map((t) => [t.name, t]));
        expect(tools.get("create_payment_request")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
        const payTool = (await agent.listTools()).tools.find((t) => t.name === "pay_payment_request");
        expect(payTool?.annotations).toMatchObject({ destructiveHint: true, idempotentHint: true });
        expect((payTool?.inputSchema as any).required).toEqual(expect.arrayContaining(["request", "mandate_id", "intent"]));
        expect(Object.keys((payTool?.inputSchema as any).properties)).not.toContain("idempotency_key");

        const request = await ok(merchant, "create_payment_request", { amount: 250, currency: "CNY", resource: `/forecast/${kind}`, description: "Forecast" });
        expect(request).toMatchObject({ object: "payment_request", status: "open", merchant_id: shop.id, amount: 250, resource: `/forecast/${kind}` });

        const wallet = await walletOf(server, alice.user.id);
        const args = { request: request.jws, mandate_id: alice.mandateId, intent };
        const paid = await ok(agent, "pay_payment_request", args);
        expect(paid).toMatchObject({
          object: "payment_request_payment",
          payment_request: { id: request.id, status: "paid" },
          payment: { status: "succeeded", amount: 250, order_reference: request.id, next_action: null },
        });
        const jwks = createLocalJWKSet((await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as any);
        const claims = JSON.parse(new TextDecoder().decode((await compactVerify(paid.receipt.jws, jwks)).payload));
        expect(claims.receipt).toMatchObject({ order_reference: request.id, merchant_id: shop.id, amount: "250" });

        // The model retries with reworded words; the agent's HTTP client pays it too: one payment.
        const again = await ok(agent, "pay_payment_request", { ...args, intent: { ...intent, instruction: "weather in Hangzhou please" } });
        expect(again.payment.id).toBe(paid.payment.id);
        const overHttp = await server.callAs(alice.agent.key, "POST", "/v1/payment_requests/pay", args);
        expect(overHttp.json.payment.id).toBe(paid.payment.id);
        expect((await walletOf(server, alice.user.id)).available).toBe(wallet.available - 250n);

        const tampered = await call(agent, "pay_payment_request", { ...args, request: `${request.jws.slice(0, -4)}AAAA` });
        expect(tampered.isError).toBe(true);
        expect(tampered.structured.error).toMatchObject({ code: "validation_error", param: "request" });
        const missing = await call(agent, "pay_payment_request", { request: request.jws, intent });
        expect(missing.structured.error).toMatchObject({ code: "validation_error", param: "mandate_id" });
        const badAmount = await call(merchant, "create_payment_request", { amount: -1, currency: "CNY", resource: "/x" });
        expect(badAmount.structured.error).toMatchObject({ code: "validation_error", param: "amount" });
        // A payer key does not get the merchant tool, nor a merchant key the payer tool.
        await expect(call(agent, "create_payment_request", { amount: 1, currency: "CNY", resource: "/x" })).rejects.toThrow(/Unknown tool/);
        await expect(call(merchant, "pay_payment_request", args)).rejects.toThrow(/Unknown tool/);
      } finally {
        await merchant.close();
        await agent.close();
      }
    });
  });
});
