/**
 * The payer's subscription tools over MCP (both transports, both engines): subscribe with a
 * server-derived key (a retried call finds the same subscription and charges once), list, and
 * cancel; the tools say they move money, and another agent's subscription stays out of reach.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { type Seeded, seedAgent, startServer, type TestServer } from "./http-harness.js";
import { call, connectMcp, mcpTransports, ok } from "./mcp-harness.js";
import { walletOf } from "./fixtures/payments-world.js";
import { merchant, meter, party, type Party, paymentsOf, plan } from "./subscriptions-world.js";

describe.each(engines)("subscription tools over MCP on %s", (engine) => {
  let server: TestServer;
  let shop: Seeded;
  let pro: any;

  beforeAll(async () => {
    server = await startServer(engine, { billingWorker: false, webhookWorker: false });
    shop = await merchant(server);
    const calls = await meter(server, shop);
    pro = await plan(server, shop, { flat_fee: "10", charges: [{ meter_id: calls.id, price: { model: "per_unit", unit_price: "0.01" } }] });
  });
  afterAll(async () => server.close());

  describe.each(mcpTransports)("over %s", (kind) => {
    let p: Party;

    beforeAll(async () => {
      p = await party(server);
    });

    it("subscribes once however often the call is repeated, lists and cancels", async () => {
      const agent = await connectMcp(server, kind, p.agent.key);
      try {
        const { tools } = await agent.listTools();
        const byName = new Map(tools.map((t) => [t.name, t]));
        expect(byName.get("subscribe")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
        expect(byName.get("subscribe")?.description).toContain("MOVES MONEY");
        expect(byName.get("list_subscriptions")?.annotations).toMatchObject({ readOnlyHint: true });
        const args = {
          mandate_id: p.mandateId,
          plan_id: pro.id,
          intent: { id: `int_${kind}`, instruction: "Subscribe me to the Pro API plan" },
        };
        const sub = await ok(agent, "subscribe", args);
        expect(sub).toMatchObject({ object: "subscription", status: "active", plan_id: pro.id, next_action: null });
        // A retry, even reworded, is the same subscription: the key is derived from agent, intent, plan and mandate.
        const again = await ok(agent, "subscribe", { ...args, intent: { ...args.intent, instruction: "please subscribe me to Pro" } });
        expect(again.id).toBe(sub.id);
        expect(await paymentsOf(server, sub.id)).toHaveLength(1);
        expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n - 1_000n, held: 0n });

        const list = await ok(agent, "list_subscriptions", {});
        expect(list.data.map((s: any) => s.id)).toEqual([sub.id]);

        const canceled = await ok(agent, "cancel_subscription", { subscription_id: sub.id, at_period_end: true });
        expect(canceled).toMatchObject({ id: sub.id, status: "active", cancel_at_period_end: true, cancel_reason: "requested_by_agent" });
      } finally {
        await agent.close();
      }
    });

    // Tool errors do not depend on the transport (one handler serves both; the first test runs
    // the tools over stdio too): this one runs over HTTP only, sparing two child-process start-ups.
    if (kind !== "http") return;

    it("answers a refused subscription and another agent's subscription as tool errors", async () => {
      const agent = await connectMcp(server, kind, p.agent.key);
      const other = await seedAgent(server, p.user);
      const stranger = await connectMcp(server, kind, other.key);
      try {
        const weekly = await plan(server, shop, { interval: "week", flat_fee: "1" });
        const refused = await call(agent, "subscribe", { mandate_id: p.mandateId, plan_id: weekly.id, intent: { id: "int_w", instruction: "weekly" } });
        expect(refused.isError).toBe(true);
        expect(refused.structured.error).toMatchObject({ code: "validation_error", param: "mandate_id" });
        const [mine] = (await ok(agent, "list_subscriptions", {})).data;
        const foreign = await call(stranger, "cancel_subscription", { subscription_id: mine.id });
        expect(foreign.isError).toBe(true);
        expect(foreign.structured.error.code).toBe("not_found");
        expect((await ok(stranger, "list_subscriptions", {})).data).toEqual([]);
      } finally {
        await agent.close();
        await stranger.close();
      }
    });
  });
});
