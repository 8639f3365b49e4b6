/**
 * The SDK's types come from the OpenAPI document the app serves. This builds the app in-process
 * over a throwaway SQLite database (the document does not depend on data), asks it for
 * /openapi.json, and turns that into TypeScript with openapi-typescript. `npm run sdk:generate`
 * writes the result to sdk/src/schema.d.ts; the drift test compares it with the checked-in file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { buildApp } from "../../src/http/app.js";
import { openRuntime } from "../../src/runtime.js";

export const SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "src", "schema.d.ts");

const HEADER =
  "/**\n * Generated from AgentPay's OpenAPI document by `npm run sdk:generate` (openapi-typescript).\n" +
  " * Do not edit: change the routes, then regenerate. test/sdk-drift.test.ts fails when this is stale.\n */\n\n";

/** The OpenAPI document exactly as GET /openapi.json serves it. */
export async function servedOpenApi(): Promise<OpenAPI3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentpay-openapi-"));
  const runtime = await openRuntime({ engine: "sqlite", path: path.join(dir, "openapi.sqlite") }, { sweep: false, ledger: { expirySweep: false } });
  try {
    const app = await buildApp({ ...runtime, operatorKey: "sk_openapi_generation_only" });
    try {
      const res = await app.inject({ method: "GET", url: "/openapi.json" });
      if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}`);
      return res.json() as OpenAPI3;
    } finally {
      await app.close();
    }
  } finally {
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The source of sdk/src/schema.d.ts for the app as it is now. */
export async function generateSchemaSource(): Promise<string> {
  const ast = await openapiTS(await servedOpenApi(), { alphabetize: true, exportType: true, rootTypes: false });
  return HEADER + astToString(ast);
}
