import type { McpTool } from "../../tool.js";
import { sendTipTool } from "./send-tip.js";

/** The tips tools, in the order they are listed (one tool per file in this folder). */
export const TIP_TOOLS: readonly McpTool[] = [sendTipTool];
