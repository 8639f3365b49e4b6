/**
 * Fixtures of the usage tests: a server with a merchant, a user and their agent, meters created
 * through the API, and plans and subscriptions inserted directly with Kysely. The subscriptions
 * API is built in parallel (src/subscriptions); these rows carry exactly the fields ingestion
 * reads (merchant, plan, status, charging mode, current period, reservation), and tests set the
 * period and the reservation as a renewal or a top-up would.
 */
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { PlanChargeBody } from "../src/billing/index.js";
import type { Database } from "../src/store/index.js";
import { type Seeded, seedAgent, seedMerchant, seedUser, type TestServer } from "./http-harness.js";

export const DAY_MS = 24 * 3_600_000;
/** 2025-03-01T00:00:00Z: periods in the tests start here. */
export const T0_MS = Date.UTC(2025, 2, 1);

export interface Parties {
  readonly shop: Seeded;
  readonly otherShop: Seeded;
  readonly user: Seeded;
  readonly agent: Seeded;
  readonly otherUser: Seeded;
  readonly otherAgent: Seeded;
}

export async function seedParties(server: TestServer): Promise<Parties> {
  const shop = await seedMerchant(server, { legal_name: "Metered API Ltd" });
  const otherShop = await seedMerchant(server, { legal_name: "Other Shop Ltd" });
  const user = await seedUser(server, { name: "Alice" });
  const agent = await seedAgent(server, user);
  const otherUser = await seedUser(server, { name: "Bob" });
  const otherAgent = await seedAgent(server, otherUser);
  return { shop, otherShop, user, agent, otherUser, otherAgent };
}

let typeSeq = 0;
/** An event type unique to this run (meters' types are unique per merchant). */
export const newType = (base: string): string => `${base}_${typeSeq++}`;

export async function createMeter(server: TestServer, key: string, body: Record<string, unknown>): Promise<any> {
  const res = await server.callAs(key, "POST", "/v1/meters", { name: "A meter", ...body });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

export interface SubscriptionSetup {
  readonly merchantId: string;
  readonly userId: string;
  readonly agentId: string;
  readonly charges: readonly Partial<PlanChargeBody>[];
  readonly chargingMode?: "reserve" | "arrears";
  readonly periodStartMs?: number;
  readonly periodEndMs?: number;
  readonly reservedFine?: bigint;
  readonly status?: string;
  readonly currency?: string;
}

const rid = (prefix: string): string => `${prefix}_${randomBytes(13).toString("hex")}`;

/** A plan with the given usage charges and an active subscription to it; returns the subscription id. */
export async function insertSubscription(database: Database, s: SubscriptionSetup): Promise<string> {
  const nowMs = BigInt(T0_MS);
  const planId = rid("pln");
  const currency = s.currency ?? "CNY";
  const mode = s.chargingMode ?? "arrears";
  const charges = s.charges.map((c) => ({ included_quantity: 0, limit_quantity: null, price: { model: "per_unit", unit_price: "0.01" }, ...c }));
  await database.db
    .insertInto("plans")
    .values({
      id: planId,
      merchant_id: s.merchantId,
      name: "Metered plan",
      description: null,
      currency,
      interval: "month",
      billing_anchor: "anniversary",
      charging_mode: mode,
      flat_fee_fine: 0n,
      reservation_amount: null,
      charges: JSON.stringify(charges),
      status: "active",
      metadata: null,
      created_at: nowMs,
      updated_at: nowMs,
    })
    .execute();
  const id = rid("sub");
  await database.db
    .insertInto("subscriptions")
    .values({
      id,
      merchant_id: s.merchantId,
      plan_id: planId,
      user_id: s.userId,
      agent_id: s.agentId,
      mandate_id: rid("mdt"),
      currency,
      status: s.status ?? "active",
      charging_mode: mode,
      billing_anchor: "anniversary",
      timezone: "UTC",
      anchor_at: BigInt(s.periodStartMs ?? T0_MS),
      period_number: 1n,
      current_period_start: BigInt(s.periodStartMs ?? T0_MS),
      current_period_end: BigInt(s.periodEndMs ?? T0_MS + 30 * DAY_MS),
      cancel_at_period_end: 0n,
      cancel_reason: null,
      canceled_at: null,
      ended_at: null,
      reservation_amount: null,
      reserved_fine: s.reservedFine ?? 0n,
      consumed_fine: 0n,
      residual_fine: 0n,
      intent_id: "int_usage_tests",
      intent_hash: null,
      idempotency_key: rid("idem"),
      request_hash: "test",
      buyer: null,
      metadata: null,
      created_at: nowMs,
      updated_at: nowMs,
    })
    .execute();
  return id;
}

/** What a renewal does to the row, for the tests' purposes: the next period opens. */
export async function openNextPeriod(database: Database, subscriptionId: string, startMs: number, endMs: number): Promise<void> {
  await database.db
    .updateTable("subscriptions")
    .set({ current_period_start: BigInt(startMs), current_period_end: BigInt(endMs), consumed_fine: 0n })
    .where("id", "=", subscriptionId)
    .execute();
}

/** Seconds as the API takes timestamps. */
export const secs = (ms: number): number => ms / 1000;

export async function report(server: TestServer, key: string, events: readonly unknown[], extra: Record<string, unknown> = {}) {
  return server.callAs(key, "POST", "/v1/usage_events", { events, ...extra });
}

export async function usageOf(server: TestServer, key: string, subscriptionId: string, periodStartMs?: number) {
  const q = periodStartMs === undefined ? "" : `?period_start=${secs(periodStartMs)}`;
  return server.callAs(key, "GET", `/v1/subscriptions/${subscriptionId}/usage${q}`);
}
