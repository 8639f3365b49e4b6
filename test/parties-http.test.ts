import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { ed25519PublicJwk, seedAgent, seedMerchant, seedOperator, seedUser, startServer, type TestServer } from "./http-harness.js";

describe.each(engines)("parties over HTTP on %s", (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(engine);
  });
  afterAll(async () => server.close());

  const auditOf = async (objectId: string) =>
    server.runtime.database.db.selectFrom("audit_events").selectAll().where("object_id", "=", objectId).orderBy("seq").execute();

  it("creates a user as admin, who then reads and edits its own profile", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await server.call("POST", "/v1/users", {
      name: "Li Wei",
      email: "li.wei@example.com",
      kyc_level: 2,
      residency_region: "cn",
      timezone: "asia/shanghai",
      metadata: { crm: "c-17" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^usr_[0-9a-z]{26}$/),
      object: "user",
      name: "Li Wei",
      email: "li.wei@example.com",
      kyc_level: 2,
      residency_region: "cn",
      timezone: "Asia/Shanghai",
      status: "active",
      metadata: { crm: "c-17" },
      created: expect.any(Number),
    });
    expect(res.json.created).toBeGreaterThanOrEqual(before);
    expect(res.json.created).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    const id = res.json.id;

    const [created] = await auditOf(id);
    expect(created).toMatchObject({ action: "user.created", actor_type: "operator", actor_id: "opr_bootstrap", user_id: id, after_status: "active" });
    expect(created?.request_id).toMatch(/^req_/);

    const userKey = (await server.call("POST", "/v1/keys", { principal: id })).json.secret;
    const self = await server.callAs(userKey, "GET", `/v1/users/${id}`);
    expect(self.json).toEqual(res.json);
    const edited = await server.callAs(userKey, "POST", `/v1/users/${id}`, { name: "Li Wei (home)", email: null, timezone: "Europe/Berlin" });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ name: "Li Wei (home)", email: null, timezone: "Europe/Berlin", kyc_level: 2 });

    const updated = (await auditOf(id)).find((e) => e.action === "user.updated");
    expect(updated).toMatchObject({ actor_type: "user", actor_id: id, user_id: id });
    // Names of changed fields only: personal data stays out of the append-only trail.
    expect(JSON.parse(updated!.data!)).toEqual({ changed: ["name", "email", "timezone"] });

    const noChange = await server.callAs(userKey, "POST", `/v1/users/${id}`, { name: "Li Wei (home)" });
    expect(noChange.status).toBe(200);
    expect((await auditOf(id)).filter((e) => e.action === "user.updated")).toHaveLength(1);
  });

  it("lets an admin change KYC level, residency and status, recording old and new values", async () => {
    const user = await seedUser(server);
    const res = await server.call("POST", `/v1/users/${user.id}`, { kyc_level: 3, residency_region: "eu", status: "suspended" });
    expect(res.json).toMatchObject({ kyc_level: 3, residency_region: "eu", status: "suspended" });
    const event = (await auditOf(user.id)).find((e) => e.action === "user.updated");
    expect(event).toMatchObject({ before_status: "active", after_status: "suspended" });
    expect(JSON.parse(event!.data!)).toEqual({
      changed: ["kyc_level", "residency_region", "status"],
      kyc_level: { from: 0, to: 3 },
      residency_region: { from: "cn", to: "eu" },
      status: { from: "active", to: "suspended" },
    });
    const locked = await server.callAs(user.key, "GET", `/v1/users/${user.id}`);
    expect(locked.status).toBe(403);
    expect(locked.json.error.message).toContain("suspended");
  });

  it("pages users newest first with limit and starting_after", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await server.call("POST", "/v1/users", { name: `Pager ${i}`, residency_region: "cn" })).json.id);
    const newest = [...ids].reverse();
    const p1 = await server.call("GET", "/v1/users?limit=2");
    expect(p1.json.object).toBe("list");
    expect(p1.json.data.map((u: any) => u.id)).toEqual(newest.slice(0, 2));
    expect(p1.json.has_more).toBe(true);
    const p2 = await server.call("GET", `/v1/users?limit=2&starting_after=${newest[1]}`);
    expect(p2.json.data.map((u: any) => u.id)).toEqual(newest.slice(2, 4));
    const last = await server.call("GET", `/v1/users?limit=100&starting_after=${newest[3]}`);
    expect(last.json.data[0].id).toBe(newest[4]);
    expect(last.json.data.map((u: any) => u.id)).not.toContain(newest[3]);
    expect(last.json.has_more).toBe(false);
  });

  it("lets a user create, list, rename, rotate, suspend and reactivate its own agents", async () => {
    const user = await seedUser(server);
    const jwk = await ed25519PublicJwk();
    const res = await server.callAs(user.key, "POST", "/v1/agents", {
      display_name: "Ticket bot",
      public_key_jwk: { ...jwk, alg: "EdDSA", use: "sig", kid: "k1" },
      metadata: { runtime: "openclaw" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^agt_/),
      object: "agent",
      user: user.id,
      display_name: "Ticket bot",
      public_key_jwk: { kty: "OKP", crv: "Ed25519", x: jwk.x },
      status: "active",
      metadata: { runtime: "openclaw" },
      created: expect.any(Number),
    });
    const agentId = res.json.id;
    const [created] = await auditOf(agentId);
    expect(created).toMatchObject({ action: "agent.created", actor_type: "user", actor_id: user.id, user_id: user.id });

    const second = await server.callAs(user.key, "POST", "/v1/agents", { display_name: "Shopping bot" });
    expect(second.json.public_key_jwk).toBeNull();
    const listed = await server.callAs(user.key, "GET", "/v1/agents");
    expect(listed.json.data.map((a: any) => a.id)).toEqual([second.json.id, agentId]);
    const mine = await server.callAs(user.key, "GET", `/v1/agents?user=${user.id}&limit=1`);
    expect(mine.json).toMatchObject({ has_more: true, data: [{ id: second.json.id }] });

    const rotated = await ed25519PublicJwk();
    const renamed = await server.callAs(user.key, "POST", `/v1/agents/${agentId}`, { display_name: "Tickets", public_key_jwk: rotated });
    expect(renamed.json).toMatchObject({ display_name: "Tickets", public_key_jwk: { x: rotated.x } });
    const rotation = (await auditOf(agentId)).find((e) => e.action === "agent.updated");
    expect(JSON.parse(rotation!.data!).public_key_jwk.to.x).toBe(rotated.x);

    const agentKey = (await server.callAs(user.key, "POST", "/v1/keys", { principal: agentId })).json.secret;
    expect((await server.callAs(agentKey, "GET", `/v1/agents/${agentId}`)).json.id).toBe(agentId);

    const suspended = await server.callAs(user.key, "POST", `/v1/agents/${agentId}/suspend`);
    expect(suspended.json.status).toBe("suspended");
    const refused = await server.callAs(agentKey, "GET", `/v1/agents/${agentId}`);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ type: "permission_error", code: "forbidden" });
    expect((await server.callAs(user.key, "POST", `/v1/agents/${agentId}/suspend`)).json.status).toBe("suspended");
    const reactivated = await server.callAs(user.key, "POST", `/v1/agents/${agentId}/reactivate`);
    expect(reactivated.json.status).toBe("active");
    expect((await server.callAs(agentKey, "GET", `/v1/agents/${agentId}`)).status).toBe(200);

    const actions = (await auditOf(agentId)).map((e) => [e.action, e.before_status, e.after_status]);
    expect(actions).toEqual([
      ["agent.created", null, "active"],
      ["agent.updated", null, null],
      ["agent.suspended", "active", "suspended"],
      ["agent.reactivated", "suspended", "active"],
    ]);
  });

  it("lets an admin create an agent for a user and a risk operator suspend it", async () => {
    const user = await seedUser(server);
    const res = await server.call("POST", "/v1/agents", { user: user.id, display_name: "Ops-made" });
    expect(res.json.user).toBe(user.id);
    const risk = await seedOperator(server, "risk");
    const suspended = await server.callAs(risk.key, "POST", `/v1/agents/${res.json.id}/suspend`);
    expect(suspended.json.status).toBe("suspended");
    expect((await auditOf(res.json.id)).at(-1)).toMatchObject({ actor_type: "operator", actor_id: risk.id });
    const ownerSuspendedKey = await seedAgent(server, user);
    await server.call("POST", `/v1/users/${user.id}`, { status: "suspended" });
    const agentOfSuspended = await server.callAs(ownerSuspendedKey.key, "GET", `/v1/agents/${ownerSuspendedKey.id}`);
    expect(agentOfSuspended.status).toBe(403);
    expect(agentOfSuspended.json.error.message).toContain("owner");
  });

  it("creates merchants with a fee override, which read themselves; admins edit them", async () => {
    const res = await server.call("POST", "/v1/merchants", {
      legal_name: "Acme Tickets GmbH",
      country: "DE",
      tax_id: "DE123456789",
      category: "4722",
      fee_bps: 150,
    });
    expect(res.json).toEqual({
      id: expect.stringMatching(/^mer_/),
      object: "merchant",
      legal_name: "Acme Tickets GmbH",
      country: "DE",
      tax_id: "DE123456789",
      category: "4722",
      fee_bps: 150,
      tax_rate_bps: null,
      invoice_prefix: null,
      status: "active",
      metadata: {},
      created: expect.any(Number),
    });
    const key = (await server.call("POST", "/v1/keys", { principal: res.json.id })).json.secret;
    expect((await server.callAs(key, "GET", `/v1/merchants/${res.json.id}`)).json).toEqual(res.json);
    const edited = await server.call("POST", `/v1/merchants/${res.json.id}`, { fee_bps: null, tax_id: null });
    expect(edited.json).toMatchObject({ fee_bps: null, tax_id: null });
    const event = (await auditOf(res.json.id)).at(-1);
    expect(event?.action).toBe("merchant.updated");
    expect(JSON.parse(event!.data!)).toMatchObject({ fee_bps: { from: 150, to: null } });
    const listed = await server.call("GET", "/v1/merchants?limit=1");
    expect(listed.json.data[0].id).toBe(res.json.id);
  });

  it("creates operators with roles; an operator reads itself, an admin lists them", async () => {
    const finance = await seedOperator(server, "finance");
    expect(finance.object).toEqual({ id: expect.stringMatching(/^opr_/), object: "operator", name: "Test finance", role: "finance", created: expect.any(Number) });
    expect((await server.callAs(finance.key, "GET", `/v1/operators/${finance.id}`)).json.id).toBe(finance.id);
    const admin = await seedOperator(server, "admin");
    const listed = await server.callAs(admin.key, "GET", "/v1/operators");
    expect(listed.json.data.map((o: any) => o.id).slice(0, 2)).toEqual([admin.id, finance.id]);
    expect((await auditOf(finance.id))[0]).toMatchObject({ action: "operator.created" });
    // A stored admin does what the bootstrap key does.
    const user = await server.callAs(admin.key, "POST", "/v1/users", { name: "Made by admin", residency_region: "eu" });
    expect(user.status).toBe(200);
    expect((await auditOf(user.json.id))[0]).toMatchObject({ actor_type: "operator", actor_id: admin.id });
  });

  it("lets support, risk and finance read users and merchants but not change them", async () => {
    const user = await seedUser(server);
    const merchant = await seedMerchant(server);
    for (const role of ["support", "risk", "finance"] as const) {
      const op = await seedOperator(server, role);
      expect((await server.callAs(op.key, "GET", `/v1/users/${user.id}`)).status).toBe(200);
      expect((await server.callAs(op.key, "GET", `/v1/merchants/${merchant.id}`)).status).toBe(200);
      expect((await server.callAs(op.key, "GET", "/v1/users?limit=1")).status).toBe(200);
      expect((await server.callAs(op.key, "POST", `/v1/users/${user.id}`, { name: "x" })).status).toBe(403);
    }
  });

  it("writes exactly one audit event per state change, in the same transaction", async () => {
    const count = async () =>
      Number((await sql<{ n: bigint }>`select count(*) as n from audit_events`.execute(server.runtime.database.db)).rows[0]!.n);
    const before = await count();
    const user = await seedUser(server); // user.created + api_key.created
    const agent = await seedAgent(server, user); // agent.created + api_key.created
    await server.callAs(user.key, "POST", `/v1/agents/${agent.id}/suspend`); // agent.suspended
    await seedMerchant(server); // merchant.created + api_key.created
    await seedOperator(server, "support"); // operator.created + api_key.created
    expect((await count()) - before).toBe(9);
  });
});
