import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { engines } from "./harness.js";
import { startServer, type TestServer } from "./http-harness.js";
import { call, connectMcp, mcpTransports, ok } from "./mcp-harness.js";
import { createMeter, DAY_MS, insertSubscription, newType, type Parties, seedParties } from "./usage-fixtures.js";

/** The merchant's usage tools over MCP: report_usage and get_usage, on both transports. */
describe.each(engines)("usage over MCP on %s", (engine) => {
  let server: TestServer;
  let p: Parties;

  beforeAll(async () => {
    // Over stdio the child process keeps its own (system) clock: periods are set around now.
    server = await startServer(engine, { sweep: false, webhookWorker: false, clock: new ManualClock(Date.now()) });
    p = await seedParties(server);
  });
  afterAll(async () => server.close());

  describe.each(mcpTransports)("over %s", (kind) => {
    it("reports usage exactly once, reads it back, and says when the reservation is used up", async () => {
      const type = newType("search");
      const meter = await createMeter(server, p.shop.key, { event_type: type, aggregation: "count" });
      const nowMs = Date.now();
      const sub = await insertSubscription(server.runtime.database, {
        merchantId: p.shop.id,
        userId: p.user.id,
        agentId: p.agent.id,
        chargingMode: "reserve",
        reservedFine: 3_000_000n,
        periodStartMs: nowMs - DAY_MS,
        periodEndMs: nowMs + 29 * DAY_MS,
        charges: [{ meter_id: meter.id, price: { model: "per_unit", unit_price: "0.01" } }],
      });
      const merchant = await connectMcp(server, kind, p.shop.key);
      try {
        const tools = new Map((await merchant.listTools()).tools.map((t) => [t.name, t]));
        expect(tools.get("report_usage")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true });
        expect(tools.get("get_usage")?.annotations).toMatchObject({ readOnlyHint: true });
        const events = [
          { id: "q1", subscription_id: sub, type },
          { id: "q2", subscription_id: sub, type },
        ];
        const first = await ok(merchant, "report_usage", { events });
        expect(first).toMatchObject({ object: "usage_batch", accepted: 2, duplicates: 0, rejected: 0 });
        const retried = await call(merchant, "report_usage", { events: [...events, { id: "q3", subscription_id: sub, type }, { id: "q4", subscription_id: sub, type }] });
        expect(retried.structured).toMatchObject({ accepted: 1, duplicates: 2, rejected: 1 });
        expect(retried.text).toContain("insufficient_reservation");
        const refused = await call(merchant, "report_usage", { events: [{ id: "q5", subscription_id: sub, type }] });
        expect(refused.isError).toBe(true);
        expect(refused.structured.error.code).toBe("insufficient_reservation");
        const usage = await ok(merchant, "get_usage", { subscription_id: sub });
        expect(usage).toMatchObject({ object: "subscription_usage", current: true, reservation: { reserved: "0.03", consumed: "0.03" } });
        expect(usage.meters[0]).toMatchObject({ meter_id: meter.id, quantity: 3 });
        const bad = await call(merchant, "report_usage", { events: [] });
        expect(bad.isError).toBe(true);
        expect(bad.structured.error.code).toBe("validation_error");
      } finally {
        await merchant.close();
      }
    });

  });

  // The toolset and object checks do not depend on the transport (one registry, one use case).
  describe("over http", () => {
    const kind = "http" as const;
    it("keeps usage tools from agents, and other merchants' subscriptions from a merchant", async () => {
      const type = newType("search");
      const meter = await createMeter(server, p.shop.key, { event_type: type, aggregation: "count" });
      const sub = await insertSubscription(server.runtime.database, {
        merchantId: p.shop.id,
        userId: p.user.id,
        agentId: p.agent.id,
        periodStartMs: Date.now() - DAY_MS,
        periodEndMs: Date.now() + 29 * DAY_MS,
        charges: [{ meter_id: meter.id }],
      });
      const agent = await connectMcp(server, kind, p.agent.key);
      try {
        const names = (await agent.listTools()).tools.map((t) => t.name);
        expect(names).not.toContain("report_usage");
        expect(names).not.toContain("get_usage");
      } finally {
        await agent.close();
      }
      const other = await connectMcp(server, kind, p.otherShop.key);
      try {
        const reported = await ok(other, "report_usage", { events: [{ id: "o1", subscription_id: sub, type }] });
        expect(reported.results[0].error.code).toBe("subscription_not_found");
        const read = await call(other, "get_usage", { subscription_id: sub });
        expect(read.isError).toBe(true);
        expect(read.structured.error.code).toBe("not_found");
      } finally {
        await other.close();
      }
    });
  });
});

