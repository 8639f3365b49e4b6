/**
 * Object-level authorisation of every payments, approvals, refunds, receipt, wallet, top-up and
 * payout endpoint: each foreign principal — another user, another user's agent, another agent of
 * the same user, another merchant, operators by role — gets 404 (may not know the object exists)
 * or 403 (may not call at all), never data, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { seedAgent, seedMerchant, seedOperator, type Seeded, seedUser, type TestServer, startServer } from "./http-harness.js";
import { expectStatus, grantMandate, newKey, pay, type Payer, payer, rowCounts, topUp, walletOf } from "./fixtures/payments-world.js";

type Who = "bob" | "bobAgent" | "sibling" | "otherShop" | "admin" | "risk" | "finance" | "support" | "payerUser" | "payerAgent" | "shop";

interface Objects {
  /** A succeeded payment, with a refund. */
  paid: string;
  /** An uncaptured hold. */
  held: string;
  /** A payment waiting for confirmation, and its approval. */
  waiting: string;
  approval: string;
}

interface Case {
  readonly name: string;
  readonly method: "GET" | "POST";
  readonly path: (o: Objects) => string;
  readonly body?: (o: Objects, world: World) => unknown;
  /** Who must be refused, and how. */
  readonly denied: Partial<Record<Who, 403 | 404>>;
}

interface World {
  readonly p: Payer;
  readonly keys: Record<Who, string>;
  readonly ids: Record<Who, string>;
}

const FOREIGN_USERS = { bob: 404, bobAgent: 404, sibling: 404, otherShop: 404 } as const;

const CASES: Case[] = [
  { name: "retrieve a payment", method: "GET", path: (o) => `/v1/payments/${o.paid}`, denied: FOREIGN_USERS },
  { name: "retrieve a hold", method: "GET", path: (o) => `/v1/payments/${o.held}`, denied: FOREIGN_USERS },
  { name: "a payment's receipt", method: "GET", path: (o) => `/v1/payments/${o.paid}/receipt`, denied: FOREIGN_USERS },
  { name: "a payment's refunds", method: "GET", path: (o) => `/v1/payments/${o.paid}/refunds`, denied: FOREIGN_USERS },
  {
    name: "capture a hold",
    method: "POST",
    path: (o) => `/v1/payments/${o.held}/capture`,
    body: () => ({ amount: 100 }),
    denied: { bob: 403, bobAgent: 403, sibling: 403, otherShop: 404, risk: 403, support: 403, payerUser: 403, payerAgent: 403 },
  },
  {
    name: "cancel a hold",
    method: "POST",
    path: (o) => `/v1/payments/${o.held}/cancel`,
    denied: { bob: 403, bobAgent: 404, sibling: 404, otherShop: 404, risk: 403, support: 403 },
  },
  {
    name: "withdraw a payment waiting for confirmation",
    method: "POST",
    path: (o) => `/v1/payments/${o.waiting}/cancel`,
    denied: { bob: 403, bobAgent: 404, sibling: 404, otherShop: 404, risk: 403, support: 403 },
  },
  {
    name: "refund a payment",
    method: "POST",
    path: (o) => `/v1/payments/${o.paid}/refunds`,
    body: () => ({ amount: 100 }),
    denied: { bob: 403, bobAgent: 403, sibling: 403, otherShop: 404, risk: 403, support: 403, payerUser: 403, payerAgent: 403 },
  },
  {
    name: "retrieve an approval",
    method: "GET",
    path: (o) => `/v1/approvals/${o.approval}`,
    denied: { bob: 404, bobAgent: 403, sibling: 403, otherShop: 403, payerAgent: 403, shop: 403 },
  },
  ...(["approve", "decline"] as const).map(
    (verdict): Case => ({
      name: `${verdict} an approval`,
      method: "POST",
      path: (o) => `/v1/approvals/${o.approval}/${verdict}`,
      denied: { bob: 404, bobAgent: 403, sibling: 403, otherShop: 403, payerAgent: 403, shop: 403, admin: 403, risk: 403, finance: 403, support: 403 },
    }),
  ),
  {
    name: "pay under another's mandate",
    method: "POST",
    path: () => "/v1/payments",
    body: (_o, w) => ({ mandate_id: w.p.mandateId, merchant_id: w.p.merchant.id, amount: 100, currency: "CNY", intent: { id: "int_x" } }),
    denied: { bob: 403, bobAgent: 404, sibling: 404, otherShop: 403, admin: 403, risk: 403, finance: 403, support: 403, payerUser: 403, shop: 403 },
  },
  {
    name: "top up another user's wallet",
    method: "POST",
    path: () => "/v1/topups",
    body: (_o, w) => ({ user_id: w.p.user.id, amount: 100, currency: "CNY" }),
    denied: { bob: 404, bobAgent: 403, sibling: 403, otherShop: 403, risk: 403, support: 403 },
  },
  {
    name: "pay out another merchant's balance",
    method: "POST",
    path: () => "/v1/payouts",
    body: (_o, w) => ({ merchant_id: w.p.merchant.id, amount: 100, currency: "CNY" }),
    denied: { bob: 403, bobAgent: 403, sibling: 403, otherShop: 404, risk: 403, support: 403, payerUser: 403, payerAgent: 403 },
  },
  { name: "the wallet", method: "GET", path: () => "/v1/wallet", denied: { otherShop: 403, admin: 403, risk: 403, finance: 403, support: 403 } },
];

describe.each(engines)("object-level authorisation of payments on %s", (engine) => {
  let server: TestServer;
  let world: World;
  let objects: Objects;

  beforeAll(async () => {
    server = await startServer(engine);
    const p = await payer(server, { step_up_threshold: 50_000 });
    const bob = await seedUser(server, { name: "Bob" });
    const bobAgent = await seedAgent(server, bob);
    await topUp(server, bob, 10_000);
    await grantMandate(server, bob, bobAgent.id);
    const sibling = await seedAgent(server, p.user, { display_name: "The payer's other agent" });
    await grantMandate(server, p.user, sibling.id);
    const otherShop = await seedMerchant(server, { legal_name: "Other Shop" });
    const ops = {
      admin: await seedOperator(server, "admin"),
      risk: await seedOperator(server, "risk"),
      finance: await seedOperator(server, "finance"),
      support: await seedOperator(server, "support"),
    };
    const parties: Record<Who, Seeded> = { bob, bobAgent, sibling, otherShop, ...ops, payerUser: p.user, payerAgent: p.agent, shop: p.merchant };
    world = {
      p,
      keys: Object.fromEntries(Object.entries(parties).map(([k, v]) => [k, v.key])) as Record<Who, string>,
      ids: Object.fromEntries(Object.entries(parties).map(([k, v]) => [k, v.id])) as Record<Who, string>,
    };
    const paid = await pay(server, p, { amount: 10_000 });
    expectStatus(paid, 200);
    const refund = await server.call("POST", `/v1/payments/${paid.json.id}/refunds`, { amount: 1_000 }, { authorization: `Bearer ${p.merchant.key}`, "idempotency-key": newKey() });
    expectStatus(refund, 200);
    const held = await pay(server, p, { amount: 5_000, capture: false });
    const waiting = await pay(server, p, { amount: 60_000 });
    expect(waiting.json.status).toBe("requires_confirmation");
    objects = { paid: paid.json.id, held: held.json.id, waiting: waiting.json.id, approval: waiting.json.approval_id };
  });
  afterAll(async () => server.close());

  const call = (c: Case, who: Who) =>
    server.call(c.method, c.path(objects), c.body?.(objects, world), { authorization: `Bearer ${world.keys[who]}`, "idempotency-key": newKey("authz") });

  /** Nothing in the answer names the payer, their agent or their objects beyond what the caller sent. */
  function expectNoData(c: Case, res: { json: any }): void {
    expect(Object.keys(res.json)).toEqual(["error"]);
    expect(res.json.error.payment).toBeUndefined();
    const text = JSON.stringify(res.json);
    for (const secret of [world.p.user.id, world.p.agent.id, objects.approval, objects.waiting, "10000"]) {
      if (!c.path(objects).includes(secret) && !JSON.stringify(c.body?.(objects, world) ?? null).includes(secret)) {
        expect(text).not.toContain(secret);
      }
    }
  }

  it.each(CASES.map((c) => [c.name, c] as const))("%s: foreign principals are refused, nothing is written", async (_name, c) => {
    const before = await rowCounts(server);
    const wallet = await walletOf(server, world.p.user.id);
    for (const [who, status] of Object.entries(c.denied) as Array<[Who, number]>) {
      const res = await call(c, who);
      expect(res.status, `${who}: ${JSON.stringify(res.json)}`).toBe(status);
      expect(res.json.error.code).toBe(status === 404 ? "not_found" : "forbidden");
      expectNoData(c, res);
    }
    expect(await rowCounts(server)).toEqual(before);
    expect(await walletOf(server, world.p.user.id)).toEqual(wallet);
  });

  it("leaves every object as it was", async () => {
    const as = (id: string) => server.callAs(world.keys.admin, "GET", `/v1/payments/${id}`);
    expect((await as(objects.paid)).json).toMatchObject({ status: "succeeded", amount_refunded: 1_000 });
    expect((await as(objects.held)).json).toMatchObject({ status: "requires_capture", amount_captured: 0 });
    expect((await as(objects.waiting)).json).toMatchObject({ status: "requires_confirmation" });
  });

  it("lists only each principal's own payments", async () => {
    const ids = [objects.paid, objects.held, objects.waiting];
    for (const who of ["bob", "bobAgent", "sibling", "otherShop"] as const) {
      const res = await server.callAs(world.keys[who], "GET", "/v1/payments?limit=100");
      expectStatus(res, 200);
      expect(res.json.data.filter((x: any) => ids.includes(x.id)), who).toEqual([]);
      expect(JSON.stringify(res.json)).not.toContain(world.p.user.id);
    }
    for (const who of ["payerUser", "payerAgent", "shop", "support"] as const) {
      const res = await server.callAs(world.keys[who], "GET", "/v1/payments?limit=100");
      expect(res.json.data.map((x: any) => x.id), who).toEqual(expect.arrayContaining(ids));
    }
    const mine = await server.callAs(world.keys.shop, "GET", "/v1/payments?limit=100");
    expect(mine.json.data.every((x: any) => x.merchant_id === world.ids.shop)).toBe(true);
    const agents = await server.callAs(world.keys.payerAgent, "GET", "/v1/payments?limit=100");
    expect(agents.json.data.every((x: any) => x.agent_id === world.ids.payerAgent)).toBe(true);
  });

  it("shows a payment to its agent, user, merchant and operators", async () => {
    for (const who of ["payerUser", "payerAgent", "shop", "admin", "risk", "finance", "support"] as const) {
      const res = await server.callAs(world.keys[who], "GET", `/v1/payments/${objects.paid}`);
      expectStatus(res, 200);
      expect(res.json.id).toBe(objects.paid);
    }
  });

  it("shows each user (and their agents) only their own wallet, with no way to name another", async () => {
    const bobs = await server.callAs(world.keys.bob, "GET", "/v1/wallet");
    expect(bobs.json).toMatchObject({ user_id: world.ids.bob, balances: [{ currency: "CNY", available: 10_000, held: 0 }] });
    const viaAgent = await server.callAs(world.keys.bobAgent, "GET", "/v1/wallet");
    expect(viaAgent.json.user_id).toBe(world.ids.bob);
    const naming = await server.callAs(world.keys.bob, "GET", `/v1/wallet?user_id=${world.p.user.id}`);
    expect(naming.status).toBe(400);
    expect(JSON.stringify(naming.json)).not.toContain("available");
  });

  it("sends a user's approval stream nothing of another user's approvals", async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/v1/approvals/stream`, { headers: { authorization: `Bearer ${world.keys.bob}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const chunks: string[] = [];
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done) return;
        chunks.push(new TextDecoder().decode(value));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 700));
    controller.abort();
    await reading;
    expect(chunks.join("")).not.toContain(objects.approval);
    for (const who of ["payerAgent", "shop", "admin", "support"] as const) {
      expect((await server.callAs(world.keys[who], "GET", "/v1/approvals/stream")).status).toBe(403);
    }
  });
});
