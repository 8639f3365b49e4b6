import type { McpTool } from "../../tool.js";
import { getUsageTool } from "./get-usage.js";
import { reportUsageTool } from "./report-usage.js";

/** The usage tools, in the order they are listed (one tool per file in this folder). */
export const USAGE_TOOLS: readonly McpTool[] = [reportUsageTool, getUsageTool];
