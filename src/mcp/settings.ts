/**
 * What an MCP server needs from the environment besides the database: which tools to expose and
 * where users confirm payments. Read once at start-up; a bad value stops the start.
 */
export const PUBLIC_URL_DEFAULT = "http://127.0.0.1:8080";
/** Bounds the `AGENTPAY_MCP_TOOLS` list (there are far fewer tools than this). */
export const TOOL_FILTER_NAMES_MAX = 64;

export interface McpSettings {
  /** Only these tools are exposed (`AGENTPAY_MCP_TOOLS`); null: every tool the key may use. */
  readonly tools: ReadonlySet<string> | null;
  /** Base URL of the surface where users confirm payments (`AGENTPAY_PUBLIC_URL`), without a trailing slash. */
  readonly publicUrl: string;
}

/** Every tool the key may use; users confirm at the default local URL. */
export const DEFAULT_MCP_SETTINGS: McpSettings = { tools: null, publicUrl: PUBLIC_URL_DEFAULT };

/** Reads AGENTPAY_MCP_TOOLS (comma list) and AGENTPAY_PUBLIC_URL; `known` are the registered tool names. */
export function loadMcpSettings(env: NodeJS.ProcessEnv, known: readonly string[]): McpSettings {
  return { tools: toolFilter(env.AGENTPAY_MCP_TOOLS, known), publicUrl: publicUrl(env.AGENTPAY_PUBLIC_URL) };
}

function toolFilter(value: string | undefined, known: readonly string[]): ReadonlySet<string> | null {
  if (value === undefined || value.trim() === "") return null;
  const names = value.split(",").map((n) => n.trim()).filter((n) => n !== "");
  if (names.length > TOOL_FILTER_NAMES_MAX) throw new Error(`AGENTPAY_MCP_TOOLS names more than ${TOOL_FILTER_NAMES_MAX} tools`);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new Error(`AGENTPAY_MCP_TOOLS names unknown tools: ${unknown.join(", ")} (known: ${known.join(", ")})`);
  }
  return new Set(names);
}

function publicUrl(value: string | undefined): string {
  const raw = value === undefined || value.trim() === "" ? PUBLIC_URL_DEFAULT : value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`AGENTPAY_PUBLIC_URL must be an absolute http(s) URL (got "${raw}")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`AGENTPAY_PUBLIC_URL must be an absolute http(s) URL (got "${raw}")`);
  }
  return url.toString().replace(/\/+$/, "");
}
