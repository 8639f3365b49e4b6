import type { McpTool } from "../../tool.js";

/** The subscriptions tools, in the order they are listed (one tool per file in this folder). */
export const SUBSCRIPTION_TOOLS: readonly McpTool[] = [];
