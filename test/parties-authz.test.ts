/**
 * The authorisation matrix: every parties/keys endpoint × every principal that must NOT get in.
 * Each must answer 401, 403 or 404 in the error shape, carry none of the target's data, and
 * change nothing.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { seedAgent, seedMerchant, seedOperator, seedUser, type Seeded, startServer, type TestServer } from "./http-harness.js";

type Who = "anonymous" | "revoked" | "admin" | "support" | "risk" | "finance" | "userA" | "agentA" | "merchantM";

interface World {
  readonly keys: Record<Exclude<Who, "anonymous">, string>;
  readonly admin: Seeded;
  readonly userA: Seeded;
  readonly userB: Seeded;
  readonly agentB: Seeded;
  readonly merchantN: Seeded;
  readonly keyOfUserB: string;
  readonly keyOfAgentB: string;
}

/** Values only the B side's objects contain: none may appear in a refused answer. */
const B_SECRETS = ["Bob Hidden", "bob.hidden@example.com", "Hidden Bot", "Hidden Shop Ltd", "HIDDEN-TAX-1"];

interface Row {
  readonly name: string;
  readonly method: "GET" | "POST";
  readonly path: (w: World) => string;
  readonly body?: (w: World) => unknown;
  /** Who must be kept out, and with which status; anonymous and revoked keys always get 401. */
  readonly denied: Partial<Record<Who, 401 | 403 | 404>>;
}

const ROWS: Row[] = [
  {
    name: "create user",
    method: "POST",
    path: () => "/v1/users",
    body: () => ({ name: "Nobody", residency_region: "cn" }),
    denied: { support: 403, risk: 403, finance: 403, userA: 403, agentA: 403, merchantM: 403 },
  },
  { name: "list users", method: "GET", path: () => "/v1/users", denied: { userA: 403, agentA: 403, merchantM: 403 } },
  { name: "get a foreign user", method: "GET", path: (w) => `/v1/users/${w.userB.id}`, denied: { userA: 404, agentA: 403, merchantM: 403 } },
  {
    name: "update a foreign user",
    method: "POST",
    path: (w) => `/v1/users/${w.userB.id}`,
    body: () => ({ name: "Taken over" }),
    denied: { userA: 404, agentA: 403, merchantM: 403, support: 403, risk: 403, finance: 403 },
  },
  {
    name: "raise one's own KYC level",
    method: "POST",
    path: (w) => `/v1/users/${w.userA.id}`,
    body: () => ({ kyc_level: 3 }),
    denied: { userA: 403 },
  },
  {
    name: "create an agent for a foreign user",
    method: "POST",
    path: () => "/v1/agents",
    body: (w) => ({ user: w.userB.id, display_name: "Intruder" }),
    denied: { userA: 404, agentA: 403, merchantM: 403, support: 403, risk: 403, finance: 403 },
  },
  {
    name: "list a foreign user's agents",
    method: "GET",
    path: (w) => `/v1/agents?user=${w.userB.id}`,
    denied: { userA: 404, agentA: 403, merchantM: 403 },
  },
  { name: "list agents", method: "GET", path: () => "/v1/agents", denied: { agentA: 403, merchantM: 403 } },
  { name: "get a foreign agent", method: "GET", path: (w) => `/v1/agents/${w.agentB.id}`, denied: { userA: 404, agentA: 404, merchantM: 403 } },
  {
    name: "update a foreign agent",
    method: "POST",
    path: (w) => `/v1/agents/${w.agentB.id}`,
    body: () => ({ display_name: "Renamed" }),
    denied: { userA: 404, agentA: 403, merchantM: 403, support: 403, risk: 403, finance: 403 },
  },
  {
    name: "suspend a foreign agent",
    method: "POST",
    path: (w) => `/v1/agents/${w.agentB.id}/suspend`,
    denied: { userA: 404, agentA: 403, merchantM: 403, support: 403, finance: 403 },
  },
  {
    name: "reactivate a foreign agent",
    method: "POST",
    path: (w) => `/v1/agents/${w.agentB.id}/reactivate`,
    denied: { userA: 404, agentA: 403, merchantM: 403, support: 403, finance: 403 },
  },
  {
    name: "create merchant",
    method: "POST",
    path: () => "/v1/merchants",
    body: () => ({ legal_name: "Shell Co", country: "CN", category: "software" }),
    denied: { support: 403, risk: 403, finance: 403, userA: 403, agentA: 403, merchantM: 403 },
  },
  { name: "list merchants", method: "GET", path: () => "/v1/merchants", denied: { userA: 403, agentA: 403, merchantM: 403 } },
  {
    name: "get a foreign merchant",
    method: "GET",
    path: (w) => `/v1/merchants/${w.merchantN.id}`,
    denied: { merchantM: 404, userA: 403, agentA: 403 },
  },
  {
    name: "update a merchant",
    method: "POST",
    path: (w) => `/v1/merchants/${w.merchantN.id}`,
    body: () => ({ fee_bps: 0 }),
    denied: { merchantM: 403, userA: 403, agentA: 403, support: 403, risk: 403, finance: 403 },
  },
  {
    name: "create operator",
    method: "POST",
    path: () => "/v1/operators",
    body: () => ({ name: "Mallory", role: "admin" }),
    denied: { support: 403, risk: 403, finance: 403, userA: 403, agentA: 403, merchantM: 403 },
  },
  {
    name: "list operators",
    method: "GET",
    path: () => "/v1/operators",
    denied: { support: 403, risk: 403, finance: 403, userA: 403, agentA: 403, merchantM: 403 },
  },
  {
    name: "get another operator",
    method: "GET",
    path: (w) => `/v1/operators/${w.admin.id}`,
    denied: { support: 404, risk: 404, finance: 404, userA: 403, agentA: 403, merchantM: 403 },
  },
  {
    name: "create a key for a foreign user",
    method: "POST",
    path: () => "/v1/keys",
    body: (w) => ({ principal: w.userB.id }),
    denied: { userA: 404, merchantM: 404, agentA: 403, support: 403, risk: 403, finance: 403 },
  },
  {
    name: "create a key for a foreign agent",
    method: "POST",
    path: () => "/v1/keys",
    body: (w) => ({ principal: w.agentB.id }),
    denied: { userA: 404, merchantM: 404, agentA: 403, support: 403 },
  },
  {
    name: "create a key for a foreign merchant",
    method: "POST",
    path: () => "/v1/keys",
    body: (w) => ({ principal: w.merchantN.id }),
    denied: { userA: 404, merchantM: 404, agentA: 403, support: 403 },
  },
  {
    name: "create a key for an operator",
    method: "POST",
    path: () => "/v1/keys",
    body: (w) => ({ principal: w.admin.id }),
    denied: { userA: 404, merchantM: 404, agentA: 403, support: 403, risk: 403, finance: 403 },
  },
  {
    name: "an agent creates a key for itself",
    method: "POST",
    path: () => "/v1/keys",
    body: () => ({ principal: "SELF_AGENT" }),
    denied: { agentA: 403 },
  },
  { name: "list keys", method: "GET", path: () => "/v1/keys", denied: { agentA: 403, support: 403, risk: 403, finance: 403 } },
  {
    name: "list a foreign user's keys",
    method: "GET",
    path: (w) => `/v1/keys?principal=${w.userB.id}`,
    denied: { userA: 404, merchantM: 404, agentA: 403, support: 403 },
  },
  {
    name: "get a foreign user's key",
    method: "GET",
    path: (w) => `/v1/keys/${w.keyOfUserB}`,
    denied: { userA: 404, merchantM: 404, agentA: 403, support: 403, risk: 403, finance: 403 },
  },
  {
    name: "get a foreign agent's key",
    method: "GET",
    path: (w) => `/v1/keys/${w.keyOfAgentB}`,
    denied: { userA: 404, merchantM: 404, agentA: 403 },
  },
  {
    name: "revoke a foreign user's key",
    method: "POST",
    path: (w) => `/v1/keys/${w.keyOfUserB}/revoke`,
    denied: { userA: 404, merchantM: 404, agentA: 403, support: 403, risk: 403, finance: 403 },
  },
  {
    name: "revoke a foreign agent's key",
    method: "POST",
    path: (w) => `/v1/keys/${w.keyOfAgentB}/revoke`,
    denied: { userA: 404, merchantM: 404, agentA: 403 },
  },
  {
    name: "read the raw ledger",
    method: "GET",
    path: () => "/v1/ledger/accounts/anything",
    denied: { support: 403, risk: 403, userA: 403, agentA: 403, merchantM: 403 },
  },
  {
    name: "write the raw ledger",
    method: "POST",
    path: () => "/v1/ledger/accounts",
    body: () => ({ accounts: [{ id: "sneaky", currency: "CNY", code: 1 }] }),
    denied: { support: 403, risk: 403, userA: 403, agentA: 403, merchantM: 403 },
  },
];

const CODE_OF = { 401: "unauthenticated", 403: "forbidden", 404: "not_found" } as const;

describe.each(engines)("authorisation matrix on %s", (engine) => {
  let server: TestServer;
  let world: World;
  let agentA: Seeded;
  let snapshot: Record<string, number>;

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of ["users", "agents", "merchants", "operators", "api_keys", "audit_events", "ledger_accounts"]) {
      out[table] = Number((await sql<{ n: bigint }>`select count(*) as n from ${sql.table(table)}`.execute(server.runtime.database.db)).rows[0]!.n);
    }
    const revoked = await sql<{ n: bigint }>`select count(*) as n from api_keys where revoked_at is not null`.execute(server.runtime.database.db);
    out.revoked = Number(revoked.rows[0]!.n);
    return out;
  };

  beforeAll(async () => {
    server = await startServer(engine);
    const admin = await seedOperator(server, "admin");
    const support = await seedOperator(server, "support");
    const risk = await seedOperator(server, "risk");
    const finance = await seedOperator(server, "finance");
    const userA = await seedUser(server, { name: "Alice Visible" });
    agentA = await seedAgent(server, userA, { display_name: "Alice Bot" });
    const merchantM = await seedMerchant(server, { legal_name: "Visible Shop" });
    const userB = await seedUser(server, { name: "Bob Hidden", email: "bob.hidden@example.com" });
    const agentB = await seedAgent(server, userB, { display_name: "Hidden Bot" });
    const merchantN = await seedMerchant(server, { legal_name: "Hidden Shop Ltd", tax_id: "HIDDEN-TAX-1" });
    const keyOfUserB = (await server.call("POST", "/v1/keys", { principal: userB.id })).json.id;
    const keyOfAgentB = (await server.call("POST", "/v1/keys", { principal: agentB.id })).json.id;
    const revokedKey = await server.call("POST", "/v1/keys", { principal: userA.id });
    await server.call("POST", `/v1/keys/${revokedKey.json.id}/revoke`);
    world = {
      keys: {
        revoked: revokedKey.json.secret,
        admin: admin.key,
        support: support.key,
        risk: risk.key,
        finance: finance.key,
        userA: userA.key,
        agentA: agentA.key,
        merchantM: merchantM.key,
      },
      admin,
      userA,
      userB,
      agentB,
      merchantN,
      keyOfUserB,
      keyOfAgentB,
    };
    snapshot = await counts();
  });
  afterAll(async () => server.close());

  const cases = ROWS.flatMap((row) =>
    Object.entries({ anonymous: 401, revoked: 401, ...row.denied } as Record<Who, 401 | 403 | 404>).map(
      ([who, status]) => [`${row.name} as ${who} → ${status}`, row, who as Who, status] as const,
    ),
  );

  it.each(cases)("%s", async (_label, row, who, status) => {
    const path = row.path(world);
    const raw = row.body?.(world);
    const body = JSON.parse(JSON.stringify(raw ?? null).replace('"SELF_AGENT"', JSON.stringify(agentA.id))) ?? undefined;
    const res =
      who === "anonymous"
        ? await server.call(row.method, path, body, { authorization: "" })
        : await server.callAs(world.keys[who], row.method, path, body);
    expect(res.status).toBe(status);
    expect(Object.keys(res.json)).toEqual(["error"]);
    expect(res.json.error.code).toBe(CODE_OF[status]);
    const text = JSON.stringify(res.json);
    for (const secret of B_SECRETS) expect(text).not.toContain(secret);
  });

  it("lets the principals who may in (positive control)", async () => {
    const { keys, userA, userB, merchantN } = world;
    expect((await server.callAs(keys.userA, "GET", `/v1/users/${userA.id}`)).status).toBe(200);
    expect((await server.callAs(keys.agentA, "GET", `/v1/agents/${agentA.id}`)).status).toBe(200);
    expect((await server.callAs(keys.support, "GET", `/v1/users/${userB.id}`)).json.name).toBe("Bob Hidden");
    expect((await server.callAs(keys.finance, "GET", `/v1/merchants/${merchantN.id}`)).json.tax_id).toBe("HIDDEN-TAX-1");
    const mine = await server.callAs(keys.userA, "GET", "/v1/agents");
    expect(mine.json.data.map((a: any) => a.id)).toEqual([agentA.id]);
    const myKeys = await server.callAs(keys.userA, "GET", "/v1/keys?limit=100");
    expect(new Set(myKeys.json.data.map((k: any) => k.principal))).toEqual(new Set([userA.id, agentA.id]));
  });

  it("changed nothing while refusing", async () => {
    expect(await counts()).toEqual(snapshot);
    const { userB, agentB, merchantN } = world;
    const b = await server.call("GET", `/v1/users/${userB.id}`);
    expect(b.json).toMatchObject({ name: "Bob Hidden", kyc_level: 0 });
    expect((await server.call("GET", `/v1/agents/${agentB.id}`)).json).toMatchObject({ display_name: "Hidden Bot", status: "active" });
    expect((await server.call("GET", `/v1/merchants/${merchantN.id}`)).json.fee_bps).toBeNull();
    expect((await server.call("GET", `/v1/keys/${world.keyOfUserB}`)).json.status).toBe("active");
  });
});
