/** The agent skill as OpenClaw and ClawHub read it: front matter, and instructions for every decline. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MCP_TOOLS } from "../src/mcp/index.js";
import { DECLINE_CODES } from "../src/payments/index.js";

const skillDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "skills", "agentpay");
const text = fs.readFileSync(path.join(skillDir, "SKILL.md"), "utf8");
const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);

describe("skills/agentpay/SKILL.md", () => {
  const front = parse(match?.[1] ?? "") as any;
  const body = match?.[2] ?? "";

  it("has front matter with a name matching its folder, a description, a version and OpenClaw metadata", () => {
    expect(match).not.toBeNull();
    expect(front.name).toBe(path.basename(skillDir));
    expect(front.name).toMatch(/^[a-z0-9-]{1,64}$/);
    expect(typeof front.description).toBe("string");
    expect(front.description.length).toBeGreaterThan(50);
    expect(front.description.length).toBeLessThanOrEqual(1024);
    expect(front.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(front.metadata.openclaw.requires.env).toEqual(["AGENTPAY_API_KEY", "AGENTPAY_URL"]);
    expect(front.metadata.openclaw.primaryEnv).toBe("AGENTPAY_API_KEY");
  });

  it("tells the agent what to do for every decline code", () => {
    const missing = DECLINE_CODES.filter((code) => !body.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it("explains every tool the MCP server offers", () => {
    const missing = MCP_TOOLS.map((t) => t.name).filter((name) => !body.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
