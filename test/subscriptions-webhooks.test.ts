/**
 * Subscription, posting and invoice events reach both parties' webhook endpoints: the merchant
 * hears of the subscription it gained and the invoice it issued, the user of the subscription and
 * the invoice addressed to them; nobody else hears of either.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "./harness.js";
import { seedUser, type Seeded, startServer, type TestServer } from "./http-harness.js";
import { merchant, newKey, type Party, party, plan, subscribed } from "./subscriptions-world.js";
import { eventually, type Receiver, startReceiver, verify } from "./webhooks-receiver.js";

const FAST = { pollIntervalMs: 20, retryScheduleMs: [50, 100], requestTimeoutMs: 2_000 };

describe.each(engines)("subscription webhooks on %s", (engine) => {
  let server: TestServer;
  let shopRx: Receiver;
  let payerRx: Receiver;
  let strangerRx: Receiver;
  let shop: Seeded;
  let payer: Party;
  const secrets = new Map<Receiver, string>();

  const register = async (owner: Seeded, rx: Receiver, events: string[]) => {
    const res = await server.callAs(owner.key, "POST", "/v1/webhook_endpoints", { url: rx.url, enabled_events: events });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    secrets.set(rx, res.json.secret as string);
  };

  beforeAll(async () => {
    server = await startServer(engine, { webhooks: FAST });
    [shopRx, payerRx, strangerRx] = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
    shop = await merchant(server);
    payer = await party(server);
    const stranger = await seedUser(server, { name: "Stranger", kyc_level: 1 });
    await register(shop, shopRx, ["subscription.created", "invoice.created"]);
    await register(payer.user, payerRx, ["*"]);
    await register(stranger, strangerRx, ["*"]);
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([shopRx.close(), payerRx.close(), strangerRx.close()]);
  });

  it("sends subscription.created and invoice.created to the merchant and the subscriber, signed, and to no one else", async () => {
    const pro = await plan(server, shop, { flat_fee: "10.00", name: `Pro ${newKey("p")}` });
    const sub = await subscribed(server, payer, pro.id);
    const created = (rx: Receiver) => rx.delivered().find((r) => r.json.type === "subscription.created" && r.json.data.id === sub.id);
    const invoiced = (rx: Receiver) => rx.delivered().find((r) => r.json.type === "invoice.created" && r.json.data.subscription_id === sub.id);
    const shopCreated = await eventually(() => created(shopRx), 10_000, "the merchant's subscription.created");
    const payerCreated = await eventually(() => created(payerRx), 10_000, "the user's subscription.created");
    const shopInvoice = await eventually(() => invoiced(shopRx), 10_000, "the merchant's invoice.created");
    await eventually(() => invoiced(payerRx), 10_000, "the user's invoice.created");
    expect(shopCreated.json.data).toMatchObject({ object: "subscription", id: sub.id, merchant_id: shop.id, user_id: payer.user.id, plan_id: pro.id });
    expect(verify(secrets.get(shopRx)!, shopCreated).id).toBe(shopCreated.headers["webhook-id"]);
    expect(verify(secrets.get(payerRx)!, payerCreated).id).toBe(payerCreated.headers["webhook-id"]);
    expect(shopInvoice.json.data).toMatchObject({ object: "invoice", merchant_id: shop.id, amount: 1_000, currency: "CNY" });
    // The merchant's filter holds; the stranger hears nothing of it.
    expect(new Set(shopRx.delivered().map((r) => r.json.type))).toEqual(new Set(["subscription.created", "invoice.created"]));
    await new Promise((r) => setTimeout(r, 300));
    expect(strangerRx.requests.filter((r) => JSON.stringify(r.json).includes(sub.id))).toHaveLength(0);
  });
});
