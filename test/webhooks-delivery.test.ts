/**
 * Webhooks end to end against real local receivers: events from real payments, mandates and
 * top-ups are delivered exactly once per event after retries, signed so that the
 * standardwebhooks verifier accepts them, filtered by event type, replayable; an endpoint that
 * keeps failing turns `failing` and recovers through a probe; a hanging receiver never slows a
 * payment.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { type Seeded, seedAgent, seedMerchant, seedUser, startServer, type TestServer } from "./http-harness.js";
import { eventually, type Receiver, startReceiver, verify } from "./webhooks-receiver.js";

const inOneYear = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
let keySeq = 0;
const newKey = () => `wh-${Date.now()}-${keySeq++}`;

/** Short enough for a test to watch every retry; the production schedule is in src/webhooks/settings.ts. */
const FAST = {
  pollIntervalMs: 20,
  retryScheduleMs: [50, 100, 100, 100, 100, 100],
  jitterRatio: 0,
  failingAfterAttempts: 3,
  failingProbeIntervalMs: 300,
  requestTimeoutMs: 3_000,
};

describe.each(engines)("webhook delivery on %s", (engine) => {
  let server: TestServer;
  let alice: Seeded;
  let agent: Seeded;
  let shop: Seeded;
  let mandateId: string;
  let shopRx: Receiver;
  let aliceRx: Receiver;
  let shopEndpoint: { id: string; secret: string };
  let aliceEndpoint: { id: string; secret: string };

  const pay = (amount: number, key = newKey()) =>
    server.call(
      "POST",
      "/v1/payments",
      { merchant_id: shop.id, currency: "CNY", amount, intent: { id: "int_wh", instruction: "pay the shop" }, mandate_id: mandateId },
      { authorization: `Bearer ${agent.key}`, "idempotency-key": key },
    );
  const register = async (owner: Seeded, url: string, events: string[]) => {
    const res = await server.callAs(owner.key, "POST", "/v1/webhook_endpoints", { url, enabled_events: events });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return { id: res.json.id as string, secret: res.json.secret as string };
  };
  const deliveries = async (owner: Seeded, endpointId: string) =>
    (await server.callAs(owner.key, "GET", `/v1/webhook_endpoints/${endpointId}/deliveries?limit=100`)).json.data as any[];
  const ofType = (rx: Receiver, type: string) => rx.requests.filter((r) => r.json.type === type);

  beforeAll(async () => {
    server = await startServer(engine, { webhooks: FAST });
    [shopRx, aliceRx] = await Promise.all([startReceiver(), startReceiver()]);
    alice = await seedUser(server, { name: "Alice", kyc_level: 2 });
    agent = await seedAgent(server, alice);
    shop = await seedMerchant(server);
    // Registered first: they hear of the top-up and the mandate below.
    shopEndpoint = await register(shop, shopRx.url, ["payment.succeeded", "payment.refunded"]);
    aliceEndpoint = await register(alice, aliceRx.url, ["*"]);
    const topup = await server.call("POST", "/v1/topups", { amount: 100_000, currency: "CNY" }, { authorization: `Bearer ${alice.key}`, "idempotency-key": newKey() });
    expect(topup.status).toBe(200);
    const m = await server.callAs(alice.key, "POST", "/v1/mandates", {
      agent_id: agent.id,
      instruction: "Pay the shop, at most ¥300 a payment",
      currency: "CNY",
      amount_max: 30_000,
      step_up_threshold: 20_000,
      not_after: inOneYear(),
    });
    expect(m.status, JSON.stringify(m.json)).toBe(200);
    mandateId = m.json.id;
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([shopRx.close(), aliceRx.close()]);
  });

  it("delivers an event exactly once after failed attempts, every attempt with the same webhook-id and a valid signature", async () => {
    shopRx.failNext(2);
    const paid = await pay(1_000);
    expect(paid.json.status).toBe("succeeded");
    const ok = await eventually(() => shopRx.delivered().find((r) => r.json.data.id === paid.json.id), 10_000, "the shop's delivery");
    const attempts = shopRx.requests.filter((r) => r.json.data.id === paid.json.id);
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of attempts) expect(verify(shopEndpoint.secret, r)).toEqual(r.json);
    expect(ok.json).toMatchObject({
      id: ok.headers["webhook-id"],
      object: "event",
      type: "payment.succeeded",
      data: { object: "payment", id: paid.json.id, status: "succeeded", amount: 1_000, currency: "CNY", merchant_id: shop.id, user_id: alice.id, mandate_id: mandateId },
    });
    expect(ok.headers["content-type"]).toBe("application/json");
    // A wrong secret or a touched body does not verify.
    expect(() => verify(aliceEndpoint.secret, ok)).toThrow();
    expect(() => verify(shopEndpoint.secret, { ...ok, body: ok.body.replace("1000", "9000") })).toThrow();
    // The receiver answers before the worker records the answer: wait for the delivery row to settle.
    const delivery = await eventually(async () => {
      const [d] = (await deliveries(shop, shopEndpoint.id)).filter((x) => x.event_id === ok.headers["webhook-id"]);
      return d?.status !== "pending" && d;
    }, 10_000, "the delivery's recorded outcome");
    expect(delivery).toMatchObject({ object: "webhook_delivery", status: "succeeded", attempts: 3, last_response_status: 200, next_attempt_at: null, event_type: "payment.succeeded" });
    // Exactly once: nothing more arrives for this event.
    await new Promise((r) => setTimeout(r, 300));
    expect(shopRx.requests.filter((r) => r.json.data.id === paid.json.id)).toHaveLength(3);
    const endpoint = await server.callAs(shop.key, "GET", `/v1/webhook_endpoints/${shopEndpoint.id}`);
    expect(endpoint.json).toMatchObject({ status: "enabled", consecutive_failures: 0 });
  });

  it("sends each owner the events it subscribed to: the merchant its filter, the user everything of its own", async () => {
    const stepUp = await pay(25_000);
    expect(stepUp.json.status).toBe("requires_confirmation");
    const approved = await server.callAs(alice.key, "POST", `/v1/approvals/${stepUp.json.approval_id}/approve`);
    expect(approved.json.payment.status).toBe("succeeded");
    const refund = await server.call("POST", `/v1/payments/${stepUp.json.id}/refunds`, { amount: 5_000 }, { authorization: `Bearer ${shop.key}`, "idempotency-key": newKey() });
    expect(refund.status, JSON.stringify(refund.json)).toBe(200);
    await eventually(() => ofType(shopRx, "payment.refunded").length === 1 && ofType(aliceRx, "payment.refunded").length === 1, 10_000, "refund events");
    await eventually(() => aliceRx.delivered().some((r) => r.json.type === "payment.succeeded" && r.json.data.id === stepUp.json.id), 10_000, "alice's payment.succeeded");
    expect(new Set(shopRx.requests.map((r) => r.json.type))).toEqual(new Set(["payment.succeeded", "payment.refunded"]));
    const aliceTypes = aliceRx.delivered().map((r) => r.json.type);
    for (const t of ["topup.succeeded", "mandate.created", "payment.requires_confirmation", "approval.approved", "payment.succeeded", "payment.refunded"]) {
      expect(aliceTypes).toContain(t);
    }
    // Each event once per endpoint.
    const ids = aliceRx.delivered().map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
    const refunded = ofType(shopRx, "payment.refunded")[0]!;
    expect(refunded.json.data).toMatchObject({ object: "refund", id: refund.json.id, payment_id: stepUp.json.id, amount: 5_000, merchant_id: shop.id });
    const mandate = aliceRx.delivered().find((r) => r.json.type === "mandate.created")!;
    expect(mandate.json.data).toMatchObject({ object: "mandate", id: mandateId, status: "active", agent_id: agent.id });
    // The user's natural-language instruction stays out of the payload.
    expect(mandate.body).not.toContain("Pay the shop");
  });

  it("replays a delivery with the same webhook-id and a fresh signature", async () => {
    // The receiver may have the last event before its delivery row records the answer: wait until every delivery is settled.
    const latest = await eventually(async () => {
      const all = await deliveries(shop, shopEndpoint.id);
      return all.every((d) => d.status !== "pending") && all.find((d) => d.status === "succeeded");
    }, 10_000, "settled deliveries");
    const before = shopRx.requests.length;
    const res = await server.callAs(shop.key, "POST", `/v1/webhook_endpoints/${shopEndpoint.id}/deliveries/${latest.id}/replay`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ id: latest.id, status: "succeeded", attempts: latest.attempts + 1, last_response_status: 200 });
    expect(shopRx.requests).toHaveLength(before + 1);
    const replayed = shopRx.requests[before]!;
    expect(replayed.headers["webhook-id"]).toBe(latest.event_id);
    expect(verify(shopEndpoint.secret, replayed).id).toBe(latest.event_id);
  });

  it("signs with both secrets while a rotated-out one is still valid", async () => {
    const rotated = await server.callAs(alice.key, "POST", `/v1/webhook_endpoints/${aliceEndpoint.id}/rotate_secret`, { expire_previous_after_s: 3600 });
    expect(rotated.status, JSON.stringify(rotated.json)).toBe(200);
    expect(rotated.json.secret).toMatch(/^whsec_/);
    expect(rotated.json.secret).not.toBe(aliceEndpoint.secret);
    const paid = await pay(700);
    const got = await eventually(() => aliceRx.delivered().find((r) => r.json.data.id === paid.json.id), 10_000, "a delivery after rotation");
    expect(got.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(verify(rotated.json.secret, got).id).toBe(got.headers["webhook-id"]);
    expect(verify(aliceEndpoint.secret, got).id).toBe(got.headers["webhook-id"]);
    const cut = await server.callAs(alice.key, "POST", `/v1/webhook_endpoints/${aliceEndpoint.id}/rotate_secret`, { expire_previous_after_s: 0 });
    const next = await pay(800);
    const after = await eventually(() => aliceRx.delivered().find((r) => r.json.data.id === next.json.id), 10_000, "a delivery after the second rotation");
    expect(after.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(verify(cut.json.secret, after).id).toBe(after.headers["webhook-id"]);
    expect(() => verify(rotated.json.secret, after)).toThrow();
    aliceEndpoint = { id: aliceEndpoint.id, secret: cut.json.secret };
  });

  it("marks an endpoint failing after consecutive failed attempts, stops it but for probes, and revives it on a success", async () => {
    const rx = await startReceiver();
    try {
      rx.setStatus(503);
      const ep = await register(shop, rx.url, ["payment.succeeded"]);
      const paid = await pay(900);
      await eventually(async () => (await server.callAs(shop.key, "GET", `/v1/webhook_endpoints/${ep.id}`)).json.status === "failing", 10_000, "failing");
      expect(rx.requests).toHaveLength(FAST.failingAfterAttempts);
      const audit = await server.runtime.database.db.selectFrom("audit_events").selectAll().where("object_id", "=", ep.id).orderBy("seq").execute();
      expect(audit.map((a) => a.action)).toEqual(["webhook_endpoint.created", "webhook_endpoint.failing"]);
      expect(audit[1]).toMatchObject({ actor_type: "system", before_status: "enabled", after_status: "failing" });
      // Failing: the next due retry (100 ms) is not attempted; only a probe after failingProbeIntervalMs.
      const failedAt = rx.requests.length;
      await new Promise((r) => setTimeout(r, 150));
      expect(rx.requests.length).toBe(failedAt);
      rx.setStatus(200);
      await eventually(() => rx.delivered().some((r) => r.json.data.id === paid.json.id), 10_000, "the probe");
      await eventually(async () => (await server.callAs(shop.key, "GET", `/v1/webhook_endpoints/${ep.id}`)).json.status === "enabled", 5_000, "recovered");
      const [d] = await deliveries(shop, ep.id);
      expect(d).toMatchObject({ status: "succeeded", attempts: FAST.failingAfterAttempts + 1 });
      const actions = (await server.runtime.database.db.selectFrom("audit_events").select("action").where("object_id", "=", ep.id).orderBy("seq").execute()).map((a) => a.action);
      expect(actions).toEqual(["webhook_endpoint.created", "webhook_endpoint.failing", "webhook_endpoint.recovered"]);
      expect((await server.callAs(shop.key, "DELETE", `/v1/webhook_endpoints/${ep.id}`)).status).toBe(200);
    } finally {
      await rx.close();
    }
  });

  it("never slows a payment: payments answer at once while the receiver hangs", async () => {
    const rx = await startReceiver();
    try {
      rx.setHang(true);
      const ep = await register(shop, rx.url, ["payment.succeeded"]);
      const first = await pay(100);
      await eventually(() => rx.hanging() > 0, 5_000, "the receiver to hold a delivery");
      const timings: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res = await pay(100);
        timings.push(performance.now() - started);
        expect(res.json.status).toBe("succeeded");
      }
      // The receiver is still holding the first delivery open while the payments were answered,
      // each well before the delivery could even time out (a payment waiting on it would take longer).
      expect(rx.hanging()).toBeGreaterThan(0);
      expect(Math.max(...timings)).toBeLessThan(FAST.requestTimeoutMs / 2);
      rx.setHang(false);
      rx.release();
      await eventually(() => rx.delivered().some((r) => r.json.data.id === first.json.id), 10_000, "the late delivery");
      await server.callAs(shop.key, "DELETE", `/v1/webhook_endpoints/${ep.id}`);
    } finally {
      await rx.close();
    }
  });
});
