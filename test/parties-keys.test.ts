import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { issueKey, seedAgent, seedMerchant, seedOperator, seedUser, startServer, type TestServer } from "./http-harness.js";

const run = promisify(execFile);
const SECRET = /^ap_(usr|agt|mer|opr)_[A-Za-z0-9]{40}$/;
const USER_DEFAULT_SCOPES = [
  "parties:read",
  "parties:write",
  "agents:read",
  "agents:write",
  "keys:read",
  "keys:write",
  "mandates:read",
  "mandates:write",
  "payments:read",
  "approvals:write",
  "funding:write",
  "webhooks:read",
  "webhooks:write",
  "billing:read",
  "subscriptions:write",
];
const AGENT_DEFAULT_SCOPES = ["parties:read", "agents:read", "mandates:read", "payments:read", "payments:write", "billing:read", "subscriptions:write"];

describe.each(engines)("API keys on %s", (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(engine);
  });
  afterAll(async () => server.close());

  const keyRows = () => server.runtime.database.db.selectFrom("api_keys").selectAll().execute();
  const auditOf = async (objectId: string) =>
    server.runtime.database.db.selectFrom("audit_events").selectAll().where("object_id", "=", objectId).orderBy("seq").execute();

  it("shows the secret once, stores only its hash and a visible prefix, and lists without it", async () => {
    const user = await seedUser(server);
    const res = await server.call("POST", "/v1/keys", { principal: user.id, name: "laptop" });
    expect(res.status).toBe(200);
    const { secret, ...listed } = res.json;
    expect(secret).toMatch(SECRET);
    expect(secret.startsWith("ap_usr_")).toBe(true);
    expect(listed).toEqual({
      id: expect.stringMatching(/^key_/),
      object: "api_key",
      name: "laptop",
      prefix: secret.slice(0, 12),
      principal: user.id,
      principal_type: "user",
      scopes: USER_DEFAULT_SCOPES,
      status: "active",
      created: expect.any(Number),
      revoked: null,
    });
    const row = (await keyRows()).find((r) => r.id === listed.id)!;
    expect(row.secret_hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(await keyRows(), (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(secret);
    const fetched = await server.call("GET", `/v1/keys/${listed.id}`);
    expect(fetched.json).toEqual(listed);
    const list = await server.callAs(secret, "GET", "/v1/keys");
    expect(JSON.stringify(list.json)).not.toContain(secret);
    expect(list.json.data.map((k: any) => k.id)).toContain(listed.id);
    const [event] = await auditOf(listed.id);
    expect(event).toMatchObject({ action: "api_key.created", actor_id: "opr_bootstrap", user_id: user.id, after_status: "active" });
    expect(event!.data).not.toContain(secret);
  });

  it("lets a user issue keys to itself (never beyond its own key's scopes) and to its agents", async () => {
    const user = await seedUser(server, {}, ["parties:read", "keys:read", "keys:write"]);
    const own = await server.callAs(user.key, "POST", "/v1/keys", { principal: user.id });
    expect(own.json.scopes).toEqual(["parties:read", "keys:read", "keys:write"]);
    const narrower = await server.callAs(user.key, "POST", "/v1/keys", { principal: user.id, scopes: ["parties:read"] });
    expect(narrower.json.scopes).toEqual(["parties:read"]);
    const wider = await server.callAs(user.key, "POST", "/v1/keys", { principal: user.id, scopes: ["mandates:write"] });
    expect(wider.status).toBe(403);
    expect(wider.json.error).toMatchObject({ code: "forbidden", param: "scopes" });
    const notForUsers = await server.callAs(user.key, "POST", "/v1/keys", { principal: user.id, scopes: ["ledger:read"] });
    expect(notForUsers.status).toBe(400);
    expect(notForUsers.json.error).toMatchObject({ code: "validation_error", param: "scopes" });

    const agent = await seedAgent(server, user);
    const noAgentsWrite = await server.callAs(user.key, "POST", "/v1/keys", { principal: agent.id });
    expect(noAgentsWrite.status).toBe(403);
    const fullUser = await issueKey(server, user.id);
    const agentKey = await server.callAs(fullUser, "POST", "/v1/keys", { principal: agent.id });
    expect(agentKey.status).toBe(200);
    expect(agentKey.json.secret.startsWith("ap_agt_")).toBe(true);
    expect(agentKey.json.scopes).toEqual(AGENT_DEFAULT_SCOPES);
    const agentKeys = await server.callAs(fullUser, "GET", `/v1/keys?principal=${agent.id}`);
    expect(agentKeys.json.data.map((k: any) => k.principal)).toEqual([agent.id, agent.id]);
    const all = await server.callAs(fullUser, "GET", "/v1/keys?limit=100");
    expect(new Set(all.json.data.map((k: any) => k.principal))).toEqual(new Set([user.id, agent.id]));
    const agentScoped = await server.callAs(fullUser, "POST", "/v1/keys", { principal: agent.id, scopes: ["keys:write"] });
    expect(agentScoped.status).toBe(400);
  });

  it("lets a merchant manage its own keys", async () => {
    const merchant = await seedMerchant(server);
    const res = await server.callAs(merchant.key, "POST", "/v1/keys", { principal: merchant.id, scopes: ["payments:read"] });
    expect(res.json).toMatchObject({ principal_type: "merchant", scopes: ["payments:read"] });
    expect(res.json.secret.startsWith("ap_mer_")).toBe(true);
    const revoked = await server.callAs(merchant.key, "POST", `/v1/keys/${res.json.id}/revoke`);
    expect(revoked.json.status).toBe("revoked");
  });

  it("revokes a key for the very next request, in this process and in another one", async () => {
    const user = await seedUser(server);
    const other = await startServer(engine, { shareDatabaseOf: server });
    try {
      const key = await server.call("POST", "/v1/keys", { principal: user.id });
      const secret = key.json.secret;
      expect((await server.callAs(secret, "GET", `/v1/users/${user.id}`)).status).toBe(200);
      expect((await other.callAs(secret, "GET", `/v1/users/${user.id}`)).status).toBe(200);
      const revoked = await server.callAs(user.key, "POST", `/v1/keys/${key.json.id}/revoke`);
      expect(revoked.json).toMatchObject({ status: "revoked", revoked: expect.any(Number) });
      for (const s of [server, other]) {
        const refused = await s.callAs(secret, "GET", `/v1/users/${user.id}`);
        expect(refused.status).toBe(401);
        expect(refused.json.error).toMatchObject({ type: "authentication_error", code: "unauthenticated" });
      }
      const again = await server.call("POST", `/v1/keys/${key.json.id}/revoke`);
      expect(again.json.revoked).toBe(revoked.json.revoked);
      const events = (await auditOf(key.json.id)).map((e) => [e.action, e.actor_id, e.before_status, e.after_status]);
      expect(events).toEqual([
        ["api_key.created", "opr_bootstrap", null, "active"],
        ["api_key.revoked", user.id, "active", "revoked"],
      ]);
      // A key can revoke itself; the request that does it still completes.
      const self = await server.callAs(user.key, "GET", "/v1/keys?limit=100");
      const ownId = self.json.data.find((k: any) => k.prefix === user.key.slice(0, 12)).id;
      expect((await server.callAs(user.key, "POST", `/v1/keys/${ownId}/revoke`)).status).toBe(200);
      expect((await server.callAs(user.key, "GET", `/v1/users/${user.id}`)).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("enforces scopes per endpoint", async () => {
    const user = await seedUser(server, {}, ["parties:read"]);
    expect((await server.callAs(user.key, "GET", `/v1/users/${user.id}`)).status).toBe(200);
    const write = await server.callAs(user.key, "POST", `/v1/users/${user.id}`, { name: "New" });
    expect(write.status).toBe(403);
    expect(write.json.error).toMatchObject({ type: "permission_error", code: "forbidden" });
    expect(write.json.error.message).toContain("parties:write");
    expect((await server.callAs(user.key, "GET", "/v1/agents")).status).toBe(403);
    expect((await server.callAs(user.key, "GET", "/v1/keys")).status).toBe(403);
  });

  it("keeps the raw ledger to admin and finance operators with ledger scopes", async () => {
    const finance = await seedOperator(server, "finance");
    const readOnly = await issueKey(server, finance.id, ["ledger:read"]);
    const admin = await seedOperator(server, "admin");
    const accounts = { accounts: [{ id: `acct_${engine}_1`, currency: "CNY", code: 10 }] };
    expect((await server.callAs(finance.key, "POST", "/v1/ledger/accounts", accounts)).status).toBe(200);
    expect((await server.callAs(admin.key, "GET", `/v1/ledger/accounts/acct_${engine}_1`)).status).toBe(200);
    expect((await server.callAs(readOnly, "GET", `/v1/ledger/accounts/acct_${engine}_1`)).status).toBe(200);
    const refused = await server.callAs(readOnly, "POST", "/v1/ledger/accounts", accounts);
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain("ledger:write");
    for (const role of ["support", "risk"] as const) {
      const op = await seedOperator(server, role);
      expect((await server.callAs(op.key, "GET", `/v1/ledger/accounts/acct_${engine}_1`)).status).toBe(403);
    }
  });

  it("refuses missing, malformed, unknown and built-in-lookalike keys with 401", async () => {
    const path = "/v1/users?limit=1";
    const none = await fetch(`${server.url}${path}`);
    expect(none.status).toBe(401);
    for (const authorization of ["Basic abc", "Bearer", "Bearer ap_usr_short", `Bearer ap_usr_${"a".repeat(40)}`, "Bearer opr_bootstrap"]) {
      const res = await server.call("GET", path, undefined, { authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.json.error.code).toBe("unauthenticated");
    }
  });

  it("issues, lists and revokes keys from the CLI", async () => {
    const user = await seedUser(server);
    const cli = (...args: string[]) =>
      run(process.execPath, ["--import", "tsx", "src/cli/main.ts", "keys", ...args], {
        env: { ...process.env, DATABASE_URL: server.databaseUrl },
      });
    const created = JSON.parse((await cli("create", "--principal", user.id, "--scopes", "parties:read,keys:read")).stdout);
    expect(created).toMatchObject({ object: "api_key", principal: user.id, scopes: ["parties:read", "keys:read"] });
    expect(created.secret).toMatch(SECRET);
    expect((await server.callAs(created.secret, "GET", `/v1/users/${user.id}`)).status).toBe(200);
    const listed = JSON.parse((await cli("list", "--principal", user.id)).stdout);
    expect(listed.map((k: any) => k.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const revoked = JSON.parse((await cli("revoke", created.id)).stdout);
    expect(revoked.status).toBe("revoked");
    expect((await server.callAs(created.secret, "GET", `/v1/users/${user.id}`)).status).toBe(401);
    expect((await auditOf(created.id)).map((e) => `${e.action} ${e.actor_id}`)).toEqual(["api_key.created opr_cli", "api_key.revoked opr_cli"]);
    await expect(cli("create", "--principal", user.id, "--scopes", "ledger:read")).rejects.toThrow(/may not have the scope/);
  });
});
