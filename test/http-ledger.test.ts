import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { startServer, type TestServer } from "./http-harness.js";

const transfer = (over: Record<string, unknown> = {}) => ({
  id: `t_${Math.random().toString(36).slice(2)}`,
  debit_account_id: "alice",
  credit_account_id: "shop",
  amount: 100,
  currency: "CNY",
  code: 1,
  ...over,
});

describe.each(engines)("ledger HTTP API on %s", (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(engine);
    const created = await server.call("POST", "/v1/ledger/accounts", {
      accounts: [
        { id: "bank", currency: "CNY", code: 10 },
        { id: "alice", currency: "CNY", code: 20, flags: { debits_must_not_exceed_credits: true, history: true } },
        { id: "shop", currency: "CNY", code: 30, owner_ref: "mer_1", metadata: { name: "Shop" } },
        { id: "usd", currency: "USD", code: 20 },
      ],
    });
    expect(created.status).toBe(200);
    expect(created.json.data.map((r: { result: string }) => r.result)).toEqual(["ok", "ok", "ok", "ok"]);
    const funded = await server.call("POST", "/v1/ledger/transfers", {
      transfers: [transfer({ id: "fund", debit_account_id: "bank", credit_account_id: "alice", amount: "100000" })],
    });
    expect(funded.json.data[0].result).toBe("ok");
  });
  afterAll(async () => server.close());

  const counts = async () => {
    const db = server.runtime.database.db;
    const one = async (table: "ledger_transfers" | "ledger_accounts" | "ledger_account_history") =>
      Number((await sql<{ n: bigint }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
    return { transfers: await one("ledger_transfers"), accounts: await one("ledger_accounts"), history: await one("ledger_account_history") };
  };

  it("answers health without a key", async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", engine });
  });

  it("serves the OpenAPI document and its reference page", async () => {
    const doc: any = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/v1/ledger/transfers");
    const page = await fetch(`${server.url}/docs/`);
    expect(page.status).toBe(200);
  });

  it("moves money, reports each result, and is idempotent by transfer id", async () => {
    const t = transfer({ amount: 250, tags: { cost_centre: "cc-7", intent_id: "int_1" }, metadata: { order: "o-1" } });
    const first = await server.call("POST", "/v1/ledger/transfers", { transfers: [t, transfer({ amount: 10 ** 9 })] });
    expect(first.status).toBe(200);
    expect(first.json.data[0]).toMatchObject({ index: 0, result: "ok", transfer: { amount: "250", tags: { cost_centre: "cc-7" } } });
    expect(first.json.data[1]).toMatchObject({ index: 1, result: "exceeds_credits", transfer: null });
    const replay = await server.call("POST", "/v1/ledger/transfers", { transfers: [t] });
    expect(replay.json.data[0]).toMatchObject({ result: "exists", transfer: { id: t.id } });
    const changed = await server.call("POST", "/v1/ledger/transfers", { transfers: [{ ...t, amount: 251 }] });
    expect(changed.json.data[0].result).toBe("exists_with_different_amount");
    const got = await server.call("GET", `/v1/ledger/transfers/${t.id}`);
    expect(got.json).toMatchObject({ object: "ledger_transfer", id: t.id, metadata: { order: "o-1" } });
  });

  it("holds, then posts part of a hold", async () => {
    const hold = transfer({ flags: { pending: true }, timeout: 60, amount: 500 });
    await server.call("POST", "/v1/ledger/transfers", { transfers: [hold] });
    const post = await server.call("POST", "/v1/ledger/transfers", {
      transfers: [{ id: `${hold.id}_post`, pending_id: hold.id, amount: 300, flags: { post_pending_transfer: true } }],
    });
    expect(post.json.data[0]).toMatchObject({ result: "ok", transfer: { amount: "300", debit_account_id: "alice" } });
    const held = await server.call("GET", `/v1/ledger/transfers/${hold.id}`);
    expect(held.json.pending_status).toBe("posted");
  });

  it("reads balances now and at a point in time", async () => {
    const before = await server.call("GET", "/v1/ledger/accounts/alice");
    const at = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await server.call("POST", "/v1/ledger/transfers", { transfers: [transfer({ amount: 1 })] });
    const then = await server.call("GET", `/v1/ledger/accounts/alice/balance?at=${encodeURIComponent(at)}`);
    expect(then.status).toBe(200);
    expect(then.json.debits_posted).toBe(before.json.debits_posted);
    const now = await server.call("GET", "/v1/ledger/accounts/alice");
    expect(BigInt(now.json.debits_posted)).toBe(BigInt(before.json.debits_posted) + 1n);
    const noHistory = await server.call("GET", "/v1/ledger/accounts/shop/balance");
    expect(noHistory.status).toBe(400);
  });

  it("pages an account's transfers newest first with a cursor", async () => {
    await server.call("POST", "/v1/ledger/accounts", { accounts: [{ id: "pager", currency: "CNY", code: 20 }] });
    const ids = Array.from({ length: 5 }, (_, i) => `page_${i}`);
    for (const id of ids) {
      await server.call("POST", "/v1/ledger/transfers", { transfers: [transfer({ id, debit_account_id: "pager", amount: 1 })] });
    }
    const p1 = await server.call("GET", "/v1/ledger/accounts/pager/transfers?limit=2");
    expect(p1.json.data.map((t: { id: string }) => t.id)).toEqual(["page_4", "page_3"]);
    expect(p1.json.has_more).toBe(true);
    const p3 = await server.call("GET", "/v1/ledger/accounts/pager/transfers?limit=2&starting_after=page_1");
    expect(p3.json.data.map((t: { id: string }) => t.id)).toEqual(["page_0"]);
    expect(p3.json.has_more).toBe(false);
  });

  it("answers 404 in the error shape for unknown objects and routes", async () => {
    const acc = await server.call("GET", "/v1/ledger/accounts/nope");
    expect(acc.status).toBe(404);
    expect(acc.json.error).toMatchObject({ type: "invalid_request_error", code: "not_found", param: "id" });
    const tr = await server.call("GET", "/v1/ledger/transfers/nope");
    expect(tr.status).toBe(404);
    const route = await server.call("GET", "/v1/nothing-here");
    expect(route.status).toBe(404);
    expect(route.json.error.code).toBe("route_not_found");
  });

  it("refuses requests without the operator key", async () => {
    const none = await fetch(`${server.url}/v1/ledger/accounts/alice`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).error).toMatchObject({ type: "authentication_error", code: "unauthenticated" });
    const wrong = await server.call("GET", "/v1/ledger/accounts/alice", undefined, { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
  });

  const badTransfers: Array<[string, unknown, string | undefined]> = [
    ["negative amount", { transfers: [transfer({ amount: -5 })] }, "transfers[0].amount"],
    ["zero amount", { transfers: [transfer({ amount: 0 })] }, "transfers[0].amount"],
    ["fractional amount", { transfers: [transfer({ amount: 1.5 })] }, "transfers[0].amount"],
    ["huge amount", { transfers: [transfer({ amount: "99999999999999999999" })] }, "transfers[0].amount"],
    ["unsafe integer amount", { transfers: [transfer({ amount: 2 ** 60 })] }, "transfers[0].amount"],
    ["amount as decimal string", { transfers: [transfer({ amount: "1.50" })] }, "transfers[0].amount"],
    ["unknown currency", { transfers: [transfer({ currency: "XYZ" })] }, "transfers[0].currency"],
    ["lower-case currency", { transfers: [transfer({ currency: "cny" })] }, "transfers[0].currency"],
    ["same debit and credit", { transfers: [transfer({ credit_account_id: "alice" })] }, "transfers[0].credit_account_id"],
    ["unknown field", { transfers: [transfer({ colour: "red" })] }, "transfers[0].colour"],
    ["unknown flag", { transfers: [transfer({ flags: { urgent: true } })] }, "transfers[0].flags.urgent"],
    ["unknown top-level field", { transfers: [transfer()], dry_run: true }, "dry_run"],
    ["empty batch", { transfers: [] }, "transfers"],
    ["bad id", { transfers: [transfer({ id: "has space" })] }, "transfers[0].id"],
    ["negative timeout", { transfers: [transfer({ timeout: -1 })] }, "transfers[0].timeout"],
  ];

  it.each(badTransfers)("rejects %s with 400 and writes nothing", async (_name, body, param) => {
    const before = await counts();
    const res = await server.call("POST", "/v1/ledger/transfers", body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: "invalid_request_error", code: "validation_error" });
    if (param !== undefined) expect(res.json.error.param).toBe(param);
    expect(await counts()).toEqual(before);
  });

  it("rejects malformed JSON, wrong content type and oversized bodies, writing nothing", async () => {
    const before = await counts();
    const malformed = await server.call("POST", "/v1/ledger/transfers", '{"transfers": [');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("invalid_json");
    const empty = await server.call("POST", "/v1/ledger/transfers", "");
    expect(empty.status).toBe(400);
    const text = await server.call("POST", "/v1/ledger/transfers", "transfers=1", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(text.json.error.code).toBe("unsupported_media_type");
    const huge = { transfers: [transfer({ metadata: { blob: "x".repeat(5 * 1024 * 1024) } })] };
    const big = await server.call("POST", "/v1/ledger/transfers", huge);
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe("body_too_large");
    const proto = await server.call("POST", "/v1/ledger/transfers", '{"transfers":[],"__proto__":{"x":1}}');
    expect(proto.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("rejects bad accounts with 400 and writes nothing", async () => {
    const before = await counts();
    const cases = [
      { accounts: [{ id: "x1", currency: "CNY", code: 0 }] },
      { accounts: [{ id: "x1", currency: "EURO", code: 1 }] },
      { accounts: [{ id: "x1", currency: "CNY", code: 1, flags: { closed: true } }] },
      { accounts: [{ id: "x1", currency: "CNY", code: 1, balance: 5 }] },
      { accounts: [{ id: "x1", currency: "CNY", code: 1, metadata: { big: "y".repeat(5000) } }] },
    ];
    for (const body of cases) {
      const res = await server.call("POST", "/v1/ledger/accounts", body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json.error.code).toBe("validation_error");
    }
    expect(await counts()).toEqual(before);
  });

  it("rejects bad query parameters", async () => {
    const limit = await server.call("GET", "/v1/ledger/accounts/alice/transfers?limit=1000");
    expect(limit.status).toBe(400);
    expect(limit.json.error.param).toBe("limit");
    const at = await server.call("GET", "/v1/ledger/accounts/alice/balance?at=yesterday");
    expect(at.status).toBe(400);
    const cursor = await server.call("GET", "/v1/ledger/accounts/alice/transfers?starting_after=nope");
    expect(cursor.status).toBe(400);
    expect(cursor.json.error.param).toBe("starting_after");
  });
});
