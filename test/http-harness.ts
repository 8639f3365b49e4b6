/** Starts the real HTTP server on a random port over a fresh database of the given engine. */
import type { AddressInfo } from "node:net";
import { buildApp } from "../src/http/app.js";
import { openRuntime, type Runtime } from "../src/runtime.js";
import { databaseConfigFrom, type Engine } from "../src/store/index.js";
import { createTestDatabase, type TestDatabase } from "./harness.js";

export const OPERATOR_KEY = "sk_op_test_key";

export interface TestServer {
  readonly url: string;
  readonly runtime: Runtime;
  /** fetch with the operator key and JSON content type filled in. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export async function startServer(engine: Engine): Promise<TestServer> {
  const tdb: TestDatabase = await createTestDatabase(engine);
  const runtime = await openRuntime(databaseConfigFrom(tdb.url), { ledger: { expirySweep: false } });
  const app = await buildApp({
    database: runtime.database,
    ledger: runtime.ledger,
    ping: runtime.ping,
    operatorKey: OPERATOR_KEY,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    runtime,
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
    async close() {
      await app.close();
      await runtime.close();
      await tdb.drop();
    },
  };
}
