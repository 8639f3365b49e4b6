/** Starts the real HTTP server on a random port over a fresh database of the given engine. */
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import type { Clock } from "../src/core/clock.js";
import type { FundingConnector } from "../src/funding/index.js";
import { buildApp } from "../src/http/app.js";
import type { PaymentSettings, RiskHook } from "../src/payments/index.js";
import { openRuntime, type Runtime } from "../src/runtime.js";
import type { WebhookSettings } from "../src/webhooks/index.js";
import { databaseConfigFrom, type Engine } from "../src/store/index.js";
import { createTestDatabase, type TestDatabase } from "./harness.js";

export const OPERATOR_KEY = "sk_op_test_key";

export interface TestServer {
  readonly url: string;
  readonly runtime: Runtime;
  /** DATABASE_URL of the server's database (for a second server or a CLI child process). */
  readonly databaseUrl: string;
  /** fetch with the operator key and JSON content type filled in. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  /** The same with another API key. */
  callAs(key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Serve the database of this server (a second AgentPay process in effect) instead of a fresh one. */
  readonly shareDatabaseOf?: TestServer;
  /** The runtime's clock (a ManualClock lets a test move time); the system clock by default. */
  readonly clock?: Clock;
  /** The risk step of payments; allow-all by default. */
  readonly risk?: RiskHook;
  /** Payment settings overriding the defaults (hold and approval timeouts, fee, refund window). */
  readonly payments?: Partial<PaymentSettings>;
  /** Run the payment sweeper in the background (default on); tests that drive `sweepPayments` turn it off. */
  readonly sweep?: boolean;
  /** The funding connector of top-ups and payouts; the sandbox by default. */
  readonly connector?: FundingConnector;
  /** Webhook settings over the defaults (tests shorten the retry schedule and the poll interval). */
  readonly webhooks?: Partial<WebhookSettings>;
  /** Run the webhook worker in the background (default on). */
  readonly webhookWorker?: boolean;
  /** Run the billing worker in the background (default on); tests that drive `sweepSubscriptions` turn it off. */
  readonly billingWorker?: boolean;
}

export async function startServer(engine: Engine, options: StartOptions = {}): Promise<TestServer> {
  const shared = options.shareDatabaseOf;
  const tdb: TestDatabase | null = shared === undefined ? await createTestDatabase(engine) : null;
  const databaseUrl = shared?.databaseUrl ?? tdb?.url ?? "";
  const runtime = await openRuntime(databaseConfigFrom(databaseUrl), {
    ledger: { expirySweep: false },
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    ...(options.risk !== undefined ? { risk: options.risk } : {}),
    ...(options.payments !== undefined ? { payments: options.payments } : {}),
    ...(options.sweep !== undefined ? { sweep: options.sweep } : {}),
    ...(options.connector !== undefined ? { connector: options.connector } : {}),
    ...(options.webhooks !== undefined ? { webhooks: options.webhooks } : {}),
    ...(options.webhookWorker !== undefined ? { webhookWorker: options.webhookWorker } : {}),
    ...(options.billingWorker !== undefined ? { billingWorker: options.billingWorker } : {}),
  });
  const app = await buildApp({ ...runtime, operatorKey: OPERATOR_KEY });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const server: TestServer = {
    url,
    runtime,
    databaseUrl,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = {
        method,
        headers: {
          authorization: `Bearer ${OPERATOR_KEY}`,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
      };
      if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
      const res = await fetch(url + path, init);
      const text = await res.text();
      return { status: res.status, json: text === "" ? null : JSON.parse(text) };
    },
    callAs(key, method, path, body) {
      return server.call(method, path, body, { authorization: `Bearer ${key}` });
    },
    async close() {
      await app.close();
      await runtime.close();
      await tdb?.drop();
    },
  };
  return server;
}

// ---- seeding parties through the API, as the bootstrap admin ----------------------------------

/** A party created through the API, with a key of its own. */
export interface Seeded {
  readonly id: string;
  /** The secret of a key for this party (all default scopes unless asked otherwise). */
  readonly key: string;
  readonly object: any;
}

async function created(server: TestServer, path: string, body: unknown): Promise<any> {
  const res = await server.call("POST", path, body);
  if (res.status !== 200) throw new Error(`seeding POST ${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Issues a key for any principal (as the bootstrap admin) and returns its secret. */
export async function issueKey(server: TestServer, principalId: string, scopes?: readonly string[]): Promise<string> {
  const key = await created(server, "/v1/keys", { principal: principalId, ...(scopes ? { scopes } : {}) });
  return key.secret as string;
}

export async function seedUser(server: TestServer, body: Record<string, unknown> = {}, scopes?: readonly string[]): Promise<Seeded> {
  const object = await created(server, "/v1/users", { name: "Test User", residency_region: "cn", timezone: "Asia/Shanghai", ...body });
  return { id: object.id, key: await issueKey(server, object.id, scopes), object };
}

export async function seedAgent(
  server: TestServer,
  owner: { readonly id: string },
  body: Record<string, unknown> = {},
  scopes?: readonly string[],
): Promise<Seeded> {
  const object = await created(server, "/v1/agents", { user: owner.id, display_name: "Test Agent", ...body });
  return { id: object.id, key: await issueKey(server, object.id, scopes), object };
}

export async function seedMerchant(server: TestServer, body: Record<string, unknown> = {}, scopes?: readonly string[]): Promise<Seeded> {
  const object = await created(server, "/v1/merchants", { legal_name: "Test Shop Ltd", country: "CN", category: "software", ...body });
  return { id: object.id, key: await issueKey(server, object.id, scopes), object };
}

export async function seedOperator(server: TestServer, role: "admin" | "risk" | "finance" | "support", scopes?: readonly string[]): Promise<Seeded> {
  const object = await created(server, "/v1/operators", { name: `Test ${role}`, role });
  return { id: object.id, key: await issueKey(server, object.id, scopes), object };
}

/** A fresh Ed25519 public key as a JWK, as an agent registers it. */
export async function ed25519PublicJwk(): Promise<{ kty: string; crv: string; x: string }> {
  const { publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const jwk = await exportJWK(publicKey);
  return { kty: jwk.kty ?? "", crv: jwk.crv ?? "", x: jwk.x ?? "" };
}
