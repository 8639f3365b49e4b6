import { compactVerify, createLocalJWKSet } from "jose";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { effectiveStatus, type Mandate } from "../src/mandates/index.js";
import { engines } from "./harness.js";
import { type Seeded, seedAgent, seedMerchant, seedOperator, seedUser, startServer, type TestServer } from "./http-harness.js";

const inOneYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

const grant = (agentId: string, over: Record<string, unknown> = {}) => ({
  agent_id: agentId,
  instruction: "Renew my gym membership every month, never more than ¥300",
  currency: "CNY",
  amount_max: 30_000,
  budget_total: 360_000,
  budget_month: 30_000,
  not_after: inOneYear(),
  recurrence: { frequency: "month", max_occurrences: 12 },
  step_up_threshold: 20_000,
  ...over,
});

describe.each(engines)("mandates over HTTP on %s", (engine) => {
  let server: TestServer;
  let alice: Seeded;
  let bob: Seeded;
  let aliceAgent: Seeded;
  let bobAgent: Seeded;
  let shop: Seeded;
  let risk: Seeded;
  let support: Seeded;

  beforeAll(async () => {
    server = await startServer(engine);
    alice = await seedUser(server, { name: "Alice" });
    bob = await seedUser(server, { name: "Bob", timezone: "Europe/Paris" });
    aliceAgent = await seedAgent(server, alice);
    bobAgent = await seedAgent(server, bob);
    shop = await seedMerchant(server);
    risk = await seedOperator(server, "risk");
    support = await seedOperator(server, "support");
  });
  afterAll(async () => server.close());

  const mandateCount = async () =>
    Number((await sql<{ n: bigint }>`select count(*) as n from mandates`.execute(server.runtime.database.db)).rows[0]!.n);

  it("lets a user grant a signed mandate to their own agent", async () => {
    const res = await server.callAs(alice.key, "POST", "/v1/mandates", grant(aliceAgent.id, { allowed_merchants: [shop.id] }));
    expect(res.status).toBe(200);
    const m = res.json;
    expect(m).toMatchObject({
      object: "mandate",
      user_id: alice.id,
      agent_id: aliceAgent.id,
      status: "active",
      currency: "CNY",
      amount_min: 1,
      amount_max: 30_000,
      budgets: { total: 360_000, month: 30_000, day: null },
      remaining: { total: 360_000, month: 30_000, occurrences: 12 },
      allowed_merchants: [shop.id],
      recurrence: { frequency: "month", max_occurrences: 12 },
      timezone: "Asia/Shanghai",
    });
    expect(m.id).toMatch(/^mdt_/);
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    const { payload, protectedHeader } = await compactVerify(m.jws, createLocalJWKSet(jwks as any));
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", typ: "agentpay-mandate+jwt" });
    const claims = JSON.parse(new TextDecoder().decode(payload));
    expect(claims).toMatchObject({ sub: alice.id, azp: aliceAgent.id, jti: m.id, mandate: { constraints: { amount_max: "30000" } } });
    const audit = await server.runtime.database.db.selectFrom("audit_events").selectAll().where("object_id", "=", m.id).execute();
    expect(audit.map((e) => e.action)).toEqual(["mandate.created"]);
    expect(audit[0]).toMatchObject({ actor_id: alice.id, user_id: alice.id, mandate_id: m.id, after_status: "active" });
  });

  it("never lets an agent, an operator or another user grant one", async () => {
    const before = await mandateCount();
    expect((await server.callAs(aliceAgent.key, "POST", "/v1/mandates", grant(aliceAgent.id))).status).toBe(403);
    expect((await server.callAs(risk.key, "POST", "/v1/mandates", grant(aliceAgent.id))).status).toBe(403);
    expect((await server.call("POST", "/v1/mandates", grant(aliceAgent.id))).status).toBe(403);
    expect((await server.callAs(shop.key, "POST", "/v1/mandates", grant(aliceAgent.id))).status).toBe(403);
    const foreign = await server.callAs(bob.key, "POST", "/v1/mandates", grant(aliceAgent.id));
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.param).toBe("agent_id");
    expect(await mandateCount()).toBe(before);
  });

  it("shows a mandate to its user, its agent and operators only", async () => {
    const m = (await server.callAs(alice.key, "POST", "/v1/mandates", grant(aliceAgent.id))).json;
    for (const key of [alice.key, aliceAgent.key, support.key, risk.key]) {
      const res = await server.callAs(key, "GET", `/v1/mandates/${m.id}`);
      expect(res.status).toBe(200);
      expect(res.json.id).toBe(m.id);
    }
    for (const key of [bob.key, bobAgent.key]) {
      const res = await server.callAs(key, "GET", `/v1/mandates/${m.id}`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.json)).not.toContain(aliceAgent.id);
    }
    expect((await server.callAs(shop.key, "GET", `/v1/mandates/${m.id}`)).status).toBe(403);
    const bobs = await server.callAs(bob.key, "GET", "/v1/mandates");
    expect(bobs.json.data.map((x: any) => x.user_id)).not.toContain(alice.id);
    const agents = await server.callAs(aliceAgent.key, "GET", "/v1/mandates?limit=100");
    expect(agents.json.data.every((x: any) => x.agent_id === aliceAgent.id)).toBe(true);
    expect(agents.json.data.map((x: any) => x.id)).toContain(m.id);
  });

  it("pages mandates newest first", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await server.callAs(bob.key, "POST", "/v1/mandates", grant(bobAgent.id))).json.id);
    const p1 = await server.callAs(bob.key, "GET", "/v1/mandates?limit=2");
    expect(p1.json.data.map((x: any) => x.id)).toEqual([ids[2], ids[1]]);
    expect(p1.json.has_more).toBe(true);
    const p2 = await server.callAs(bob.key, "GET", `/v1/mandates?limit=2&starting_after=${ids[1]}`);
    expect(p2.json.data.map((x: any) => x.id)).toEqual([ids[0]]);
  });

  it("pauses, resumes and revokes; only the owner (or risk, to revoke) may", async () => {
    const m = (await server.callAs(alice.key, "POST", "/v1/mandates", grant(aliceAgent.id))).json;
    expect((await server.callAs(aliceAgent.key, "POST", `/v1/mandates/${m.id}/pause`)).status).toBe(403);
    expect((await server.callAs(bob.key, "POST", `/v1/mandates/${m.id}/pause`)).status).toBe(404);
    expect((await server.callAs(support.key, "POST", `/v1/mandates/${m.id}/revoke`)).status).toBe(403);
    expect((await server.callAs(risk.key, "POST", `/v1/mandates/${m.id}/pause`)).status).toBe(403);
    const paused = await server.callAs(alice.key, "POST", `/v1/mandates/${m.id}/pause`);
    expect(paused.json.status).toBe("paused");
    expect((await server.callAs(alice.key, "POST", `/v1/mandates/${m.id}/pause`)).status).toBe(409);
    expect((await server.callAs(alice.key, "POST", `/v1/mandates/${m.id}/resume`)).json.status).toBe("active");
    const revoked = await server.callAs(risk.key, "POST", `/v1/mandates/${m.id}/revoke`);
    expect(revoked.json.status).toBe("revoked");
    const resumed = await server.callAs(alice.key, "POST", `/v1/mandates/${m.id}/resume`);
    expect(resumed.status).toBe(409);
    expect(resumed.json.error.code).toBe("conflict");
    const audit = await server.runtime.database.db.selectFrom("audit_events").select(["action", "actor_id", "before_status", "after_status"]).where("object_id", "=", m.id).orderBy("seq").execute();
    expect(audit.map((e) => e.action)).toEqual(["mandate.created", "mandate.paused", "mandate.resumed", "mandate.revoked"]);
    expect(audit[3]).toMatchObject({ actor_id: risk.id, before_status: "active", after_status: "revoked" });
  });

  const bad: Array<[string, (agentId: string) => unknown, string]> = [
    ["amount_min above amount_max", (a) => grant(a, { amount_min: 50_000 }), "amount_min"],
    ["budget below the smallest payment", (a) => grant(a, { amount_min: 500, budget_day: 100 }), "budget_day"],
    ["zero amount_max", (a) => grant(a, { amount_max: 0 }), "amount_max"],
    ["fractional amount", (a) => grant(a, { amount_max: 10.5 }), "amount_max"],
    ["huge amount", (a) => grant(a, { amount_max: 2 ** 60 }), "amount_max"],
    ["negative budget", (a) => grant(a, { budget_total: -1 }), "budget_total"],
    ["unknown currency", (a) => grant(a, { currency: "ABC" }), "currency"],
    ["window in the past", (a) => grant(a, { not_after: "2020-01-01T00:00:00Z" }), "not_after"],
    ["window inverted", (a) => grant(a, { not_before: "2030-01-01T00:00:00Z", not_after: "2029-01-01T00:00:00Z" }), "not_after"],
    ["not a date", (a) => grant(a, { not_after: "next year" }), "not_after"],
    ["unknown merchant", (a) => grant(a, { allowed_merchants: ["mer_nope"] }), "allowed_merchants"],
    ["bad recurrence", (a) => grant(a, { recurrence: { frequency: "fortnight" } }), "recurrence.frequency"],
    ["unknown field", (a) => grant(a, { spend_everything: true }), "spend_everything"],
    ["missing instruction", (a) => ({ ...grant(a), instruction: undefined }), "instruction"],
  ];

  it.each(bad)("rejects %s with 400 and writes nothing", async (_name, body, param) => {
    const before = await mandateCount();
    const res = await server.callAs(alice.key, "POST", "/v1/mandates", body(aliceAgent.id));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "validation_error", param });
    expect(await mandateCount()).toBe(before);
  });
});

describe("a mandate's effective status", () => {
  const base = { status: "active", notAfterMs: 2_000, amountMin: 100n } as unknown as Mandate;
  it("is expired after the window and exhausted when a budget cannot pay the smallest payment", () => {
    expect(effectiveStatus(base, 1_000, new Map())).toBe("active");
    expect(effectiveStatus(base, 3_000, new Map())).toBe("expired");
    expect(effectiveStatus(base, 1_000, new Map([["total", 99n]]))).toBe("exhausted");
    expect(effectiveStatus(base, 1_000, new Map([["occurrences", 0n]]))).toBe("exhausted");
    expect(effectiveStatus({ ...base, status: "revoked" }, 3_000, new Map())).toBe("revoked");
    expect(effectiveStatus({ ...base, status: "paused" }, 1_000, new Map())).toBe("paused");
  });
});
