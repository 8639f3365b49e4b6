/**
 * Webhook endpoints over HTTP: the happy path of every route, Stripe-like objects and lists,
 * secrets shown only at creation and rotation, audit events for every change, the
 * authorisation matrix (another owner gets 404, agents and non-admin operators 403), and bad
 * input refused with 400 and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { type Seeded, seedAgent, seedMerchant, seedOperator, seedUser, startServer, type TestServer } from "./http-harness.js";

const URL_OK = "http://127.0.0.1:9/hooks";

describe.each(engines)("webhook endpoints over HTTP on %s", (engine) => {
  let server: TestServer;
  let shop: Seeded;
  let otherShop: Seeded;
  let alice: Seeded;
  let bob: Seeded;
  let agent: Seeded;
  let admin: Seeded;
  let support: Seeded;
  let endpoint: any;

  const counts = async () => {
    const db = server.runtime.database.db;
    const [endpoints, audit] = await Promise.all([
      db.selectFrom("webhook_endpoints").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
      db.selectFrom("audit_events").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { endpoints: Number(endpoints.n), audit: Number(audit.n) };
  };
  const auditOf = async (id: string) =>
    server.runtime.database.db.selectFrom("audit_events").selectAll().where("object_id", "=", id).orderBy("seq").execute();

  beforeAll(async () => {
    // The worker is not needed here; these endpoints point nowhere.
    server = await startServer(engine, { webhookWorker: false });
    shop = await seedMerchant(server);
    otherShop = await seedMerchant(server, { legal_name: "Other Shop Ltd" });
    alice = await seedUser(server, { name: "Alice" });
    bob = await seedUser(server, { name: "Bob" });
    agent = await seedAgent(server, alice);
    admin = await seedOperator(server, "admin");
    support = await seedOperator(server, "support");
  });
  afterAll(async () => server.close());

  it("registers an endpoint, shows its secret once, and audits it", async () => {
    const res = await server.callAs(shop.key, "POST", "/v1/webhook_endpoints", {
      url: URL_OK,
      enabled_events: ["payment.succeeded", "payment.refunded"],
      description: "orders service",
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const { secret, ...shown } = res.json;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(shown).toEqual({
      id: expect.stringMatching(/^whe_/),
      object: "webhook_endpoint",
      owner: shop.id,
      owner_type: "merchant",
      url: URL_OK,
      description: "orders service",
      enabled_events: ["payment.succeeded", "payment.refunded"],
      status: "enabled",
      consecutive_failures: 0,
      created: expect.any(Number),
      updated: expect.any(Number),
    });
    endpoint = shown;
    const got = await server.callAs(shop.key, "GET", `/v1/webhook_endpoints/${endpoint.id}`);
    expect(got.json).toEqual(endpoint);
    const list = await server.callAs(shop.key, "GET", "/v1/webhook_endpoints");
    expect(list.json).toEqual({ object: "list", data: [endpoint], has_more: false });
    const [created] = await auditOf(endpoint.id);
    expect(created).toMatchObject({ action: "webhook_endpoint.created", actor_type: "merchant", actor_id: shop.id, after_status: "enabled" });
    expect(created!.data).not.toContain(secret);
  });

  it("updates, disables and re-enables, each change audited; an unchanged update writes nothing", async () => {
    const upd = await server.callAs(shop.key, "POST", `/v1/webhook_endpoints/${endpoint.id}`, { enabled_events: ["*"], description: null });
    expect(upd.status, JSON.stringify(upd.json)).toBe(200);
    expect(upd.json).toMatchObject({ enabled_events: ["*"], description: null, status: "enabled" });
    const off = await server.callAs(shop.key, "POST", `/v1/webhook_endpoints/${endpoint.id}`, { status: "disabled" });
    expect(off.json.status).toBe("disabled");
    const before = await counts();
    const same = await server.callAs(shop.key, "POST", `/v1/webhook_endpoints/${endpoint.id}`, { status: "disabled" });
    expect(same.json.status).toBe("disabled");
    expect(await counts()).toEqual(before);
    const on = await server.callAs(shop.key, "POST", `/v1/webhook_endpoints/${endpoint.id}`, { status: "enabled" });
    expect(on.json.status).toBe("enabled");
    const actions = (await auditOf(endpoint.id)).map((a) => [a.action, a.before_status, a.after_status]);
    expect(actions).toEqual([
      ["webhook_endpoint.created", null, "enabled"],
      ["webhook_endpoint.updated", "enabled", "enabled"],
      ["webhook_endpoint.updated", "enabled", "disabled"],
      ["webhook_endpoint.updated", "disabled", "enabled"],
    ]);
  });

  it("rotates the secret, returning the new one once", async () => {
    const res = await server.callAs(shop.key, "POST", `/v1/webhook_endpoints/${endpoint.id}/rotate_secret`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.secret).toMatch(/^whsec_/);
    const row = await server.runtime.database.db.selectFrom("webhook_endpoints").selectAll().where("id", "=", endpoint.id).executeTakeFirstOrThrow();
    expect(row.secret).toBe(res.json.secret);
    expect(row.previous_secret).not.toBeNull();
    expect((await auditOf(endpoint.id)).at(-1)).toMatchObject({ action: "webhook_endpoint.secret_rotated" });
  });

  it("lets an admin register for a user or merchant and list by owner; users own what they create", async () => {
    const forAlice = await server.callAs(admin.key, "POST", "/v1/webhook_endpoints", { url: URL_OK, enabled_events: ["mandate.revoked"], owner: alice.id });
    expect(forAlice.status, JSON.stringify(forAlice.json)).toBe(200);
    expect(forAlice.json).toMatchObject({ owner: alice.id, owner_type: "user" });
    const own = await server.callAs(alice.key, "POST", "/v1/webhook_endpoints", { url: URL_OK, enabled_events: ["*"] });
    expect(own.json).toMatchObject({ owner: alice.id, owner_type: "user" });
    const mine = await server.callAs(alice.key, "GET", "/v1/webhook_endpoints");
    expect(mine.json.data.map((e: any) => e.id)).toEqual([own.json.id, forAlice.json.id]);
    const page = await server.callAs(alice.key, "GET", `/v1/webhook_endpoints?limit=1`);
    expect(page.json).toMatchObject({ has_more: true, data: [{ id: own.json.id }] });
    const next = await server.callAs(alice.key, "GET", `/v1/webhook_endpoints?limit=1&starting_after=${own.json.id}`);
    expect(next.json).toMatchObject({ has_more: false, data: [{ id: forAlice.json.id }] });
    const byOwner = await server.callAs(admin.key, "GET", `/v1/webhook_endpoints?owner=${shop.id}`);
    expect(byOwner.json.data.map((e: any) => e.id)).toEqual([endpoint.id]);
    const all = await server.callAs(admin.key, "GET", "/v1/webhook_endpoints?limit=100");
    expect(all.json.data.length).toBeGreaterThanOrEqual(3);
    expect((await server.callAs(admin.key, "POST", "/v1/webhook_endpoints", { url: URL_OK, enabled_events: ["*"] })).status).toBe(400);
    expect((await server.callAs(admin.key, "POST", "/v1/webhook_endpoints", { url: URL_OK, enabled_events: ["*"], owner: agent.id })).status).toBe(404);
    expect((await auditOf(forAlice.json.id))[0]).toMatchObject({ actor_type: "operator", actor_id: admin.id, user_id: alice.id });
  });

  describe("authorisation: nobody reaches another owner's endpoint", () => {
    const routes: Array<[string, (id: string) => string, unknown?]> = [
      ["GET", (id) => `/v1/webhook_endpoints/${id}`],
      ["POST", (id) => `/v1/webhook_endpoints/${id}`, { description: "mine now" }],
      ["POST", (id) => `/v1/webhook_endpoints/${id}/rotate_secret`],
      ["GET", (id) => `/v1/webhook_endpoints/${id}/deliveries`],
      ["POST", (id) => `/v1/webhook_endpoints/${id}/deliveries/whd_01jzzzzzzzzzzzzzzzzzzzzzzz/replay`],
      ["DELETE", (id) => `/v1/webhook_endpoints/${id}`],
    ];

    it("answers 404 to another merchant and to users, 403 to agents and non-admin operators, and changes nothing", async () => {
      const before = await counts();
      for (const [method, path, body] of routes) {
        for (const [who, key, status] of [
          ["other merchant", otherShop.key, 404],
          ["a user", bob.key, 404],
          ["an agent", agent.key, 403],
          ["a support operator", support.key, 403],
        ] as const) {
          const res = await server.callAs(key, method, path(endpoint.id), body);
          expect(res.status, `${who} ${method} ${path(endpoint.id)}: ${JSON.stringify(res.json)}`).toBe(status);
          if (status === 404) expect(res.json.error.code).toBe("not_found");
        }
      }
      // A missing endpoint answers exactly as a foreign one.
      const missing = await server.callAs(otherShop.key, "GET", "/v1/webhook_endpoints/whe_01jzzzzzzzzzzzzzzzzzzzzzzz");
      expect(missing.status).toBe(404);
      expect(await counts()).toEqual(before);
      const listed = await server.callAs(otherShop.key, "GET", "/v1/webhook_endpoints");
      expect(listed.json.data).toEqual([]);
      expect((await server.callAs(otherShop.key, "GET", `/v1/webhook_endpoints?owner=${shop.id}`)).status).toBe(404);
      expect((await server.callAs(agent.key, "GET", "/v1/webhook_endpoints")).status).toBe(403);
      expect((await server.callAs(bob.key, "POST", "/v1/webhook_endpoints", { url: URL_OK, enabled_events: ["*"], owner: shop.id })).status).toBe(404);
      expect((await server.callAs(agent.key, "POST", "/v1/webhook_endpoints", { url: URL_OK, enabled_events: ["*"] })).status).toBe(403);
    });

    it("lets an admin read and manage any endpoint", async () => {
      expect((await server.callAs(admin.key, "GET", `/v1/webhook_endpoints/${endpoint.id}`)).json.id).toBe(endpoint.id);
      expect((await server.callAs(admin.key, "GET", `/v1/webhook_endpoints/${endpoint.id}/deliveries`)).json).toEqual({ object: "list", data: [], has_more: false });
    });
  });

  describe("bad input is refused with 400 and writes nothing", () => {
    const cases: Array<[string, unknown, string]> = [
      ["not a URL", { url: "not a url", enabled_events: ["*"] }, "url"],
      ["an ftp URL", { url: "ftp://127.0.0.1/x", enabled_events: ["*"] }, "url"],
      ["credentials in the URL", { url: "http://user:pw@127.0.0.1/x", enabled_events: ["*"] }, "url"],
      ["a private address", { url: "http://10.0.0.7/hooks", enabled_events: ["*"] }, "url"],
      ["the cloud metadata address", { url: "http://169.254.169.254/latest", enabled_events: ["*"] }, "url"],
      ["an unknown event type", { url: URL_OK, enabled_events: ["payment.exploded"] }, "enabled_events[0]"],
      ["no event types", { url: URL_OK, enabled_events: [] }, "enabled_events"],
      ["a repeated event type", { url: URL_OK, enabled_events: ["payment.succeeded", "payment.succeeded"] }, "enabled_events"],
      ["'*' with others", { url: URL_OK, enabled_events: ["*", "payment.succeeded"] }, "enabled_events"],
      ["an endpoint event type", { url: URL_OK, enabled_events: ["webhook_endpoint.created"] }, "enabled_events[0]"],
      ["an unknown field", { url: URL_OK, enabled_events: ["*"], secret: "whsec_mine" }, "secret"],
      ["a missing url", { enabled_events: ["*"] }, "url"],
      ["an overlong description", { url: URL_OK, enabled_events: ["*"], description: "x".repeat(501) }, "description"],
    ];
    it.each(cases)("on create: %s", async (_name, body, param) => {
      const before = await counts();
      const res = await server.callAs(shop.key, "POST", "/v1/webhook_endpoints", body);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error).toMatchObject({ code: "validation_error", param });
      expect(await counts()).toEqual(before);
    });

    it("on update, rotation, listing and replay", async () => {
      const before = await counts();
      const bad: Array<[string, string, unknown]> = [
        ["POST", `/v1/webhook_endpoints/${endpoint.id}`, { status: "failing" }],
        ["POST", `/v1/webhook_endpoints/${endpoint.id}`, { url: "http://192.168.1.1/" }],
        ["POST", `/v1/webhook_endpoints/${endpoint.id}`, { enabled_events: ["nope"] }],
        ["POST", `/v1/webhook_endpoints/${endpoint.id}`, { colour: "blue" }],
        ["POST", `/v1/webhook_endpoints/${endpoint.id}/rotate_secret`, { expire_previous_after_s: -1 }],
        ["POST", `/v1/webhook_endpoints/${endpoint.id}/rotate_secret`, { expire_previous_after_s: 8 * 24 * 3600 }],
        ["GET", `/v1/webhook_endpoints?limit=1000`, undefined],
        ["GET", `/v1/webhook_endpoints/${endpoint.id}/deliveries?status=lost`, undefined],
        ["GET", `/v1/webhook_endpoints/not-an-id`, undefined],
        ["POST", `/v1/webhook_endpoints/${endpoint.id}/deliveries/nope/replay`, undefined],
      ];
      for (const [method, path, body] of bad) {
        const res = await server.callAs(shop.key, method, path, body);
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(res.json)}`).toBe(400);
      }
      expect(await counts()).toEqual(before);
      const unknown = await server.callAs(shop.key, "POST", `/v1/webhook_endpoints/${endpoint.id}/deliveries/whd_01jzzzzzzzzzzzzzzzzzzzzzzz/replay`);
      expect(unknown.status).toBe(404);
    });
  });

  it("deletes an endpoint: gone for everyone, its deletion audited", async () => {
    const res = await server.callAs(shop.key, "DELETE", `/v1/webhook_endpoints/${endpoint.id}`);
    expect(res.json).toEqual({ id: endpoint.id, object: "webhook_endpoint", deleted: true });
    expect((await server.callAs(shop.key, "GET", `/v1/webhook_endpoints/${endpoint.id}`)).status).toBe(404);
    expect((await server.callAs(admin.key, "GET", `/v1/webhook_endpoints/${endpoint.id}`)).status).toBe(404);
    expect((await auditOf(endpoint.id)).at(-1)).toMatchObject({ action: "webhook_endpoint.deleted", before_status: "enabled", after_status: null });
  });

  it("documents the routes in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/webhook_endpoints",
        "/v1/webhook_endpoints/{id}",
        "/v1/webhook_endpoints/{id}/rotate_secret",
        "/v1/webhook_endpoints/{id}/deliveries",
        "/v1/webhook_endpoints/{id}/deliveries/{delivery_id}/replay",
      ]),
    );
  });
});
