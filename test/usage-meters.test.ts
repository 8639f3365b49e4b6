import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { type Seeded, seedOperator, startServer, type TestServer } from "./http-harness.js";
import { newType, type Parties, seedParties } from "./usage-fixtures.js";

/** Meters over HTTP: create, read, list, rename and archive; validation; who may touch them. */
describe.each(engines)("meters on %s", (engine) => {
  let server: TestServer;
  let p: Parties;
  let finance: Seeded;
  let support: Seeded;

  beforeAll(async () => {
    server = await startServer(engine, { sweep: false, webhookWorker: false });
    p = await seedParties(server);
    finance = await seedOperator(server, "finance");
    support = await seedOperator(server, "support");
  });
  afterAll(async () => server.close());

  const create = (key: string, body: Record<string, unknown>) => server.callAs(key, "POST", "/v1/meters", { name: "Tokens", ...body });

  it("creates a meter with its definition and defaults, and audits it", async () => {
    const type = newType("llm.tokens");
    const res = await create(p.shop.key, { event_type: type, aggregation: "sum", value_property: "tokens", value_scale_digits: 2, group_by: ["model"], metadata: { team: "ai" } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      object: "meter",
      merchant_id: p.shop.id,
      name: "Tokens",
      event_type: type,
      aggregation: "sum",
      value_property: "tokens",
      value_scale_digits: 2,
      group_by: ["model"],
      outcome_based: false,
      dispute_window_s: null,
      status: "active",
      metadata: { team: "ai" },
    });
    expect(res.json.id).toMatch(/^mtr_[0-9a-z]{26}$/);
    const got = await server.callAs(p.shop.key, "GET", `/v1/meters/${res.json.id}`);
    expect(got.json).toEqual(res.json);
    const audit = await server.runtime.database.db.selectFrom("audit_events").select(["action", "actor_id"]).where("object_id", "=", res.json.id).execute();
    expect(audit).toEqual([{ action: "meter.created", actor_id: p.shop.id }]);
  });

  it("refuses definitions that cannot work, and a second meter of one event type", async () => {
    const type = newType("calls");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ event_type: type, aggregation: "sum" }, "value_property"],
      [{ event_type: type, aggregation: "count", value_property: "n" }, "value_property"],
      [{ event_type: type, aggregation: "max", value_property: "n", outcome_based: true }, "outcome_based"],
      [{ event_type: type, aggregation: "unique_count", value_property: "u", dispute_window_s: 60 }, "dispute_window_s"],
      [{ event_type: "has space", aggregation: "count" }, "event_type"],
      [{ event_type: type, aggregation: "median" }, "aggregation"],
      [{ event_type: type, aggregation: "count", group_by: ["a", "a"] }, "group_by"],
      [{ event_type: type, aggregation: "count", value_scale_digits: 7 }, "value_scale_digits"],
      [{ event_type: type, aggregation: "count", dispute_window_s: 365 * 86_400 }, "dispute_window_s"],
    ];
    for (const [body, param] of cases) {
      const res = await create(p.shop.key, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toMatchObject({ code: "validation_error", param });
    }
    expect((await create(p.shop.key, { event_type: type, aggregation: "count" })).status).toBe(200);
    const again = await create(p.shop.key, { event_type: type, aggregation: "count" });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "conflict", param: "event_type" });
    // Event types are per merchant: another merchant may use the same one.
    expect((await create(p.otherShop.key, { event_type: type, aggregation: "count" })).status).toBe(200);
  });

  it("renames, archives and reactivates, but never changes what a meter counts", async () => {
    const meter = (await create(p.shop.key, { event_type: newType("calls"), aggregation: "count" })).json;
    const renamed = await server.callAs(p.shop.key, "POST", `/v1/meters/${meter.id}`, { name: "API calls", status: "archived" });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    expect(renamed.json).toMatchObject({ name: "API calls", status: "archived", aggregation: "count" });
    expect((await server.callAs(p.shop.key, "POST", `/v1/meters/${meter.id}`, { status: "active" })).json.status).toBe("active");
    const change = await server.callAs(p.shop.key, "POST", `/v1/meters/${meter.id}`, { aggregation: "sum" });
    expect(change.status).toBe(400);
    const audit = await server.runtime.database.db.selectFrom("audit_events").select("action").where("object_id", "=", meter.id).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["meter.created", "meter.archived", "meter.reactivated"]);
  });

  it("lists a merchant's own meters, newest first, page by page", async () => {
    const a = (await create(p.otherShop.key, { event_type: newType("a"), aggregation: "count" })).json;
    const b = (await create(p.otherShop.key, { event_type: newType("b"), aggregation: "count" })).json;
    const page = await server.callAs(p.otherShop.key, "GET", "/v1/meters?limit=1");
    expect(page.json).toMatchObject({ object: "list", has_more: true });
    expect(page.json.data.map((m: any) => m.id)).toEqual([b.id]);
    const next = await server.callAs(p.otherShop.key, "GET", `/v1/meters?limit=100&starting_after=${b.id}`);
    expect(next.json.data.map((m: any) => m.id)).toContain(a.id);
    expect(next.json.data.every((m: any) => m.merchant_id === p.otherShop.id)).toBe(true);
    const mine = await server.callAs(p.shop.key, "GET", "/v1/meters?limit=100");
    expect(mine.json.data.some((m: any) => m.merchant_id !== p.shop.id)).toBe(false);
    const byOperator = await server.callAs(support.key, "GET", `/v1/meters?merchant_id=${p.otherShop.id}&limit=100`);
    expect(byOperator.json.data.map((m: any) => m.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it("keeps meters to their merchant: others get 404, payers 403; finance may manage any merchant's", async () => {
    const meter = (await create(p.shop.key, { event_type: newType("calls"), aggregation: "count" })).json;
    expect((await server.callAs(p.otherShop.key, "GET", `/v1/meters/${meter.id}`)).status).toBe(404);
    expect((await server.callAs(p.otherShop.key, "POST", `/v1/meters/${meter.id}`, { status: "archived" })).status).toBe(404);
    for (const key of [p.user.key, p.agent.key]) {
      expect((await server.callAs(key, "GET", `/v1/meters/${meter.id}`)).status).toBe(403);
      expect((await server.callAs(key, "GET", "/v1/meters")).status).toBe(403);
      expect((await create(key, { event_type: newType("x"), aggregation: "count" })).status).toBe(403);
    }
    expect((await create(p.shop.key, { event_type: newType("x"), aggregation: "count", merchant_id: p.otherShop.id })).status).toBe(403);
    expect((await create(support.key, { event_type: newType("x"), aggregation: "count", merchant_id: p.shop.id })).status).toBe(403);
    expect((await server.callAs(support.key, "GET", `/v1/meters/${meter.id}`)).status).toBe(200);
    const missing = await create(finance.key, { event_type: newType("x"), aggregation: "count" });
    expect(missing.json.error).toMatchObject({ code: "validation_error", param: "merchant_id" });
    const forShop = await create(finance.key, { event_type: newType("x"), aggregation: "count", merchant_id: p.shop.id });
    expect(forShop.json.merchant_id).toBe(p.shop.id);
    expect((await server.callAs(finance.key, "POST", `/v1/meters/${meter.id}`, { name: "Renamed by finance" })).json.name).toBe("Renamed by finance");
  });
});
