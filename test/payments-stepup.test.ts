/**
 * Step-up over HTTP: a payment above the mandate's threshold (or one risk wants confirmed) waits
 * in `requires_confirmation`; only its user approves or declines, before the deadline; then it
 * goes through the ledger or ends `canceled`. The user follows pending approvals over SSE.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { type RiskHook, sweepPayments } from "../src/payments/index.js";
import { engines } from "./harness.js";
import { seedOperator, type Seeded, seedUser, type TestServer, startServer } from "./http-harness.js";
import { expectError, expectStatus, mandateOf, merchantOf, pay, type Payer, payer, T0_MS, walletOf } from "./fixtures/payments-world.js";

const APPROVAL_TIMEOUT_S = 600;
const THRESHOLD = 20_000;
const TOP_UP = 1_000_000n;
/** The amount the test risk engine wants confirmed. */
const RISKY_AMOUNT = 6_666;
const risk: RiskHook = async (ctx) =>
  ctx.amount === BigInt(RISKY_AMOUNT) ? { action: "step_up", reasons: ["test:confirm"] } : { action: "allow", reasons: [] };
const SSE_WAIT_MS = 5_000;

describe.each(engines)("step-up approvals over HTTP on %s", (engine) => {
  const clock = new ManualClock(T0_MS);
  let server: TestServer;
  let stranger: Seeded;
  let admin: Seeded;

  beforeAll(async () => {
    server = await startServer(engine, { clock, risk, sweep: false, payments: { approvalTimeoutS: APPROVAL_TIMEOUT_S } });
    stranger = await seedUser(server, { name: "Stranger" });
    admin = await seedOperator(server, "admin");
  });
  afterAll(async () => server.close());

  const decide = (approvalId: string, verdict: "approve" | "decline", as: string) =>
    server.callAs(as, "POST", `/v1/approvals/${approvalId}/${verdict}`);

  async function waiting(p: Payer, over: Record<string, unknown> = {}): Promise<any> {
    const res = await pay(server, p, { amount: THRESHOLD + 5_000, ...over });
    expectStatus(res, 200);
    expect(res.json).toMatchObject({ status: "requires_confirmation", amount_captured: 0, decline_code: null });
    expect(res.json.approval_id).toMatch(/^apr_/);
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP, held: 0n });
    return res.json;
  }

  async function expectNothingMoved(p: Payer): Promise<void> {
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP, held: 0n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 0n, pending: 0n });
    expect((await mandateOf(server, p)).remaining.total).toBe(100_000);
  }

  const mandate = { step_up_threshold: THRESHOLD, budget_total: 100_000 };

  it("pays once the user approves; only the user may, and only once", async () => {
    const p = await payer(server, mandate);
    const w = await waiting(p);
    const approval = await server.callAs(p.user.key, "GET", `/v1/approvals/${w.approval_id}`);
    expect(approval.json).toMatchObject({ object: "approval", payment_id: w.id, user_id: p.user.id, status: "pending", reason: "mandate_step_up" });
    expect(approval.json.expires_at).toBe(Math.floor(clock.nowMs() / 1000) + APPROVAL_TIMEOUT_S);

    expectError(await decide(w.approval_id, "approve", p.agent.key), 403, "forbidden");
    expectError(await decide(w.approval_id, "approve", p.merchant.key), 403, "forbidden");
    expectError(await decide(w.approval_id, "approve", admin.key), 403, "forbidden");
    const foreign = await decide(w.approval_id, "approve", stranger.key);
    expectError(foreign, 404, "not_found");
    expect(JSON.stringify(foreign.json)).not.toContain(w.id);
    await expectNothingMoved(p);

    const approved = await decide(w.approval_id, "approve", p.user.key);
    expectStatus(approved, 200);
    expect(approved.json.approval).toMatchObject({ id: w.approval_id, status: "approved" });
    expect(approved.json.payment).toMatchObject({ id: w.id, status: "succeeded", amount_captured: 25_000, fee_amount: 250 });
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 25_000n, held: 0n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 24_750n, pending: 0n });

    expectError(await decide(w.approval_id, "approve", p.user.key), 409, "conflict");
    expectError(await decide(w.approval_id, "decline", p.user.key), 409, "conflict");
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - 25_000n, held: 0n });
  });

  it("ends canceled (confirmation_declined) when the user declines; nothing moves", async () => {
    const p = await payer(server, mandate);
    const w = await waiting(p);
    const declined = await decide(w.approval_id, "decline", p.user.key);
    expectStatus(declined, 200);
    expect(declined.json.approval.status).toBe("declined");
    expect(declined.json.payment).toMatchObject({ status: "canceled", cancellation_reason: "confirmation_declined", decline_code: null });
    expectError(await decide(w.approval_id, "approve", p.user.key), 409, "conflict");
    await expectNothingMoved(p);
  });

  it("ends canceled (confirmation_expired) when the user approves too late; nothing moves", async () => {
    const p = await payer(server, mandate);
    const w = await waiting(p);
    clock.advanceMs((APPROVAL_TIMEOUT_S + 1) * 1000);
    expectError(await decide(w.approval_id, "approve", p.user.key), 409, "conflict");
    const after = await server.callAs(p.agent.key, "GET", `/v1/payments/${w.id}`);
    expect(after.json).toMatchObject({ status: "canceled", cancellation_reason: "confirmation_expired" });
    expect((await server.callAs(p.user.key, "GET", `/v1/approvals/${w.approval_id}`)).json.status).toBe("expired");
    await expectNothingMoved(p);
  });

  it("ends canceled (confirmation_expired) through the sweeper when nobody answers", async () => {
    const p = await payer(server, mandate);
    const w = await waiting(p);
    clock.advanceMs((APPROVAL_TIMEOUT_S - 1) * 1000);
    await sweepPayments(server.runtime.payments);
    expect((await server.callAs(p.agent.key, "GET", `/v1/payments/${w.id}`)).json.status).toBe("requires_confirmation");
    clock.advanceMs(2_000);
    await sweepPayments(server.runtime.payments);
    const after = await server.callAs(p.agent.key, "GET", `/v1/payments/${w.id}`);
    expect(after.json).toMatchObject({ status: "canceled", cancellation_reason: "confirmation_expired" });
    expect((await server.callAs(p.user.key, "GET", `/v1/approvals/${w.approval_id}`)).json.status).toBe("expired");
    await expectNothingMoved(p);
  });

  it("declines with mandate_revoked when the mandate was revoked while the user decided", async () => {
    const p = await payer(server, mandate);
    const w = await waiting(p);
    expectStatus(await server.callAs(p.user.key, "POST", `/v1/mandates/${p.mandateId}/revoke`), 200);
    const approved = await decide(w.approval_id, "approve", p.user.key);
    expectStatus(approved, 200);
    expect(approved.json.payment).toMatchObject({ id: w.id, status: "declined", decline_code: "mandate_revoked", amount_captured: 0 });
    expect((await server.callAs(p.agent.key, "GET", `/v1/payments/${w.id}`)).json.status).toBe("declined");
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP, held: 0n });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 0n, pending: 0n });
  });

  it("lets risk ask for confirmation (risk_step_up), and an approved hold waits for capture", async () => {
    const p = await payer(server, mandate);
    const w = await waiting(p, { amount: RISKY_AMOUNT, capture: false });
    expect((await server.callAs(p.user.key, "GET", `/v1/approvals/${w.approval_id}`)).json.reason).toBe("risk_step_up");
    const approved = await decide(w.approval_id, "approve", p.user.key);
    expect(approved.json.payment).toMatchObject({ status: "requires_capture", amount_captured: 0 });
    expect(await walletOf(server, p.user.id)).toEqual({ available: TOP_UP - BigInt(RISKY_AMOUNT), held: BigInt(RISKY_AMOUNT) });
  });

  it("lets the agent withdraw a payment waiting for confirmation", async () => {
    const p = await payer(server, mandate);
    const w = await waiting(p);
    const canceled = await server.callAs(p.agent.key, "POST", `/v1/payments/${w.id}/cancel`);
    expectStatus(canceled, 200);
    expect(canceled.json).toMatchObject({ status: "canceled", cancellation_reason: "requested_by_agent" });
    expectError(await decide(w.approval_id, "approve", p.user.key), 409, "conflict");
    await expectNothingMoved(p);
  });

  it("streams the user's approvals over SSE: each new one and each decision, no one else's", async () => {
    const p = await payer(server, mandate);
    expectError(await server.callAs(p.agent.key, "GET", "/v1/approvals/stream"), 403, "forbidden");
    const mine = await openStream(server.url, p.user.key);
    const theirs = await openStream(server.url, stranger.key);
    try {
      // The clock stands still: both approvals and the decision carry the same time.
      const first = await waiting(p);
      expect(await mine.next((e) => e.id === first.approval_id)).toMatchObject({ status: "pending", payment_id: first.id });
      const second = await waiting(p);
      expect(await mine.next((e) => e.id === second.approval_id)).toMatchObject({ status: "pending", payment_id: second.id });
      expectStatus(await decide(first.approval_id, "decline", p.user.key), 200);
      expect(await mine.next((e) => e.id === first.approval_id && e.status === "declined")).toMatchObject({ object: "approval" });
      expect(theirs.seen().filter((e) => e.user_id === p.user.id)).toEqual([]);
    } finally {
      mine.close();
      theirs.close();
    }
  });
});

interface Stream {
  /** Resolves with the first event (seen so far or to come) that matches; rejects after SSE_WAIT_MS. */
  next(match: (event: any) => boolean): Promise<any>;
  seen(): any[];
  close(): void;
}

/** Reads GET /v1/approvals/stream with fetch and a reader, collecting its `approval` events. */
async function openStream(url: string, key: string): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${url}/v1/approvals/stream`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const events: any[] = [];
  const waiters: Array<() => void> = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const frames = buffer.split("\n\n");
      buffer = frames.pop()!;
      for (const frame of frames) {
        const lines = frame.split("\n");
        if (!lines.includes("event: approval")) continue;
        const data = lines.find((l) => l.startsWith("data: "));
        if (data !== undefined) events.push(JSON.parse(data.slice("data: ".length)));
      }
      for (const w of waiters.splice(0)) w();
    }
  })();
  return {
    seen: () => [...events],
    close: () => controller.abort(),
    async next(match) {
      const deadline = Date.now() + SSE_WAIT_MS;
      for (;;) {
        const found = events.find(match);
        if (found !== undefined) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching approval event within ${SSE_WAIT_MS} ms; saw ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}
