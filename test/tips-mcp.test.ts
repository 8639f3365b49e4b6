/**
 * The `send_tip` tool through the official MCP client, on both transports and both engines: it
 * is a money-moving payer tool (never a merchant's), a retried call — even with a reworded
 * message — is the same tip, declines are tool errors with the HTTP decline codes and stay so
 * until retried with `retry_of` after the cause is gone, and bad arguments name the argument.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { seedMerchant, type Seeded, startServer, type TestServer } from "./http-harness.js";
import { call, connectMcp, type McpTransportKind, mcpTransports, ok } from "./mcp-harness.js";
import { merchantOf, type Payer, payer, topUp, walletOf } from "./fixtures/payments-world.js";

const TIPS = { per_recipient_day_max: 1_000, day_max: 5_000 };

describe.each(engines)("send_tip over MCP on %s", (engine) => {
  let server: TestServer;
  let creator: Seeded;
  const clients: Client[] = [];
  const connect = async (kind: McpTransportKind, key: string) => {
    const client = await connectMcp(server, kind, key);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startServer(engine);
    creator = await seedMerchant(server, { legal_name: "Skill Author", category: "creator" });
  });
  afterAll(async () => server.close());

  describe.each(mcpTransports)("over %s", (kind) => {
    const intent = { id: `int_${kind}_tip`, instruction: "Tip the author of the translate skill five yuan" };
    const args = (p: Payer, extra: Record<string, unknown> = {}) => ({
      mandate_id: p.mandateId,
      recipient: creator.id,
      amount: 500,
      currency: "CNY",
      intent,
      reference: `skill:translate:${kind}`,
      ...extra,
    });

    // Parties are seeded before any client connects: over stdio a second process then writes to
    // the same SQLite file, and seeding is kept out of its way (see the report on multi-process SQLite).
    const world = {} as Record<"tool" | "once" | "declines" | "plain" | "retry" | "bad", Payer>;
    beforeAll(async () => {
      for (const name of ["tool", "once", "declines", "retry", "bad"] as const) {
        world[name] = await payer(server, { tips: TIPS }, { merchant: creator, ...(name === "retry" ? { topUp: 0 } : {}) });
      }
      world.plain = await payer(server, {}, { merchant: creator });
    });
    afterAll(async () => {
      await Promise.all(clients.splice(0).map((c) => c.close()));
    });

    it("is a money-moving payer tool whose key the server derives", async () => {
      const p = world.tool;
      const agent = await connect(kind, p.agent.key);
      const tool = (await agent.listTools()).tools.find((t) => t.name === "send_tip");
      expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false });
      expect(tool?.description).toMatch(/^MOVES MONEY/);
      expect((tool?.inputSchema as any).required).toEqual(expect.arrayContaining(["mandate_id", "recipient", "amount", "currency", "intent"]));
      expect(Object.keys((tool?.inputSchema as any).properties)).not.toContain("idempotency_key");
      const merchant = await connect(kind, creator.key);
      expect((await merchant.listTools()).tools.map((t) => t.name)).not.toContain("send_tip");
      await expect(call(merchant, "send_tip", args(p))).rejects.toThrow(/Unknown tool/);
    });

    it("tips once: a retry with a reworded message is the same tip, and the creator reads the first message", async () => {
      const p = world.once;
      const agent = await connect(kind, p.agent.key);
      const creatorBefore = await merchantOf(server, creator.id);
      const first = await call(agent, "send_tip", args(p, { message: "Your skill saved my day" }));
      expect(first.isError, first.text).toBe(false);
      expect(first.structured).toMatchObject({ object: "payment", purpose: "tip", status: "succeeded", amount: 500, next_action: null });
      expect(first.text).toContain("Tipped CNY 5.00");
      const retried = await ok(agent, "send_tip", args(p, { message: "Thanks, your skill saved my day!" }));
      expect(retried.id).toBe(first.structured.id);
      expect(retried.tip_message).toBe("Your skill saved my day");
      expect(await walletOf(server, p.user.id)).toEqual({ available: 999_500n, held: 0n });
      expect(await merchantOf(server, creator.id)).toEqual({ balance: creatorBefore.balance + 495n, pending: 0n });
      const seen = await server.callAs(creator.key, "GET", `/v1/payments/${first.structured.id}`);
      expect(seen.json).toMatchObject({ purpose: "tip", tip_message: "Your skill saved my day" });
      const other = await ok(agent, "send_tip", args(p, { reference: `skill:summarise:${kind}` }));
      expect(other.id).not.toBe(first.structured.id);
    });

    // Declines, retries and bad arguments do not depend on the transport (one tool handler serves
    // both, and mcp-session covers stdio end to end): they run over HTTP only, which keeps three
    // child-process start-ups per engine out of the suite's time.
    if (kind !== "http") return;

    it("answers declines as tool errors with their codes", async () => {
      const p = world.declines;
      const agent = await connect(kind, p.agent.key);
      await ok(agent, "send_tip", args(p, { amount: 800 }));
      const over = await call(agent, "send_tip", args(p, { amount: 300, reference: "second" }));
      expect(over.isError).toBe(true);
      expect(over.structured.error).toMatchObject({ type: "payment_error", code: "payment_declined", decline_code: "over_tip_cap_recipient" });
      expect(over.structured.error.payment).toMatchObject({ purpose: "tip", status: "declined" });
      expect(over.text).toContain("over_tip_cap_recipient");

      const plain = world.plain;
      const plainAgent = await connect(kind, plain.agent.key);
      const refused = await call(plainAgent, "send_tip", args(plain));
      expect(refused.structured.error).toMatchObject({ code: "payment_declined", decline_code: "tips_not_allowed", param: "mandate_id" });
      const foreign = await call(plainAgent, "send_tip", args(p));
      expect(foreign.structured.error).toMatchObject({ code: "not_found", param: "mandate_id" });
      expect(await walletOf(server, plain.user.id)).toEqual({ available: 1_000_000n, held: 0n });
      expect(await walletOf(server, p.user.id)).toEqual({ available: 999_200n, held: 0n });
    });

    it("keeps a decline until retried with retry_of once the cause is gone", async () => {
      const p = world.retry;
      const agent = await connect(kind, p.agent.key);
      const declined = await call(agent, "send_tip", args(p));
      expect(declined.structured.error).toMatchObject({ decline_code: "insufficient_funds" });
      const declinedId = declined.structured.error.payment.id;
      await topUp(server, p.user, 10_000);
      const same = await call(agent, "send_tip", args(p));
      expect(same.structured.error.payment.id).toBe(declinedId);

      const retry = await ok(agent, "send_tip", args(p, { retry_of: declinedId }));
      expect(retry).toMatchObject({ status: "succeeded", purpose: "tip" });
      expect((await ok(agent, "send_tip", args(p, { retry_of: declinedId }))).id).toBe(retry.id);
      const ofPaid = await call(agent, "send_tip", args(p, { retry_of: retry.id }));
      expect(ofPaid.structured.error).toMatchObject({ code: "conflict", param: "retry_of" });
      const otherTip = await call(agent, "send_tip", args(p, { amount: 600, retry_of: declinedId }));
      expect(otherTip.structured.error).toMatchObject({ code: "validation_error", param: "retry_of" });
      expect(await walletOf(server, p.user.id)).toEqual({ available: 9_500n, held: 0n });
    });

    it("answers malformed arguments with tool errors naming the argument", async () => {
      const p = world.bad;
      const agent = await connect(kind, p.agent.key);
      const cases: [Record<string, unknown>, string][] = [
        [args(p, { amount: 0 }), "amount"],
        [args(p, { amount: "500" }), "amount"],
        [args(p, { message: "m".repeat(281) }), "message"],
        [args(p, { message: "Tip the author of the translate skill five yuan, please" }), "message"],
        [{ ...args(p), intent: { id: "int_x" } }, "intent.instruction"],
        [args(p, { idempotency_key: "model-made" }), "idempotency_key"],
      ];
      for (const [input, param] of cases) {
        const result = await call(agent, "send_tip", input);
        expect(result.isError, param).toBe(true);
        expect(result.structured.error, param).toMatchObject({ code: "validation_error", param });
      }
      const nobody = await call(agent, "send_tip", args(p, { recipient: "mer_nobody" }));
      expect(nobody.structured.error).toMatchObject({ code: "not_found", param: "recipient" });
      expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n, held: 0n });
    });
  });
});
