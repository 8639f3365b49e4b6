/**
 * What MCP must refuse or repeat, on both transports and both engines: a retried payment is the
 * same payment (money moves once), a decline is a tool error and stays one until retried with
 * `retry_of` after the cause is fixed, a payer key cannot reach merchant tools, malformed
 * arguments are tool errors, and a revoked key stops at once.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MCP_SETTINGS, loadMcpSettings, MCP_TOOL_NAMES, paymentKey } from "../src/mcp/index.js";
import { engines } from "./harness.js";
import { type Seeded, seedAgent, seedMerchant, seedUser, startServer, type TestServer } from "./http-harness.js";
import { call, connectMcp, type McpTransportKind, mcpTransports, ok } from "./mcp-harness.js";

const inOneYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

describe.each(engines)("MCP guards on %s", (engine) => {
  let server: TestServer;
  let alice: Seeded;
  let agent: Seeded;
  let shop: Seeded;
  let mandateId: string;
  const clients: Client[] = [];
  const connect = async (kind: McpTransportKind, key: string, env: Record<string, string> = {}) => {
    const client = await connectMcp(server, kind, key, env);
    clients.push(client);
    return client;
  };
  const available = async () => (await server.callAs(alice.key, "GET", "/v1/wallet?currency=CNY")).json.balances[0].available as number;

  beforeAll(async () => {
    server = await startServer(engine);
    alice = await seedUser(server, { name: "Alice", kyc_level: 2 });
    agent = await seedAgent(server, alice);
    shop = await seedMerchant(server);
    const topup = await server.call("POST", "/v1/topups", { amount: 100_000, currency: "CNY" }, { authorization: `Bearer ${alice.key}`, "idempotency-key": "topup-1" });
    expect(topup.status, JSON.stringify(topup.json)).toBe(200);
    const m = await server.callAs(alice.key, "POST", "/v1/mandates", {
      agent_id: agent.id,
      instruction: "Pay for my cloud storage",
      currency: "CNY",
      amount_max: 5_000,
      allowed_merchants: [shop.id],
      not_after: inOneYear(),
    });
    expect(m.status, JSON.stringify(m.json)).toBe(200);
    mandateId = m.json.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  describe.each(mcpTransports)("over %s", (kind) => {
    const intent = { id: `int_${kind}_storage`, instruction: "Renew my cloud storage" };
    const pay = (extra: Record<string, unknown>) => ({ mandate_id: mandateId, merchant_id: shop.id, currency: "CNY", intent, ...extra });
    let payer: Client;
    let merchant: Client;
    beforeAll(async () => {
      [payer, merchant] = await Promise.all([connect(kind, agent.key), connect(kind, shop.key)]);
    });

    it("returns the same payment for a retried call, even reworded, and moves the money once", async () => {
      const before = await available();
      const first = await ok(payer, "create_payment", pay({ amount: 1_000, order_reference: `${kind}-storage-1`, description: "Cloud storage, 1 month" }));
      const retried = await ok(payer, "create_payment", pay({ amount: 1_000, order_reference: `${kind}-storage-1`, description: "Renewal of the cloud storage plan" }));
      expect(retried.id).toBe(first.id);
      expect(retried.status).toBe("succeeded");
      expect(await available()).toBe(before - 1_000);
      const stored = await server.callAs(agent.key, "GET", `/v1/payments/${first.id}`);
      expect(stored.json).toMatchObject({ order_reference: `${kind}-storage-1`, intent: { id: intent.id } });
    });

    it("answers a decline as a tool error with its code, the same on retry, until retried with retry_of after the fix", async () => {
      const args = pay({ amount: 2_000, order_reference: `${kind}-storage-2` });
      expect((await server.callAs(alice.key, "POST", `/v1/mandates/${mandateId}/pause`)).status).toBe(200);
      const declined = await call(payer, "create_payment", args);
      expect(declined.isError).toBe(true);
      expect(declined.structured.error).toMatchObject({ type: "payment_error", code: "payment_declined", decline_code: "mandate_paused" });
      expect(declined.structured.error.payment.status).toBe("declined");
      expect(declined.text).toContain("mandate_paused");
      const declinedId = declined.structured.error.payment.id;

      expect((await server.callAs(alice.key, "POST", `/v1/mandates/${mandateId}/resume`)).status).toBe(200);
      const same = await call(payer, "create_payment", args);
      expect(same.structured.error.payment.id).toBe(declinedId);

      const before = await available();
      const retry = await ok(payer, "create_payment", { ...args, retry_of: declinedId });
      expect(retry.status).toBe("succeeded");
      expect(retry.id).not.toBe(declinedId);
      expect((await ok(payer, "create_payment", { ...args, retry_of: declinedId })).id).toBe(retry.id);
      const retryOfPaid = await call(payer, "create_payment", { ...args, retry_of: retry.id });
      expect(retryOfPaid.structured.error).toMatchObject({ code: "conflict", param: "retry_of" });
      const otherOrder = await call(payer, "create_payment", { ...args, order_reference: `${kind}-storage-3`, retry_of: declinedId });
      expect(otherOrder.structured.error).toMatchObject({ code: "validation_error", param: "retry_of" });
      expect(await available()).toBe(before - 2_000);
    });

    it("keeps merchant tools from a payer key and payer tools from a merchant key", async () => {
      const names = (await payer.listTools()).tools.map((t) => t.name);
      expect(names).not.toContain("capture_payment");
      expect(names).not.toContain("refund_payment");
      const paid = (await ok(payer, "list_payments", { status: "succeeded" })).data[0];
      await expect(call(payer, "refund_payment", { payment_id: paid.id, refund_reference: "steal" })).rejects.toThrow(/Unknown tool 'refund_payment'/);
      await expect(call(payer, "capture_payment", { payment_id: paid.id })).rejects.toThrow(/Unknown tool/);
      expect((await server.callAs(agent.key, "GET", `/v1/payments/${paid.id}`)).json.amount_refunded).toBe(0);

      await expect(call(merchant, "create_payment", pay({ amount: 1_000, order_reference: "merchant-pays" }))).rejects.toThrow(/Unknown tool/);
      await expect(call(merchant, "get_wallet")).rejects.toThrow(/Unknown tool/);
    });

    it("answers malformed arguments with tool errors naming the argument", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [pay({ amount: -5, order_reference: "bad-1" }), "amount"],
        [pay({ amount: "1000", order_reference: "bad-2" }), "amount"],
        [pay({ amount: 12.5, order_reference: "bad-3" }), "amount"],
        [pay({ amount: 1_000, currency: "cny", order_reference: "bad-4" }), "currency"],
        [pay({ amount: 1_000 }), "order_reference"],
        [{ ...pay({ amount: 1_000, order_reference: "bad-6" }), intent: { id: "int_x" } }, "intent.instruction"],
        [pay({ amount: 1_000, order_reference: "bad-7", idempotency_key: "model-made" }), "idempotency_key"],
      ];
      for (const [args, param] of cases) {
        const result = await call(payer, "create_payment", args);
        expect(result.isError, param).toBe(true);
        expect(result.structured.error, param).toMatchObject({ type: "invalid_request_error", code: "validation_error", param });
      }
      const missing = await call(payer, "get_payment", { payment_id: "pay_nope" });
      expect(missing.structured.error).toMatchObject({ code: "not_found" });
      const tooBig = await call(payer, "create_payment", pay({ amount: 6_000, order_reference: `${kind}-too-big` }));
      expect(tooBig.structured.error).toMatchObject({ code: "payment_declined", decline_code: "amount_above_range" });
    });

    it("stops a revoked key at its next request", async () => {
      const created = await server.call("POST", "/v1/keys", { principal: agent.id, name: "revoke me" });
      expect(created.status).toBe(200);
      const revocable = await connect(kind, created.json.secret);
      await ok(revocable, "get_wallet");
      expect((await server.call("POST", `/v1/keys/${created.json.id}/revoke`)).status).toBe(200);
      await expect(call(revocable, "get_wallet")).rejects.toThrow(/revoked/);
    });
  });

  it("narrows the tools to AGENTPAY_MCP_TOOLS (stdio)", async () => {
    const payer = await connect("stdio", agent.key, { AGENTPAY_MCP_TOOLS: "get_wallet, get_payment" });
    expect((await payer.listTools()).tools.map((t) => t.name).sort()).toEqual(["get_payment", "get_wallet"]);
    await expect(call(payer, "create_payment", pay0())).rejects.toThrow(/Unknown tool/);
  });

  it("refuses keys MCP has no tools for (HTTP 403, stdio does not start) and requests without a key", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
    expect((await post({})).status).toBe(401);
    const asUser = await post({ authorization: `Bearer ${alice.key}` });
    expect(asUser.status).toBe(403);
    expect(((await asUser.json()) as any).error.code).toBe("forbidden");
    await expect(connectMcp(server, "stdio", alice.key, {}, "ignore")).rejects.toThrow();
  });

  function pay0() {
    return { mandate_id: mandateId, merchant_id: shop.id, currency: "CNY", amount: 1_000, order_reference: "narrowed", intent: { id: "i", instruction: "x" } };
  }
});

describe("MCP settings and keys", () => {
  it("rejects unknown tool names and bad public URLs at start-up", () => {
    expect(loadMcpSettings({}, MCP_TOOL_NAMES)).toEqual(DEFAULT_MCP_SETTINGS);
    expect(() => loadMcpSettings({ AGENTPAY_MCP_TOOLS: "get_wallet,send_all_money" }, MCP_TOOL_NAMES)).toThrow(/send_all_money/);
    expect(() => loadMcpSettings({ AGENTPAY_PUBLIC_URL: "ftp://x" }, MCP_TOOL_NAMES)).toThrow(/AGENTPAY_PUBLIC_URL/);
  });

  it("derives a payment key from what identifies the purchase, and nothing else", () => {
    const parts = { agentId: "agt_1", intentId: "int_1", merchantId: "mer_1", orderReference: "o-1", amount: 100, currency: "CNY", retryOf: null };
    const key = paymentKey(parts);
    expect(key).toMatch(/^mcp:[0-9a-f]{64}$/);
    expect(paymentKey({ ...parts })).toBe(key);
    for (const change of [{ agentId: "agt_2" }, { intentId: "int_2" }, { merchantId: "mer_2" }, { orderReference: "o-2" }, { amount: 101 }, { currency: "USD" }, { retryOf: "pay_1" }]) {
      expect(paymentKey({ ...parts, ...change })).not.toBe(key);
    }
    // Joining with a separator would make these two collide; the derived key does not.
    expect(paymentKey({ ...parts, intentId: "a:b", merchantId: "c" })).not.toBe(paymentKey({ ...parts, intentId: "a", merchantId: "b:c" }));
  });
});
