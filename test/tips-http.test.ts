/**
 * Tips over HTTP on both engines: POST /v1/tips moves money wallet → creator with the fee split,
 * carries its message to the recipient, spends the mandate's tip caps (per recipient per day and
 * per day overall, days of the user's time zone) exactly under concurrency, and declines with
 * machine-readable codes that move nothing. Every route gets its happy, error and security cases.
 */
import { compactVerify, createLocalJWKSet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { DECLINE_CODES } from "../src/payments/index.js";
import { sendTip } from "../src/tips/index.js";
import { engines } from "./harness.js";
import { seedAgent, seedMerchant, seedOperator, type Seeded, startServer, type TestServer } from "./http-harness.js";
import {
  auditOf,
  DAY_MS,
  expectDeclined as expectPaymentDeclined,
  expectError,
  expectStatus,
  grantMandate,
  mandateOf,
  merchantOf,
  newKey,
  pay,
  type Payer,
  payer,
  rowCounts,
  T0_MS,
  walletOf,
} from "./fixtures/payments-world.js";

const TIPS = { per_recipient_day_max: 1_000, day_max: 1_500 };

describe.each(engines)("tips over HTTP on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  /** Two creators anyone may tip. */
  let c1: Seeded;
  let c2: Seeded;
  /** The decline codes these tests saw, to check that every tip decline code is tested. */
  const covered = new Set<string>();
  const expectDeclined = (res: { status: number; json: any }, code: string) => {
    covered.add(code);
    return expectPaymentDeclined(res, code);
  };

  beforeAll(async () => {
    server = await startServer(engine, { clock, sweep: false });
    c1 = await seedMerchant(server, { legal_name: "Skill Author One", category: "creator" });
    c2 = await seedMerchant(server, { legal_name: "Blog Writer Two", category: "creator" });
  });
  afterAll(async () => server.close());

  /** A funded payer whose mandate allows tips (unless `mandate` says otherwise), at the clock's now. */
  const tipper = (mandate: Record<string, unknown> = { tips: TIPS }) => payer(server, mandate, { merchant: c1 });

  function tipBody(p: Payer, over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      mandate_id: p.mandateId,
      recipient: c1.id,
      amount: 500,
      currency: "CNY",
      intent: { id: "int_tip", instruction: "tip the author of the weather skill" },
      reference: "skill:weather",
      ...over,
    };
  }

  const tip = (p: Payer, over: Record<string, unknown> = {}, key = newKey("tip"), as = p.agent.key) =>
    server.call("POST", "/v1/tips", tipBody(p, over), { authorization: `Bearer ${as}`, "idempotency-key": key });

  it("tips a creator: money moves wallet → creator with the fee, and the creator reads the message", async () => {
    clock.setMs(T0_MS);
    const p = await tipper();
    const creatorBefore = await merchantOf(server, c1.id);
    const res = await tip(p, { message: "Thanks for the weather skill!" });
    expectStatus(res, 200);
    expect(res.json).toMatchObject({
      object: "payment",
      purpose: "tip",
      status: "succeeded",
      amount: 500,
      amount_captured: 500,
      fee_amount: 5,
      merchant_id: c1.id,
      tip_message: "Thanks for the weather skill!",
      order_reference: "skill:weather",
      line_items: null,
      intent: { id: "int_tip" },
    });
    expect(await walletOf(server, p.user.id)).toEqual({ available: 999_500n, held: 0n });
    expect(await merchantOf(server, c1.id)).toEqual({ balance: creatorBefore.balance + 495n, pending: 0n });

    const seen = await server.callAs(c1.key, "GET", `/v1/payments/${res.json.id}`);
    expectStatus(seen, 200);
    expect(seen.json).toMatchObject({ purpose: "tip", tip_message: "Thanks for the weather skill!" });
    expect(JSON.stringify(seen.json)).not.toContain("tip the author");
    const received = await server.callAs(c1.key, "GET", "/v1/payments?purpose=tip&limit=100");
    expect(received.json.data.map((x: any) => x.id)).toContain(res.json.id);
    expect(received.json.data.every((x: any) => x.purpose === "tip" && x.merchant_id === c1.id)).toBe(true);

    expect((await auditOf(server, res.json.id)).map((e) => e.action)).toEqual(["payment.succeeded"]);
    const receipt = await server.callAs(p.agent.key, "GET", `/v1/payments/${res.json.id}/receipt`);
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    const verified = await compactVerify(receipt.json.jws, createLocalJWKSet(jwks as any));
    expect(JSON.parse(new TextDecoder().decode(verified.payload)).receipt).toMatchObject({ payment_id: res.json.id, amount: "500" });
    expect((await mandateOf(server, p)).remaining).toMatchObject({ tip_day: 1_000 });
  });

  it("caps each recipient and the day separately, and resets at midnight of the user's time zone", async () => {
    // 23:30 in Asia/Shanghai, 15:30 in UTC: the user's day ends in half an hour, UTC's does not.
    clock.setMs(Date.parse("2027-03-10T15:30:00Z"));
    const p = await tipper();
    expectStatus(await tip(p, { amount: 600, reference: "r1" }), 200);
    const before = await walletOf(server, p.user.id);
    expectDeclined(await tip(p, { amount: 500, reference: "r2" }), "over_tip_cap_recipient");
    expectStatus(await tip(p, { amount: 400, reference: "r3" }), 200);
    expectDeclined(await tip(p, { recipient: c2.id, amount: 600, reference: "r4" }), "over_tip_cap_day");
    expectStatus(await tip(p, { recipient: c2.id, amount: 500, reference: "r5" }), 200);
    expectDeclined(await tip(p, { recipient: c2.id, amount: 1, reference: "r6" }), "over_tip_cap_day");
    expect(await walletOf(server, p.user.id)).toEqual({ available: before.available - 900n, held: 0n });
    expect((await mandateOf(server, p)).remaining.tip_day).toBe(0);
    // Purchases are not tips: the caps leave them alone.
    expectStatus(await pay(server, p, { merchant_id: c1.id, amount: 2_000 }), 200);

    clock.setMs(Date.parse("2027-03-10T16:01:00Z"));
    expect((await mandateOf(server, p)).remaining.tip_day).toBe(1_500);
    expectStatus(await tip(p, { amount: 1_000, reference: "r7" }), 200);
    expectDeclined(await tip(p, { amount: 1, reference: "r8" }), "over_tip_cap_recipient");
    expectStatus(await tip(p, { recipient: c2.id, amount: 500, reference: "r9" }), 200);
  });

  it("is exact under concurrency: 20 tips against a cap that fits 5, then two recipients under one day cap", async () => {
    clock.setMs(T0_MS + DAY_MS);
    const p = await tipper({ tips: { per_recipient_day_max: 500, day_max: 800 } });
    const creatorBefore = await merchantOf(server, c1.id);
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => tip(p, { amount: 100, reference: `c-${i}` })));
    expect(first.filter((r) => r.status === 200).length).toBe(5);
    for (const r of first.filter((x) => x.status !== 200)) expectDeclined(r, "over_tip_cap_recipient");
    expect(await walletOf(server, p.user.id)).toEqual({ available: 999_500n, held: 0n });
    expect(await merchantOf(server, c1.id)).toEqual({ balance: creatorBefore.balance + 495n, pending: 0n });

    clock.setMs(T0_MS + 2 * DAY_MS);
    const both = await Promise.all(
      Array.from({ length: 20 }, (_, i) => tip(p, { recipient: i % 2 === 0 ? c1.id : c2.id, amount: 100, reference: `d-${i}` })),
    );
    const paid = both.filter((r) => r.status === 200).map((r) => r.json);
    expect(paid.length).toBe(8);
    for (const who of [c1.id, c2.id]) expect(paid.filter((x) => x.merchant_id === who).length).toBeLessThanOrEqual(5);
    for (const r of both.filter((x) => x.status !== 200)) {
      expect(["over_tip_cap_recipient", "over_tip_cap_day"]).toContain(r.json.error.decline_code);
    }
    expect(await walletOf(server, p.user.id)).toEqual({ available: 998_700n, held: 0n });
  });

  it("declines with tips_not_allowed under a mandate without tip caps, recording and moving nothing", async () => {
    clock.setMs(T0_MS);
    const p = await tipper({});
    expect((await mandateOf(server, p)).tips).toBeNull();
    const before = await rowCounts(server);
    const res = await tip(p);
    expectError(res, 402, "payment_declined");
    expect(res.json.error).toMatchObject({ type: "payment_error", decline_code: "tips_not_allowed", param: "mandate_id" });
    expect(res.json.error.payment).toBeUndefined();
    covered.add("tips_not_allowed");
    expect(await rowCounts(server)).toEqual(before);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n, held: 0n });
  });

  it("applies the mandate's own rules: payee, amount range, other budgets", async () => {
    clock.setMs(T0_MS);
    const p = await tipper({ tips: TIPS, allowed_merchants: [c1.id], amount_min: 100, amount_max: 800, budget_day: 700 });
    expectDeclined(await tip(p, { recipient: c2.id }), "payee_not_allowed");
    expectDeclined(await tip(p, { amount: 50 }), "amount_below_range");
    expectDeclined(await tip(p, { amount: 900 }), "amount_above_range");
    expectStatus(await tip(p, { amount: 600, reference: "a" }), 200);
    expectDeclined(await tip(p, { amount: 200, reference: "b" }), "over_budget_period");
    expect(await walletOf(server, p.user.id)).toEqual({ available: 999_400n, held: 0n });
  });

  it("takes no recurrence slot of a recurring mandate", async () => {
    clock.setMs(T0_MS);
    const p = await tipper({ tips: TIPS, recurrence: { frequency: "month", max_occurrences: 2 } });
    expectStatus(await tip(p, { reference: "a" }), 200);
    expectStatus(await tip(p, { reference: "b" }), 200);
    expectStatus(await pay(server, p, { merchant_id: c1.id, amount: 1_000 }), 200);
    expect((await mandateOf(server, p)).remaining.occurrences).toBe(1);
  });

  it("waits for the user above the step-up threshold and spends the caps when approved", async () => {
    clock.setMs(T0_MS);
    const p = await tipper({ tips: TIPS, step_up_threshold: 300 });
    const res = await tip(p, { amount: 800, message: "Great work" });
    expectStatus(res, 200);
    expect(res.json).toMatchObject({ status: "requires_confirmation", purpose: "tip", amount_captured: 0 });
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n, held: 0n });
    expectError(await server.callAs(p.agent.key, "POST", `/v1/approvals/${res.json.approval_id}/approve`), 403);
    const approved = await server.callAs(p.user.key, "POST", `/v1/approvals/${res.json.approval_id}/approve`);
    expectStatus(approved, 200);
    expect(approved.json.payment).toMatchObject({ status: "succeeded", purpose: "tip", tip_message: "Great work", amount_captured: 800 });
    expect((await mandateOf(server, p)).remaining.tip_day).toBe(700);
    expectDeclined(await tip(p, { amount: 300, reference: "more" }), "over_tip_cap_recipient");
  });

  it("is idempotent: the same key answers the same tip, another body under it is refused", async () => {
    clock.setMs(T0_MS);
    const p = await tipper();
    const key = newKey("tip");
    const first = await tip(p, { message: "Thank you" }, key);
    expectStatus(first, 200);
    const again = await server.call("POST", "/v1/tips", tipBody(p, { message: "Thank you" }), {
      authorization: `Bearer ${p.agent.key}`,
      "idempotency-key": key,
    });
    expect(again.json.id).toBe(first.json.id);
    expectError(await tip(p, { amount: 501, message: "Thank you" }, key), 422, "idempotency_key_reused");
    // Under the HTTP replay layer, the use case itself converges on the first tip whatever the wording.
    const actor = { type: "agent" as const, id: p.agent.id, userId: p.user.id };
    const body = { ...tipBody(p), message: "Thanks a lot" } as any;
    const direct = await sendTip(server.runtime.payments, actor, body, key, null);
    expect(direct.ok && direct.value.id).toBe(first.json.id);
    expect(direct.ok && direct.value.tipMessage).toBe("Thank you");
    const purchaseKey = await sendTip(server.runtime.payments, actor, body, "purchase-key", null);
    expect(purchaseKey.ok).toBe(true);
    const reused = await pay(server, p, { merchant_id: c1.id, amount: 500 }, "purchase-key");
    expectError(reused, 422, "idempotency_key_reused");
    expect(await walletOf(server, p.user.id)).toEqual({ available: 999_000n, held: 0n });
  });

  it("refuses bad input with a clear 4xx and writes nothing", async () => {
    clock.setMs(T0_MS);
    const p = await tipper();
    const before = await rowCounts(server);
    const cases: [Record<string, unknown>, number, string, string | undefined][] = [
      [{ message: "x".repeat(281) }, 400, "validation_error", "message"],
      [{ message: "hi\u0007there" }, 400, "validation_error", "message"],
      [{ message: "Thanks \u202Eevil\u202C" }, 400, "validation_error", "message"],
      [{ message: "As you said: Tip the author of the WEATHER skill." }, 400, "validation_error", "message"],
      [{ amount: 0 }, 400, "validation_error", "amount"],
      [{ amount: 1.5 }, 400, "validation_error", "amount"],
      [{ currency: "cny" }, 400, "validation_error", "currency"],
      [{ reference: "r".repeat(129) }, 400, "validation_error", "reference"],
      [{ cart: [] }, 400, "validation_error", undefined],
      [{ intent: undefined }, 400, "validation_error", "intent"],
      [{ recipient: "mer_nobody" }, 404, "not_found", "recipient"],
      [{ mandate_id: "mdt_nobody" }, 404, "not_found", "mandate_id"],
    ];
    for (const [over, status, code, param] of cases) {
      const res = await tip(p, over);
      expectError(res, status, code);
      if (param !== undefined) expect(res.json.error.param, JSON.stringify(over)).toBe(param);
    }
    const noKey = await server.callAs(p.agent.key, "POST", "/v1/tips", tipBody(p));
    expectError(noKey, 400, "idempotency_key_required");
    expectError(await tip(p, {}, "mcp:forged"), 400, "validation_error");
    expect(await rowCounts(server)).toEqual(before);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n, held: 0n });
  });

  it("lets only the mandate's agent tip: users, merchants, operators and other agents are refused", async () => {
    clock.setMs(T0_MS);
    const p = await tipper();
    const other = await tipper();
    const sibling = await seedAgent(server, p.user);
    const readOnly = await seedAgent(server, p.user, {}, ["payments:read"]);
    const admin = await seedOperator(server, "admin");
    const before = await rowCounts(server);
    for (const key of [p.user.key, c1.key, admin.key, readOnly.key]) expectError(await tip(p, {}, newKey(), key), 403);
    expectError(await tip(p, {}, newKey(), other.agent.key), 404, "not_found");
    expectError(await tip(p, {}, newKey(), sibling.key), 404, "not_found");
    expect(await rowCounts(server)).toEqual(before);
    expect(await walletOf(server, p.user.id)).toEqual({ available: 1_000_000n, held: 0n });
  });

  it("shows a tip to its recipient, payer user and agent only", async () => {
    clock.setMs(T0_MS);
    const p = await tipper();
    const other = await tipper();
    const sent = await tip(p, { message: "For you" });
    expectStatus(sent, 200);
    const path = `/v1/payments/${sent.json.id}`;
    for (const key of [c1.key, p.user.key, p.agent.key]) expectStatus(await server.callAs(key, "GET", path), 200);
    for (const key of [c2.key, other.user.key, other.agent.key]) expectError(await server.callAs(key, "GET", path), 404, "not_found");
    const c2Tips = await server.callAs(c2.key, "GET", "/v1/payments?purpose=tip&limit=100");
    expect(c2Tips.json.data.map((x: any) => x.id)).not.toContain(sent.json.id);
    const othersTips = await server.callAs(other.agent.key, "GET", "/v1/payments?purpose=tip");
    expect(othersTips.json.data).toEqual([]);
    const mine = await server.callAs(p.user.key, "GET", "/v1/payments?purpose=tip");
    expect(mine.json.data.map((x: any) => x.id)).toEqual([sent.json.id]);
    expectError(await server.callAs(p.user.key, "GET", "/v1/payments?purpose=gift"), 400, "validation_error");
  });

  it("keeps tip caps in the mandate: validated, shown and signed", async () => {
    clock.setMs(T0_MS);
    const p = await tipper();
    const bad = async (tips: unknown, over: Record<string, unknown> = {}) => {
      const res = await server.callAs(p.user.key, "POST", "/v1/mandates", {
        agent_id: p.agent.id,
        instruction: "tips",
        currency: "CNY",
        amount_max: 1_000,
        not_after: new Date(clock.nowMs() + DAY_MS).toISOString(),
        tips,
        ...over,
      });
      expectError(res, 400, "validation_error");
      return res.json.error.param;
    };
    expect(await bad({ per_recipient_day_max: 2_000, day_max: 1_000 })).toBe("tips.per_recipient_day_max");
    expect(await bad({ per_recipient_day_max: 50, day_max: 1_000 }, { amount_min: 100 })).toBe("tips.per_recipient_day_max");
    expect(await bad({ day_max: 1_000 })).toBe("tips.per_recipient_day_max");
    expect(await bad({ per_recipient_day_max: 0, day_max: 1_000 })).toBe("tips.per_recipient_day_max");
    expect(await bad({ per_recipient_day_max: 100, day_max: 1_000, week_max: 1 })).toMatch(/^tips/);

    const m = await mandateOf(server, p);
    expect(m.tips).toEqual(TIPS);
    expect(m.remaining.tip_day).toBe(1_500);
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    const claims = JSON.parse(new TextDecoder().decode((await compactVerify(m.jws, createLocalJWKSet(jwks as any))).payload));
    expect(claims.mandate.constraints.tips).toEqual({ per_recipient_day_max: "1000", day_max: "1500" });
    const plain = await grantMandate(server, p.user, p.agent.id);
    expect(plain.tips).toBeNull();
    expect(plain.remaining.tip_day).toBeNull();
  });

  it("covers every tip decline code", () => {
    const tipCodes = DECLINE_CODES.filter((c) => c.includes("tip"));
    expect(tipCodes.length).toBe(3);
    for (const code of tipCodes) expect(covered, code).toContain(code);
  });
});
