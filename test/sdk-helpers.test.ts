/** The SDK's helpers that need no server: idempotency keys, webhook verification, x402 headers, the used-receipt store. */
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  agentPayPayloadOf,
  createAgentPayClient,
  createPaywall,
  agentPayRequirementsOf,
  decodeX402Header,
  encodeX402Header,
  memoryUsedReceiptStore,
  newIdempotencyKey,
  verifyWebhook,
  WebhookVerificationError,
  X402_HEADER_BYTES_MAX,
} from "../sdk/src/index.js";

describe("newIdempotencyKey", () => {
  it("makes distinct printable keys the API accepts", () => {
    const keys = new Set(Array.from({ length: 1_000 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(1_000);
    for (const k of keys) expect(k).toMatch(/^idk_[0-9a-f]{32}$/);
  });
});

describe("verifyWebhook", () => {
  const secret = `whsec_${Buffer.from("a webhook secret of 32 bytes!!!!").toString("base64")}`;
  const payload = JSON.stringify({ type: "payment.succeeded", data: { id: "pay_1" } });
  const signed = (body = payload, at = new Date()) => {
    const id = "msg_1";
    return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, body) };
  };

  it("returns the event for a valid signature, from Node headers or fetch Headers", () => {
    expect(verifyWebhook(secret, payload, signed())).toEqual(JSON.parse(payload));
    expect(verifyWebhook(secret, Buffer.from(payload), new Headers(signed()))).toEqual(JSON.parse(payload));
    expect(verifyWebhook(secret, payload, { ...signed(), "webhook-id": ["msg_1"] })).toEqual(JSON.parse(payload));
  });

  it("throws WebhookVerificationError for a changed body, another secret, an old timestamp or a missing header", () => {
    const headers = signed();
    expect(() => verifyWebhook(secret, payload.replace("pay_1", "pay_2"), headers)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(`whsec_${Buffer.from("another secret of thirty-two byt").toString("base64")}`, payload, headers)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(secret, payload, signed(payload, new Date(Date.now() - 3_600_000)))).toThrow(WebhookVerificationError);
    const { "webhook-signature": _dropped, ...unsigned } = headers;
    expect(() => verifyWebhook(secret, payload, unsigned)).toThrow(WebhookVerificationError);
  });
});

describe("x402 headers", () => {
  const accepted = {
    scheme: "agentpay",
    network: "agentpay",
    amount: "150",
    asset: "CNY",
    payTo: "mer_1",
    maxTimeoutSeconds: 60,
    extra: { payment_request: "h.p.s", payment_request_id: "prq_1" },
  } as const;

  it("round-trips base64 JSON, including non-ASCII text", () => {
    const required = { x402Version: 2, error: "付款", resource: { url: "/天气", description: "", mimeType: "application/json" }, accepts: [accepted] } as const;
    const header = encodeX402Header(required);
    expect(header).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodeX402Header(header)).toEqual(required);
    expect(agentPayRequirementsOf(header)).toEqual(accepted);
    const payload = encodeX402Header({ x402Version: 2, accepted, payload: { payment_request: "a.b.c", receipt: "d.e.f" } });
    expect(agentPayPayloadOf(payload)).toEqual({ payment_request: "a.b.c", receipt: "d.e.f" });
  });

  it("reads nothing from garbage, other schemes, or oversize values", () => {
    expect(decodeX402Header("%%%")).toBeNull();
    expect(decodeX402Header(btoa("not json"))).toBeNull();
    expect(decodeX402Header("A".repeat(X402_HEADER_BYTES_MAX + 4))).toBeNull();
    expect(agentPayRequirementsOf(null)).toBeNull();
    const exact = encodeX402Header({ x402Version: 2, error: "", resource: { url: "/", description: "", mimeType: "" }, accepts: [{ ...accepted, scheme: "exact" as "agentpay" }] });
    expect(agentPayRequirementsOf(exact)).toBeNull();
    expect(agentPayPayloadOf(encodeX402Header({ x402Version: 1 as 2, accepted, payload: { payment_request: "a", receipt: "b" } }))).toBeNull();
  });
});

describe("memoryUsedReceiptStore", () => {
  it("marks a key once until it expires", async () => {
    const store = memoryUsedReceiptStore(10);
    expect(await store.markUsed("prq_1:n", 2_000, 1_000)).toBe("marked");
    expect(await store.markUsed("prq_1:n", 2_000, 1_500)).toBe("already_used");
    expect(await store.markUsed("prq_1:n", 3_000, 2_000)).toBe("marked");
  });

  it("never evicts a live entry to make room: full until entries expire", async () => {
    const store = memoryUsedReceiptStore(3);
    for (const k of ["a", "b", "c"]) expect(await store.markUsed(k, 10_000, 0)).toBe("marked");
    expect(await store.markUsed("d", 10_000, 5_000)).toBe("full");
    expect(await store.markUsed("a", 10_000, 5_000)).toBe("already_used");
    expect(await store.markUsed("d", 20_000, 10_000)).toBe("marked");
    expect(() => memoryUsedReceiptStore(0)).toThrow(RangeError);
  });
});

describe("createPaywall", () => {
  const client = createAgentPayClient({ baseUrl: "http://127.0.0.1:9", apiKey: "sk_test" });
  const merchantId = "mer_01jd3zz8w1m2n3p4q5r6s7t8v9";

  it("refuses a configuration AgentPay would refuse, at start-up", () => {
    expect(() => createPaywall({ client, merchantId })).not.toThrow();
    expect(() => createPaywall({ client, merchantId: "shop-1" })).toThrow(/merchantId/);
    expect(() => createPaywall({ client, merchantId, requestTtlS: 3_601 })).toThrow(/requestTtlS/);
    expect(() => createPaywall({ client, merchantId, requestTtlS: 1.5 })).toThrow(/requestTtlS/);
    expect(() => createPaywall({ client, merchantId, receiptGraceS: -1 })).toThrow(/receiptGraceS/);
  });

  it("answers 503, not 402, when AgentPay cannot be reached to create a payment request", async () => {
    const errors: unknown[] = [];
    const paywall = createPaywall({ client, merchantId, onError: (e) => errors.push(e) });
    const decision = await paywall.check("/x", { amount: 1, currency: "CNY" }, undefined);
    expect(decision).toMatchObject({ kind: "deny", status: 503 });
    expect(errors).toHaveLength(1);
  });
});
