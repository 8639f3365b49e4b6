import type { McpTool } from "../../tool.js";

/** The usage tools, in the order they are listed (one tool per file in this folder). */
export const USAGE_TOOLS: readonly McpTool[] = [];
