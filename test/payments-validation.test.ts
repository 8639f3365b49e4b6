/**
 * Bad input on every payments, approvals, refunds, funding and wallet endpoint: negative, zero,
 * fractional and huge amounts, unknown currencies and fields, malformed JSON, oversized bodies,
 * wrong content types, missing or malformed Idempotency-Keys, line items that do not add up. Each
 * is a 4xx in the one error shape, and nothing is written: the row counts of payments, approvals,
 * refunds, funding, audit and ledger tables are the same before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_BYTES_MAX } from "../src/http/limits.js";
import { engines } from "./harness.js";
import { seedOperator, type Seeded, type TestServer, startServer } from "./http-harness.js";
import { expectError, expectStatus, newKey, pay, paymentBody, type Payer, payer, rowCounts, walletOf } from "./fixtures/payments-world.js";

interface Attempt {
  readonly name: string;
  readonly method?: "GET" | "POST";
  readonly path: string;
  /** A value is sent as JSON; a string is sent as it is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly as: "agent" | "merchant" | "user" | "admin";
  /** Send no Idempotency-Key. */
  readonly noKey?: boolean;
  readonly status: number;
  readonly code: string;
  readonly param?: string;
}

describe.each(engines)("bad input to the payment endpoints on %s", (engine) => {
  let server: TestServer;
  let p: Payer;
  let admin: Seeded;
  let paidId: string;
  let heldId: string;
  let approvalId: string;

  beforeAll(async () => {
    server = await startServer(engine);
    p = await payer(server, { step_up_threshold: 50_000 });
    admin = await seedOperator(server, "admin");
    const paid = await pay(server, p, { amount: 10_000 });
    expectStatus(paid, 200);
    paidId = paid.json.id;
    heldId = (await pay(server, p, { amount: 10_000, capture: false })).json.id;
    approvalId = (await pay(server, p, { amount: 60_000 })).json.approval_id;
    expect(approvalId).toMatch(/^apr_/);
  });
  afterAll(async () => server.close());

  const body = (over: Record<string, unknown>) => paymentBody(p, over);
  const without = (key: string) => {
    const b = body({});
    delete b[key];
    return b;
  };

  const payments = (name: string, payload: unknown, status: number, code: string, param?: string, extra: Partial<Attempt> = {}): Attempt => ({
    name: `POST /v1/payments: ${name}`,
    path: "/v1/payments",
    body: payload,
    as: "agent",
    status,
    code,
    ...(param === undefined ? {} : { param }),
    ...extra,
  });

  const attempts = (): Attempt[] => [
    payments("negative amount", body({ amount: -1 }), 400, "validation_error", "amount"),
    payments("zero amount", body({ amount: 0 }), 400, "validation_error", "amount"),
    payments("fractional amount", body({ amount: 10.5 }), 400, "validation_error", "amount"),
    payments("huge amount", body({ amount: 2 ** 60 }), 400, "validation_error", "amount"),
    payments("amount as a string", body({ amount: "1000" }), 400, "validation_error", "amount"),
    payments("amount as an exponent", '{"amount":1e400}', 400, "validation_error"),
    payments("missing amount", without("amount"), 400, "validation_error", "amount"),
    payments("unknown currency", body({ currency: "ABC" }), 400, "validation_error", "currency"),
    payments("lower-case currency", body({ currency: "cny" }), 400, "validation_error", "currency"),
    payments("unknown field", body({ pay_twice: true }), 400, "validation_error", "pay_twice"),
    payments("unknown field in the intent", body({ intent: { id: "int_1", urgency: "high" } }), 400, "validation_error", "intent.urgency"),
    payments("missing intent", without("intent"), 400, "validation_error", "intent"),
    payments("intent time not a date", body({ intent: { id: "int_1", given_at: "yesterday" } }), 400, "validation_error", "intent.given_at"),
    payments("intent hash not sha256 hex", body({ intent: { id: "int_1", instruction_hash: "abc" } }), 400, "validation_error", "intent.instruction_hash"),
    payments("description too long", body({ description: "x".repeat(1_001) }), 400, "validation_error", "description"),
    payments("unknown tag", body({ tags: { project: "x" } }), 400, "validation_error", "tags.project"),
    payments(
      "line items not adding up",
      body({ amount: 1_000, line_items: [{ description: "seat", quantity: 3, unit_amount: 300 }] }),
      400,
      "validation_error",
      "line_items",
    ),
    payments("line item of zero quantity", body({ line_items: [{ description: "seat", quantity: 0, unit_amount: 1_000 }] }), 400, "validation_error", "line_items[0].quantity"),
    payments("negative line item", body({ amount: 1_000, line_items: [{ description: "a", quantity: 1, unit_amount: 1_500 }, { description: "b", quantity: 1, unit_amount: -500 }] }), 400, "validation_error", "line_items[1].unit_amount"),
    payments("capture not a boolean", body({ capture: "no" }), 400, "validation_error", "capture"),
    payments("malformed JSON", '{"amount": 1000,', 400, "invalid_json"),
    payments("empty JSON body", "", 400, "invalid_json"),
    payments("a JSON array", "[]", 400, "validation_error"),
    payments("prototype poisoning", `{"__proto__": {"admin": true}, "amount": 1}`, 400, "invalid_json"),
    payments("oversized body", body({ description: "x".repeat(BODY_BYTES_MAX) }), 413, "body_too_large"),
    payments("wrong content type", "amount=1000", 415, "unsupported_media_type", undefined, { headers: { "content-type": "text/plain" } }),
    payments("form content type", "amount=1000", 415, "unsupported_media_type", undefined, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
    payments("missing Idempotency-Key", body({}), 400, "idempotency_key_required", "Idempotency-Key", { noKey: true }),
    payments("Idempotency-Key too long", body({}), 400, "validation_error", "Idempotency-Key", { headers: { "idempotency-key": "k".repeat(256) } }),
    payments("Idempotency-Key with a space", body({}), 400, "validation_error", "Idempotency-Key", { headers: { "idempotency-key": "two words" } }),
    payments("unknown mandate", body({ mandate_id: "mdt_nope" }), 404, "not_found", "mandate_id"),
    payments("unknown merchant", body({ merchant_id: "mer_nope" }), 404, "not_found", "merchant_id"),

    ...[-1, 0, 1.5, 2 ** 60].map(
      (amount): Attempt => ({
        name: `capture: amount ${amount}`,
        path: `/v1/payments/${heldId}/capture`,
        body: { amount },
        as: "merchant",
        status: 400,
        code: "validation_error",
        param: "amount",
      }),
    ),
    { name: "capture: more than authorised", path: `/v1/payments/${heldId}/capture`, body: { amount: 10_001 }, as: "merchant", status: 400, code: "validation_error", param: "amount" },
    { name: "capture: unknown field", path: `/v1/payments/${heldId}/capture`, body: { amount: 1, final: true }, as: "merchant", status: 400, code: "validation_error", param: "final" },
    { name: "capture: malformed JSON", path: `/v1/payments/${heldId}/capture`, body: "{", as: "merchant", status: 400, code: "invalid_json" },
    { name: "capture: unknown payment", path: "/v1/payments/pay_nope/capture", as: "merchant", status: 404, code: "not_found" },
    { name: "capture: id too long", path: `/v1/payments/${"p".repeat(65)}/capture`, as: "merchant", status: 400, code: "validation_error" },
    { name: "cancel: unknown payment", path: "/v1/payments/pay_nope/cancel", as: "agent", status: 404, code: "not_found" },
    { name: "cancel: a succeeded payment", path: `/v1/payments/${paidId}/cancel`, as: "agent", status: 409, code: "conflict" },

    ...[-1, 0, 1.5, 2 ** 60].map(
      (amount): Attempt => ({
        name: `refund: amount ${amount}`,
        path: `/v1/payments/${paidId}/refunds`,
        body: { amount },
        as: "merchant",
        status: 400,
        code: "validation_error",
        param: "amount",
      }),
    ),
    { name: "refund: more than captured", path: `/v1/payments/${paidId}/refunds`, body: { amount: 10_001 }, as: "merchant", status: 400, code: "validation_error", param: "amount" },
    { name: "refund: unknown field", path: `/v1/payments/${paidId}/refunds`, body: { amount: 1, currency: "USD" }, as: "merchant", status: 400, code: "validation_error", param: "currency" },
    { name: "refund: reason too long", path: `/v1/payments/${paidId}/refunds`, body: { reason: "x".repeat(501) }, as: "merchant", status: 400, code: "validation_error", param: "reason" },
    { name: "refund: missing Idempotency-Key", path: `/v1/payments/${paidId}/refunds`, body: { amount: 1 }, as: "merchant", noKey: true, status: 400, code: "idempotency_key_required" },
    { name: "refund: malformed JSON", path: `/v1/payments/${paidId}/refunds`, body: "{]", as: "merchant", status: 400, code: "invalid_json" },
    { name: "refund: an uncaptured hold", path: `/v1/payments/${heldId}/refunds`, body: { amount: 1 }, as: "merchant", status: 409, code: "conflict" },

    { name: "approve: malformed JSON", path: `/v1/approvals/${approvalId}/approve`, body: "{", as: "user", status: 400, code: "invalid_json" },
    { name: "approve: unknown approval", path: "/v1/approvals/apr_nope/approve", as: "user", status: 404, code: "not_found" },

    ...(["topups", "payouts"] as const).flatMap((kind): Attempt[] => {
      const as = kind === "topups" ? "user" : "merchant";
      const attempt = (name: string, payload: unknown, status: number, code: string, param?: string, extra: Partial<Attempt> = {}): Attempt => ({
        name: `POST /v1/${kind}: ${name}`,
        path: `/v1/${kind}`,
        body: payload,
        as,
        status,
        code,
        ...(param === undefined ? {} : { param }),
        ...extra,
      });
      return [
        ...[-1, 0, 1.5, 2 ** 60].map((amount) => attempt(`amount ${amount}`, { amount, currency: "CNY" }, 400, "validation_error", "amount")),
        attempt("unknown currency", { amount: 100, currency: "XYZ" }, 400, "validation_error", "currency"),
        attempt("unknown field", { amount: 100, currency: "CNY", bonus: 1 }, 400, "validation_error", "bonus"),
        attempt("unknown source", { amount: 100, currency: "CNY", source: "real_bank" }, 400, "validation_error", "source"),
        attempt("missing Idempotency-Key", { amount: 100, currency: "CNY" }, 400, "idempotency_key_required", "Idempotency-Key", { noKey: true }),
        attempt("malformed JSON", "{", 400, "invalid_json"),
        attempt("wrong content type", "100", 415, "unsupported_media_type", undefined, { headers: { "content-type": "text/plain" } }),
      ];
    }),
    { name: "payout: more than the balance", path: "/v1/payouts", body: { amount: 10_000_000, currency: "CNY" }, as: "merchant", status: 400, code: "validation_error", param: "amount" },
    { name: "payout in a currency never received", path: "/v1/payouts", body: { amount: 100, currency: "EUR" }, as: "merchant", status: 400, code: "validation_error", param: "amount" },
    { name: "top-up by an operator naming no user", path: "/v1/topups", body: { amount: 100, currency: "CNY" }, as: "admin", status: 400, code: "validation_error", param: "user_id" },
    { name: "top-up by an operator of an unknown user", path: "/v1/topups", body: { user_id: "usr_nope", amount: 100, currency: "CNY" }, as: "admin", status: 404, code: "not_found", param: "user_id" },
    { name: "payout by an operator of an unknown merchant", path: "/v1/payouts", body: { merchant_id: "mer_nope", amount: 100, currency: "CNY" }, as: "admin", status: 404, code: "not_found", param: "merchant_id" },

    { name: "list: limit 0", method: "GET", path: "/v1/payments?limit=0", as: "agent", status: 400, code: "validation_error", param: "limit" },
    { name: "list: limit too high", method: "GET", path: "/v1/payments?limit=101", as: "agent", status: 400, code: "validation_error", param: "limit" },
    { name: "list: unknown status", method: "GET", path: "/v1/payments?status=paid", as: "agent", status: 400, code: "validation_error", param: "status" },
    { name: "list: unknown parameter", method: "GET", path: "/v1/payments?user_id=usr_x", as: "agent", status: 400, code: "validation_error", param: "user_id" },
    { name: "wallet: not a currency", method: "GET", path: "/v1/wallet?currency=EURO", as: "user", status: 400, code: "validation_error", param: "currency" },
    { name: "payment: unknown", method: "GET", path: "/v1/payments/pay_nope", as: "agent", status: 404, code: "not_found" },
    { name: "receipt of an uncaptured hold", method: "GET", path: `/v1/payments/${heldId}/receipt`, as: "agent", status: 409, code: "conflict" },
  ];

  async function send(a: Attempt): Promise<{ status: number; json: any }> {
    const keys = { agent: p.agent.key, merchant: p.merchant.key, user: p.user.key, admin: admin.key };
    const headers: Record<string, string> = {
      authorization: `Bearer ${keys[a.as]}`,
      ...(a.noKey === true || a.method === "GET" ? {} : { "idempotency-key": newKey("bad") }),
      ...(a.body === undefined ? {} : { "content-type": "application/json" }),
      ...a.headers,
    };
    const init: RequestInit = { method: a.method ?? "POST", headers };
    if (a.body !== undefined) init.body = typeof a.body === "string" ? a.body : JSON.stringify(a.body);
    const res = await fetch(server.url + a.path, init);
    const text = await res.text();
    return { status: res.status, json: text === "" ? null : JSON.parse(text) };
  }

  it("has a case for every endpoint that takes input", () => {
    const routes = new Set(attempts().map((a) => `${a.method ?? "POST"} ${a.path.split("?")[0]!.replace(/\/(pay|apr)_[0-9a-z]+|\/p{65}/g, "/:id")}`));
    expect([...routes].sort()).toEqual(
      [
        "GET /v1/payments",
        "GET /v1/payments/:id",
        "GET /v1/payments/:id/receipt",
        "GET /v1/wallet",
        "POST /v1/approvals/:id/approve",
        "POST /v1/payments",
        "POST /v1/payments/:id/cancel",
        "POST /v1/payments/:id/capture",
        "POST /v1/payments/:id/refunds",
        "POST /v1/payouts",
        "POST /v1/topups",
      ].sort(),
    );
  });

  it("answers each with a 4xx in the error shape and writes nothing", async () => {
    const failures: string[] = [];
    for (const a of attempts()) {
      const before = await rowCounts(server);
      const wallet = await walletOf(server, p.user.id);
      const res = await send(a);
      try {
        expectError(res, a.status, a.code);
        if (a.param !== undefined) expect(res.json.error.param).toBe(a.param);
        expect(res.json.error.payment).toBeUndefined();
        expect(await rowCounts(server)).toEqual(before);
        expect(await walletOf(server, p.user.id)).toEqual(wallet);
      } catch (error) {
        failures.push(`${a.name}: ${(error as Error).message.split("\n")[0]} — ${JSON.stringify(res.json)?.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("still pays with a well-formed request afterwards (the cases above were refused for their input)", async () => {
    const ok = await pay(server, p, { amount: 1_000, line_items: [{ description: "seat", quantity: 2, unit_amount: 500 }] });
    expectStatus(ok, 200);
    expect(ok.json.line_items).toEqual([{ description: "seat", quantity: 2, unit_amount: 500 }]);
  });
});
