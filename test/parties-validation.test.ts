/** Bad input on every parties/keys endpoint → 400 in the error shape, and nothing written. */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { ed25519PublicJwk, type Seeded, seedAgent, seedMerchant, seedUser, startServer, type TestServer } from "./http-harness.js";

interface World {
  readonly user: Seeded;
  readonly agent: Seeded;
  readonly merchant: Seeded;
  readonly jwk: { kty: string; crv: string; x: string };
}

type Case = readonly [name: string, method: "GET" | "POST", path: (w: World) => string, body: (w: World) => unknown, param: string | undefined];

const user = (over: Record<string, unknown>) => () => ({ name: "Valid", residency_region: "cn", ...over });
const merchant = (over: Record<string, unknown>) => () => ({ legal_name: "Valid Ltd", country: "CN", category: "software", ...over });
const agentWith = (jwk: (w: World) => unknown) => (w: World) => ({ display_name: "Bot", public_key_jwk: jwk(w) });

const CASES: Case[] = [
  // users
  ["kyc_level 7", "POST", () => "/v1/users", user({ kyc_level: 7 }), "kyc_level"],
  ["negative kyc_level", "POST", () => "/v1/users", user({ kyc_level: -1 }), "kyc_level"],
  ["fractional kyc_level", "POST", () => "/v1/users", user({ kyc_level: 1.5 }), "kyc_level"],
  ["kyc_level as a string", "POST", () => "/v1/users", user({ kyc_level: "2" }), "kyc_level"],
  ["unknown time zone", "POST", () => "/v1/users", user({ timezone: "Mars/Olympus" }), "timezone"],
  ["offset instead of a time zone", "POST", () => "/v1/users", user({ timezone: "+08:00" }), "timezone"],
  ["empty time zone", "POST", () => "/v1/users", user({ timezone: "" }), "timezone"],
  ["bad email", "POST", () => "/v1/users", user({ email: "not-an-email" }), "email"],
  ["upper-case region", "POST", () => "/v1/users", user({ residency_region: "CN" }), "residency_region"],
  ["missing region", "POST", () => "/v1/users", () => ({ name: "No region" }), "residency_region"],
  ["missing name", "POST", () => "/v1/users", () => ({ residency_region: "cn" }), "name"],
  ["blank name", "POST", () => "/v1/users", user({ name: "   " }), "name"],
  ["name too long", "POST", () => "/v1/users", user({ name: "x".repeat(201) }), "name"],
  ["status on create", "POST", () => "/v1/users", user({ status: "active" }), "status"],
  ["unknown field on user", "POST", () => "/v1/users", user({ balance: 100 }), "balance"],
  ["metadata number value", "POST", () => "/v1/users", user({ metadata: { n: 1 } }), "metadata.n"],
  ["metadata with 51 keys", "POST", () => "/v1/users", user({ metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }), "metadata"],
  ["body is an array", "POST", () => "/v1/users", () => [], undefined],
  ["update: kyc_level 4", "POST", (w) => `/v1/users/${w.user.id}`, () => ({ kyc_level: 4 }), "kyc_level"],
  ["update: unknown status", "POST", (w) => `/v1/users/${w.user.id}`, () => ({ status: "deleted" }), "status"],
  ["update: bad time zone", "POST", (w) => `/v1/users/${w.user.id}`, () => ({ timezone: "Nowhere/Town" }), "timezone"],
  ["update: unknown field", "POST", (w) => `/v1/users/${w.user.id}`, () => ({ id: "usr_x" }), "id"],
  ["update: malformed user id", "POST", () => "/v1/users/usr_nope", () => ({ name: "x" }), "id"],
  ["get: malformed user id", "GET", () => "/v1/users/agt_01jd3xxxxxxxxxxxxxxxxxxxxx", () => undefined, "id"],
  ["list users: limit 0", "GET", () => "/v1/users?limit=0", () => undefined, "limit"],
  ["list users: limit 1000", "GET", () => "/v1/users?limit=1000", () => undefined, "limit"],
  ["list users: bad cursor", "GET", () => "/v1/users?starting_after=nope", () => undefined, "starting_after"],
  ["list users: unknown query", "GET", () => "/v1/users?sort=name", () => undefined, "sort"],
  // agents
  ["JWK with private part d", "POST", () => "/v1/agents", agentWith((w) => ({ ...w.jwk, d: w.jwk.x })), "public_key_jwk.d"],
  ["RSA JWK", "POST", () => "/v1/agents", agentWith(() => ({ kty: "RSA", n: "abc", e: "AQAB" })), "public_key_jwk.kty"],
  ["X25519 JWK", "POST", () => "/v1/agents", agentWith((w) => ({ ...w.jwk, crv: "X25519" })), "public_key_jwk.crv"],
  ["JWK with short x", "POST", () => "/v1/agents", agentWith((w) => ({ ...w.jwk, x: "AAAA" })), "public_key_jwk.x"],
  ["JWK with bad characters", "POST", () => "/v1/agents", agentWith((w) => ({ ...w.jwk, x: `${w.jwk.x.slice(0, 42)}=` })), "public_key_jwk.x"],
  ["JWK without x", "POST", () => "/v1/agents", agentWith(() => ({ kty: "OKP", crv: "Ed25519" })), "public_key_jwk.x"],
  ["JWK as a string", "POST", () => "/v1/agents", agentWith((w) => JSON.stringify(w.jwk)), "public_key_jwk"],
  ["JWK with wrong alg", "POST", () => "/v1/agents", agentWith((w) => ({ ...w.jwk, alg: "ES256" })), "public_key_jwk.alg"],
  ["agent: blank display_name", "POST", () => "/v1/agents", () => ({ display_name: "" }), "display_name"],
  ["agent: malformed owner", "POST", () => "/v1/agents", () => ({ display_name: "Bot", user: "usr_x" }), "user"],
  ["agent: unknown field", "POST", () => "/v1/agents", () => ({ display_name: "Bot", status: "active" }), "status"],
  ["agent: operator without owner", "POST", () => "/v1/agents", () => ({ display_name: "Bot" }), "user"],
  ["agent update: JWK with d", "POST", (w) => `/v1/agents/${w.agent.id}`, (w) => ({ public_key_jwk: { ...w.jwk, d: w.jwk.x } }), "public_key_jwk.d"],
  ["agent update: status field", "POST", (w) => `/v1/agents/${w.agent.id}`, () => ({ status: "suspended" }), "status"],
  ["agent suspend: malformed id", "POST", () => "/v1/agents/agt_x/suspend", () => undefined, "id"],
  ["list agents: bad owner filter", "GET", () => "/v1/agents?user=bob", () => undefined, "user"],
  // merchants
  ["unknown country", "POST", () => "/v1/merchants", merchant({ country: "XX" }), "country"],
  ["lower-case country", "POST", () => "/v1/merchants", merchant({ country: "cn" }), "country"],
  ["alpha-3 country", "POST", () => "/v1/merchants", merchant({ country: "CHN" }), "country"],
  ["fee_bps above 10000", "POST", () => "/v1/merchants", merchant({ fee_bps: 10_001 }), "fee_bps"],
  ["negative fee_bps", "POST", () => "/v1/merchants", merchant({ fee_bps: -1 }), "fee_bps"],
  ["fractional fee_bps", "POST", () => "/v1/merchants", merchant({ fee_bps: 1.5 }), "fee_bps"],
  ["bad category", "POST", () => "/v1/merchants", merchant({ category: "Bad Category" }), "category"],
  ["missing legal_name", "POST", () => "/v1/merchants", () => ({ country: "CN", category: "software" }), "legal_name"],
  ["merchant: unknown field", "POST", () => "/v1/merchants", merchant({ settlement_iban: "DE00" }), "settlement_iban"],
  ["merchant update: bad status", "POST", (w) => `/v1/merchants/${w.merchant.id}`, () => ({ status: "closed" }), "status"],
  ["merchant update: fee_bps as string", "POST", (w) => `/v1/merchants/${w.merchant.id}`, () => ({ fee_bps: "100" }), "fee_bps"],
  // operators
  ["unknown role", "POST", () => "/v1/operators", () => ({ name: "Eve", role: "god" }), "role"],
  ["operator: unknown field", "POST", () => "/v1/operators", () => ({ name: "Eve", role: "admin", scopes: [] }), "scopes"],
  ["get operator: malformed id", "GET", () => "/v1/operators/opr_", () => undefined, "id"],
  // keys
  ["unknown scope", "POST", () => "/v1/keys", (w) => ({ principal: w.user.id, scopes: ["payments:everything"] }), "scopes[0]"],
  ["empty scopes", "POST", () => "/v1/keys", (w) => ({ principal: w.user.id, scopes: [] }), "scopes"],
  ["scope the principal type may not have", "POST", () => "/v1/keys", (w) => ({ principal: w.agent.id, scopes: ["keys:write"] }), "scopes"],
  ["ledger scope for a merchant", "POST", () => "/v1/keys", (w) => ({ principal: w.merchant.id, scopes: ["ledger:write"] }), "scopes"],
  ["malformed principal", "POST", () => "/v1/keys", () => ({ principal: "usr_bad" }), "principal"],
  ["key id as principal", "POST", () => "/v1/keys", () => ({ principal: "key_01jd3aaaaaaaaaaaaaaaaaaaaa" }), "principal"],
  ["key: unknown field", "POST", () => "/v1/keys", (w) => ({ principal: w.user.id, secret: "ap_usr_mine" }), "secret"],
  ["list keys: malformed principal", "GET", () => "/v1/keys?principal=me", () => undefined, "principal"],
  ["revoke: malformed key id", "POST", () => "/v1/keys/key_x/revoke", () => undefined, "id"],
];

describe.each(engines)("bad input on %s", (engine) => {
  let server: TestServer;
  let world: World;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ["users", "agents", "merchants", "operators", "api_keys", "audit_events"]) {
      out[table] = Number((await sql<{ n: bigint }>`select count(*) as n from ${sql.table(table)}`.execute(server.runtime.database.db)).rows[0]!.n);
    }
    return out;
  };

  beforeAll(async () => {
    server = await startServer(engine);
    const u = await seedUser(server);
    world = { user: u, agent: await seedAgent(server, u), merchant: await seedMerchant(server), jwk: await ed25519PublicJwk() };
  });
  afterAll(async () => server.close());

  it.each(CASES)("rejects %s with 400 and writes nothing", async (_name, method, path, body, param) => {
    const before = await counts();
    const res = await server.call(method, path(world), body(world));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: "invalid_request_error", code: "validation_error" });
    if (param !== undefined) expect(res.json.error.param).toBe(param);
    expect(await counts()).toEqual(before);
  });

  it("rejects a user's bad input on its own agents too", async () => {
    const before = await counts();
    const res = await server.callAs(world.user.key, "POST", "/v1/agents", { display_name: "Bot", public_key_jwk: { ...world.jwk, d: "x" } });
    expect(res.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("answers 404, writing nothing, for an owner or principal that does not exist", async () => {
    const before = await counts();
    const ghost = "usr_01jd3aaaaaaaaaaaaaaaaaaaaa";
    const agent = await server.call("POST", "/v1/agents", { user: ghost, display_name: "Orphan" });
    expect(agent.status).toBe(404);
    expect(agent.json.error).toMatchObject({ code: "not_found", param: "user" });
    const key = await server.call("POST", "/v1/keys", { principal: ghost });
    expect(key.json.error).toMatchObject({ code: "not_found", param: "principal" });
    expect((await server.call("GET", `/v1/users/${ghost}`)).status).toBe(404);
    expect((await server.call("POST", `/v1/users/${ghost}`, { name: "x" })).status).toBe(404);
    expect((await server.call("POST", "/v1/agents/agt_01jd3aaaaaaaaaaaaaaaaaaaaa/suspend")).status).toBe(404);
    expect((await server.call("POST", "/v1/keys/key_01jd3aaaaaaaaaaaaaaaaaaaaa/revoke")).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("rejects malformed JSON, a wrong content type and oversized bodies, writing nothing", async () => {
    const before = await counts();
    const malformed = await server.call("POST", "/v1/users", '{"name": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("invalid_json");
    const text = await server.call("POST", "/v1/merchants", "legal_name=x", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    const huge = await server.call("POST", "/v1/users", { name: "x", residency_region: "cn", metadata: { blob: "y".repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    const proto = await server.call("POST", "/v1/operators", '{"name":"x","role":"admin","__proto__":{"role":"admin"}}');
    expect(proto.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
