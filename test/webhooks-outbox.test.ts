/**
 * The outbox machinery: the dispatcher's cursor and its gaps (an audit event that commits after
 * a later one was read is still delivered; a rolled-back sequence number is given up after the
 * grace period), exactly-once dispatch when two AgentPay processes share the database, the retry
 * schedule, the SSRF policy and the settings.
 */
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRow } from "../src/audit/index.js";
import { newId } from "../src/core/ids.js";
import { retryDelayMs } from "../src/webhooks/deliver.js";
import { advance, fill, prune } from "../src/webhooks/gaps.js";
import { DEFAULT_WEBHOOK_SETTINGS, loadWebhookSettings, RETRY_SCHEDULE_MS } from "../src/webhooks/index.js";
import { addressAllowed, urlRefusal } from "../src/webhooks/url-policy.js";
import { engines } from "./harness.js";
import { type Seeded, seedAgent, seedUser, startServer, type TestServer } from "./http-harness.js";
import { eventually, type Receiver, startReceiver, verify } from "./webhooks-receiver.js";

const FAST = { pollIntervalMs: 20, retryScheduleMs: [50, 100], jitterRatio: 0, gapGraceMs: 1_500 };
const inOneYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

describe("the cursor's gap arithmetic", () => {
  it("records the numbers skipped between the cursor and what was read", () => {
    expect(advance(10, [10, 11, 14, 15, 18], 5)).toEqual({
      next: 19,
      gaps: [
        { from: 12, to: 13, seenAtMs: 5 },
        { from: 16, to: 17, seenAtMs: 5 },
      ],
    });
    expect(advance(10, [], 5)).toEqual({ next: 10, gaps: [] });
  });

  it("removes found numbers, splitting ranges", () => {
    const gaps = [{ from: 12, to: 20, seenAtMs: 1 }];
    expect(fill(gaps, [12, 15, 20])).toEqual([
      { from: 13, to: 14, seenAtMs: 1 },
      { from: 16, to: 19, seenAtMs: 1 },
    ]);
    expect(fill(gaps, [11, 21])).toEqual(gaps);
  });

  it("gives up gaps past the grace period and bounds how many it keeps", () => {
    const gaps = [
      { from: 1, to: 1, seenAtMs: 0 },
      { from: 3, to: 3, seenAtMs: 900 },
      { from: 5, to: 5, seenAtMs: 950 },
    ];
    expect(prune(gaps, 1_000, 500, 10).map((g) => g.from)).toEqual([3, 5]);
    expect(prune(gaps, 1_000, 5_000, 2).map((g) => g.from)).toEqual([3, 5]);
  });
});

describe("the retry schedule", () => {
  it("is 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 24 h, then the delivery fails", () => {
    const s = { ...DEFAULT_WEBHOOK_SETTINGS, jitterRatio: 0 };
    expect(RETRY_SCHEDULE_MS.map((_, i) => retryDelayMs(s, i + 1))).toEqual([5e3, 30e3, 120e3, 600e3, 1_800e3, 3_600e3, 10_800e3, 21_600e3, 43_200e3, 86_400e3]);
    expect(retryDelayMs(s, RETRY_SCHEDULE_MS.length + 1)).toBeNull();
  });

  it("jitters each delay within ±20 %", () => {
    const s = DEFAULT_WEBHOOK_SETTINGS;
    expect(retryDelayMs(s, 1, () => 0)).toBe(4_000);
    expect(retryDelayMs(s, 1, () => 1)).toBe(6_000);
    expect(retryDelayMs(s, 2, () => 0.5)).toBe(30_000);
  });
});

describe("the SSRF policy", () => {
  it("allows public addresses always, this machine under `loopback`, private networks only under `any`", () => {
    for (const a of ["8.8.8.8", "2606:4700:4700::1111"]) expect(addressAllowed(a, "public")).toBe(true);
    for (const a of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      expect([addressAllowed(a, "public"), addressAllowed(a, "loopback"), addressAllowed(a, "any")]).toEqual([false, true, true]);
    }
    for (const a of ["10.1.2.3", "172.20.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "::"]) {
      expect([addressAllowed(a, "public"), addressAllowed(a, "loopback"), addressAllowed(a, "any")], a).toEqual([false, false, true]);
    }
  });

  it("refuses URLs that are not http(s), carry credentials, or name a forbidden address literal", () => {
    expect(urlRefusal("https://hooks.example.com/x", "public")).toBeNull();
    expect(urlRefusal("http://127.0.0.1:8080/x", "loopback")).toBeNull();
    expect(urlRefusal("http://127.0.0.1:8080/x", "public")).not.toBeNull();
    expect(urlRefusal("http://localhost/x", "public")).not.toBeNull();
    expect(urlRefusal("http://[::1]/x", "public")).not.toBeNull();
    expect(urlRefusal("http://[fd00::1]/x", "loopback")).not.toBeNull();
    expect(urlRefusal("file:///etc/passwd", "any")).not.toBeNull();
    expect(urlRefusal("https://a:b@example.com/", "any")).not.toBeNull();
  });

  it("reads AGENTPAY_WEBHOOK_ALLOW_PRIVATE, defaulting to loopback outside production and public-only in production", () => {
    expect(loadWebhookSettings({})).toEqual({ targets: "loopback" });
    expect(loadWebhookSettings({ NODE_ENV: "production" })).toEqual({ targets: "public" });
    expect(loadWebhookSettings({ AGENTPAY_WEBHOOK_ALLOW_PRIVATE: "1" })).toEqual({ targets: "any" });
    expect(loadWebhookSettings({ AGENTPAY_WEBHOOK_ALLOW_PRIVATE: "false" })).toEqual({ targets: "public" });
    expect(() => loadWebhookSettings({ AGENTPAY_WEBHOOK_ALLOW_PRIVATE: "maybe" })).toThrow(/AGENTPAY_WEBHOOK_ALLOW_PRIVATE/);
  });
});

describe.each(engines)("the audit trail as outbox on %s", (engine) => {
  let server: TestServer;
  let second: TestServer;
  let alice: Seeded;
  let agent: Seeded;
  let rx: Receiver;
  let secret: string;

  /** An audit event as a use case writes it, for a mandate of Alice's (routed to her endpoints). */
  const auditValues = (action: string) =>
    auditRow({ actor: { type: "user", id: alice.id }, action, objectType: "mandate", objectId: newId("mdt"), userId: alice.id, afterStatus: "paused" }, Date.now());
  const cursor = () => server.runtime.database.db.selectFrom("webhook_dispatch_cursor").selectAll().executeTakeFirstOrThrow();
  /** Sequence numbers v, v+1, … v+9 that no writer will take. */
  const reserveSeqs = async (): Promise<number> => {
    const db = server.runtime.database.db;
    if (engine === "sqlite") return Number((await db.selectFrom("audit_events").select((eb) => eb.fn.max("seq").as("m")).executeTakeFirstOrThrow()).m) + 1;
    const { rows } = await sql<{ v: bigint }>`SELECT nextval(pg_get_serial_sequence('audit_events', 'seq')) AS v`.execute(db);
    const v = Number(rows[0]!.v);
    await sql`SELECT setval(pg_get_serial_sequence('audit_events', 'seq'), ${v + 10})`.execute(db);
    return v;
  };
  const gapsNow = async () => JSON.parse((await cursor()).gaps) as number[][];
  const deliveredIds = () => rx.delivered().map((r) => r.json.data.id as string);

  beforeAll(async () => {
    rx = await startReceiver();
    server = await startServer(engine, { webhooks: FAST });
    // A second AgentPay process on the same database, with its own worker.
    second = await startServer(engine, { shareDatabaseOf: server, webhooks: FAST });
    alice = await seedUser(server, { name: "Alice" });
    agent = await seedAgent(server, alice);
    const ep = await server.callAs(alice.key, "POST", "/v1/webhook_endpoints", { url: rx.url, enabled_events: ["*"] });
    expect(ep.status, JSON.stringify(ep.json)).toBe(200);
    secret = ep.json.secret;
  });
  afterAll(async () => {
    await second.close();
    await server.close();
    await rx.close();
  });

  it("dispatches each event once when two processes share the database", async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? server : second).callAs(alice.key, "POST", "/v1/mandates", {
          agent_id: agent.id,
          instruction: `mandate ${i}`,
          currency: "CNY",
          amount_max: 1_000,
          not_after: inOneYear(),
        }),
      ),
    );
    const ids = created.map((c) => c.json.id as string);
    await eventually(() => ids.every((id) => deliveredIds().includes(id)), 15_000, "every mandate.created");
    await new Promise((r) => setTimeout(r, 200));
    const forThese = rx.requests.filter((r) => ids.includes(r.json.data.id));
    expect(forThese).toHaveLength(ids.length);
    for (const r of forThese) expect(verify(secret, r).type).toBe("mandate.created");
    const rows = await server.runtime.database.db.selectFrom("webhook_deliveries").select("event_id").where("event_type", "=", "mandate.created").execute();
    expect(rows).toHaveLength(ids.length);
  });

  it("delivers an event whose sequence number was passed before it appeared, and gives up a gap that never fills", async () => {
    const db = server.runtime.database.db;
    // The cursor reads seq s+2 while s+1 is not there yet (on PostgreSQL: a transaction that commits later).
    const v = await reserveSeqs();
    const late = { ...auditValues("mandate.paused"), seq: BigInt(v) };
    const early = { ...auditValues("mandate.paused"), seq: BigInt(v + 1) };
    const never = { ...auditValues("mandate.paused"), seq: BigInt(v + 3) };
    await db.insertInto("audit_events").values(early).execute();
    await eventually(() => deliveredIds().includes(early.object_id), 10_000, "the early event");
    expect(await gapsNow()).toContainEqual([v, v, expect.any(Number)]);
    await db.insertInto("audit_events").values(late).execute();
    await eventually(() => deliveredIds().includes(late.object_id), 10_000, "the late event");
    expect(await gapsNow()).not.toContainEqual([v, v, expect.any(Number)]);
    // v + 2 never appears (a rolled-back insert): given up after the grace period.
    await db.insertInto("audit_events").values(never).execute();
    await eventually(() => deliveredIds().includes(never.object_id), 10_000, "the event after the hole");
    expect(await gapsNow()).toContainEqual([v + 2, v + 2, expect.any(Number)]);
    await eventually(async () => (await gapsNow()).length === 0, 10_000, "the gap to lapse");
    expect(rx.requests.filter((r) => [early, late, never].some((e) => e.object_id === r.json.data.id))).toHaveLength(3);
  });

  it.runIf(engine === "postgres")("delivers an event committed after a later one was dispatched (a real concurrent transaction)", async () => {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const held = auditValues("mandate.revoked");
      const columns = Object.keys(held);
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO audit_events (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
        Object.values(held).map((v) => (typeof v === "bigint" ? v.toString() : v)),
      );
      // Committed after the held insert took its sequence number, and dispatched first.
      const after = await server.callAs(alice.key, "POST", "/v1/mandates", { agent_id: agent.id, instruction: "later", currency: "CNY", amount_max: 1_000, not_after: inOneYear() });
      await eventually(() => deliveredIds().includes(after.json.id), 10_000, "the later event");
      expect(deliveredIds()).not.toContain(held.object_id);
      await client.query("COMMIT");
      const got = await eventually(() => rx.delivered().find((r) => r.json.data.id === held.object_id), 10_000, "the held event");
      expect(verify(secret, got).type).toBe("mandate.revoked");
    } finally {
      await client.end();
    }
  });
});
