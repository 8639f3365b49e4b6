/**
 * The SDK's generated types must match the OpenAPI document the app serves now: this regenerates
 * them in memory and compares with the checked-in sdk/src/schema.d.ts. On failure, run
 * `npm run sdk:generate` and commit the result.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSchemaSource, SCHEMA_PATH } from "../sdk/scripts/openapi.js";

describe("sdk/src/schema.d.ts", () => {
  it("is what openapi-typescript makes of the served /openapi.json (else run `npm run sdk:generate`)", async () => {
    const fresh = (await generateSchemaSource()).split("\n");
    const checkedIn = fs.readFileSync(SCHEMA_PATH, "utf8").split("\n");
    const line = fresh.findIndex((text, i) => text !== checkedIn[i]);
    const where = line === -1 ? checkedIn.length : line;
    const message =
      `sdk/src/schema.d.ts is stale from line ${where + 1}: run \`npm run sdk:generate\`.\n` +
      `  checked in: ${checkedIn[where]?.trim() ?? "(end of file)"}\n  served:     ${fresh[where]?.trim() ?? "(end of file)"}`;
    expect(line === -1 && fresh.length === checkedIn.length, message).toBe(true);
  });
});
