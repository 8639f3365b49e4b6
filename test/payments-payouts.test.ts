/**
 * Merchant payouts over HTTP: the money is held in the ledger before the funding connector
 * disburses it, so payouts racing on one balance never pay out more than there is; a payout the
 * bank refuses releases its hold; one whose connector call blew up (a crash between hold and
 * settlement, in effect) completes exactly once when retried with its Idempotency-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FundingConnector, sandboxConnector } from "../src/funding/index.js";
import { engines } from "./harness.js";
import { startServer, type TestServer } from "./http-harness.js";
import { expectError, expectStatus, merchantOf, newKey, pay, type Payer, payer } from "./fixtures/payments-world.js";

/** The sandbox, except that a disbursement from the source `sandbox_delay` throws the first time it is tried. */
function flakyConnector(): FundingConnector {
  const sandbox = sandboxConnector();
  const tried = new Set<string>();
  return {
    name: "sandbox",
    collect: (r) => sandbox.collect(r),
    disburse: async (r) => {
      if (r.source !== "sandbox_delay") return sandbox.disburse(r);
      if (tried.has(r.reference)) return sandbox.disburse({ ...r, source: "sandbox_ok" });
      tried.add(r.reference);
      throw new Error("the bank's API timed out");
    },
  };
}

describe.each(engines)("merchant payouts over HTTP on %s", (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(engine, { connector: flakyConnector() });
  });
  afterAll(async () => server.close());

  const payout = (p: Payer, body: Record<string, unknown>, key = newKey("pyo")) =>
    server.call("POST", "/v1/payouts", { currency: "CNY", ...body }, { authorization: `Bearer ${p.merchant.key}`, "idempotency-key": key });

  /** A merchant with 9,900 to pay out (a payment of 10,000 less the 1% fee). */
  async function earning(): Promise<Payer> {
    const p = await payer(server);
    expectStatus(await pay(server, p, { amount: 10_000 }), 200);
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 9_900n, pending: 0n });
    return p;
  }

  it("pays out once per key, and the balance goes down by the amount", async () => {
    const p = await earning();
    const key = newKey("pyo");
    const first = await payout(p, { amount: 4_000 }, key);
    expectStatus(first, 200);
    expect(first.json).toMatchObject({ object: "payout", status: "succeeded", amount: 4_000, party_id: p.merchant.id });
    expect((await payout(p, { amount: 4_000 }, key)).json.id).toBe(first.json.id);
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 5_900n, pending: 0n });
    expectError(await payout(p, { amount: 5_901 }), 400, "validation_error");
  });

  it("never pays out more than the balance when payouts race", async () => {
    const p = await earning();
    const answers = await Promise.all(Array.from({ length: 8 }, () => payout(p, { amount: 6_000 })));
    expect(answers.filter((a) => a.status === 200).length).toBe(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 400 && a.json.error.code === "validation_error")).toBe(true);
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 3_900n, pending: 0n });
  });

  it("releases the hold of a payout the bank declines", async () => {
    const p = await earning();
    const declined = await payout(p, { amount: 6_000, source: "sandbox_decline" });
    expectStatus(declined, 200);
    expect(declined.json).toMatchObject({ status: "failed", failure_code: "source_declined" });
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 9_900n, pending: 0n });
    expectStatus(await payout(p, { amount: 9_900 }), 200);
  });

  it("completes a payout exactly once when retried after its connector call failed", async () => {
    const p = await earning();
    const key = newKey("pyo");
    const broken = await payout(p, { amount: 6_000, source: "sandbox_delay" }, key);
    expectError(broken, 500, "internal_error");
    const retried = await payout(p, { amount: 6_000, source: "sandbox_delay" }, key);
    expectStatus(retried, 200);
    expect(retried.json.status).toBe("succeeded");
    expect(await merchantOf(server, p.merchant.id)).toEqual({ balance: 3_900n, pending: 0n });
    const account = await server.runtime.ledger.account(`merchant:${p.merchant.id}:CNY`);
    expect(account!.debitsPending).toBe(0n);
  });
});
