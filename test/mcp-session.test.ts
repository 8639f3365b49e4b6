/**
 * A full agent session over MCP, on both transports and both engines: list tools, read the
 * wallet, pay, hit a step-up the user approves over HTTP, poll to success, fetch the receipt;
 * then the merchant refunds over MCP.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { compactVerify, createLocalJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { type Seeded, seedAgent, seedMerchant, seedUser, startServer, type TestServer } from "./http-harness.js";
import { connectMcp, MERCHANT_TOOLS, mcpTransports, ok, PAYER_TOOLS } from "./mcp-harness.js";

const inOneYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
const PUBLIC_URL = "https://pay.example.test";
const POLL_ATTEMPTS_MAX = 50;
const POLL_INTERVAL_MS = 100;

describe.each(engines)("MCP agent and merchant sessions on %s", (engine) => {
  let server: TestServer;
  let alice: Seeded;
  let agent: Seeded;
  let shop: Seeded;
  let mandateId: string;

  beforeAll(async () => {
    server = await startServer(engine);
    alice = await seedUser(server, { name: "Alice", kyc_level: 2 });
    agent = await seedAgent(server, alice);
    shop = await seedMerchant(server);
    const topup = await server.call("POST", "/v1/topups", { amount: 200_000, currency: "CNY" }, { authorization: `Bearer ${alice.key}`, "idempotency-key": "topup-1" });
    expect(topup.status, JSON.stringify(topup.json)).toBe(200);
    const m = await server.callAs(alice.key, "POST", "/v1/mandates", {
      agent_id: agent.id,
      instruction: "Buy my coffee and lunch, at most ¥500 a payment",
      currency: "CNY",
      amount_max: 50_000,
      budget_total: 150_000,
      step_up_threshold: 20_000,
      allowed_merchants: [shop.id],
      not_after: inOneYear(),
    });
    expect(m.status, JSON.stringify(m.json)).toBe(200);
    mandateId = m.json.id;
  });
  afterAll(async () => server.close());

  describe.each(mcpTransports)("over %s", (kind) => {
    // Over stdio the child reads AGENTPAY_PUBLIC_URL; the HTTP test server keeps the default.
    const env = kind === "stdio" ? { AGENTPAY_PUBLIC_URL: `${PUBLIC_URL}/` } : {};
    const publicUrl = kind === "stdio" ? PUBLIC_URL : "http://127.0.0.1:8080";
    const intent = { id: `int_${kind}_lunch`, instruction: "Order my usual lunch from the shop", given_at: new Date().toISOString() };

    it("pays, waits for the user's confirmation, polls to success, and the merchant refunds", async () => {
      const payer = await connectMcp(server, kind, agent.key, env);
      try {
        const { tools } = await payer.listTools();
        expect(tools.map((t) => t.name).sort()).toEqual(PAYER_TOOLS);
        const byName = new Map(tools.map((t) => [t.name, t]));
        expect(byName.get("create_payment")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
        expect(byName.get("get_wallet")?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
        expect(byName.get("cancel_payment")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
        for (const t of tools) expect(t.outputSchema?.type, t.name).toBe("object");
        const createInput = byName.get("create_payment")!.inputSchema as any;
        expect(createInput.required).toEqual(expect.arrayContaining(["amount", "currency", "merchant_id", "order_reference", "intent"]));
        expect(Object.keys(createInput.properties)).not.toContain("idempotency_key");

        const before = await ok(payer, "get_wallet", { currency: "CNY" });
        expect(before.user_id).toBe(alice.id);
        const mandate = before.mandates.find((x: any) => x.mandate_id === mandateId);
        expect(mandate).toMatchObject({ status: "active", step_up_threshold: 20_000 });
        expect((await ok(payer, "list_mandates")).data.map((x: any) => x.id)).toContain(mandateId);

        const pay = { mandate_id: mandateId, merchant_id: shop.id, currency: "CNY", intent };
        const small = await ok(payer, "create_payment", { ...pay, amount: 10_000, order_reference: `${kind}-o-1` });
        expect(small).toMatchObject({ object: "payment", status: "succeeded", amount: 10_000, next_action: null });

        const large = await ok(payer, "create_payment", { ...pay, amount: 25_000, order_reference: `${kind}-o-2`, description: "Lunch for the team" });
        expect(large.status).toBe("requires_confirmation");
        expect(large.next_action).toMatchObject({
          type: "confirm_with_user",
          approval_id: large.approval_id,
          approval_url: `${publicUrl}/approvals/${large.approval_id}`,
        });
        expect(large.next_action.expires_at).toBeGreaterThan(Date.now() / 1000);
        expect((await ok(payer, "get_payment", { payment_id: large.id })).status).toBe("requires_confirmation");

        const approved = await server.callAs(alice.key, "POST", `/v1/approvals/${large.approval_id}/approve`);
        expect(approved.status, JSON.stringify(approved.json)).toBe(200);
        const settled = await pollUntilSettled(payer, large.id);
        expect(settled).toMatchObject({ status: "succeeded", amount_captured: 25_000, next_action: null });

        const receipt = await ok(payer, "get_receipt", { payment_id: large.id });
        const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
        const verified = await compactVerify(receipt.jws, createLocalJWKSet(jwks as any));
        const claims = JSON.parse(new TextDecoder().decode(verified.payload));
        expect(claims.receipt).toMatchObject({ payment_id: large.id, amount: "25000", intent_id: intent.id, order_reference: `${kind}-o-2` });

        const after = await ok(payer, "get_wallet", { currency: "CNY" });
        expect(after.balances[0].available).toBe(before.balances[0].available - 35_000);

        const merchant = await connectMcp(server, kind, shop.key, env);
        try {
          expect((await merchant.listTools()).tools.map((t) => t.name).sort()).toEqual(MERCHANT_TOOLS);
          expect((await ok(merchant, "list_payments", { limit: 100 })).data.map((p: any) => p.id)).toContain(large.id);
          const refundArgs = { payment_id: large.id, amount: 5_000, refund_reference: `${kind}-rma-1`, reason: "one lunch was missing" };
          const refund = await ok(merchant, "refund_payment", refundArgs);
          expect(refund).toMatchObject({ object: "refund", payment_id: large.id, amount: 5_000, status: "succeeded" });
          const again = await ok(merchant, "refund_payment", { ...refundArgs, reason: "reworded: a lunch was not delivered" });
          expect(again.id).toBe(refund.id);
          expect((await ok(merchant, "get_payment", { payment_id: large.id })).amount_refunded).toBe(5_000);
        } finally {
          await merchant.close();
        }
        expect((await ok(payer, "get_wallet", { currency: "CNY" })).balances[0].available).toBe(after.balances[0].available + 5_000);
      } finally {
        await payer.close();
      }
    });
  });
});

async function pollUntilSettled(client: Client, paymentId: string): Promise<any> {
  for (let attempt = 0; attempt < POLL_ATTEMPTS_MAX; attempt++) {
    const p = await ok(client, "get_payment", { payment_id: paymentId });
    if (p.status !== "requires_confirmation") return p;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`payment ${paymentId} still waits for confirmation after ${POLL_ATTEMPTS_MAX} polls`);
}
