import type { McpTool } from "../../tool.js";
import { cancelSubscriptionTool } from "./cancel-subscription.js";
import { listSubscriptionsTool } from "./list-subscriptions.js";
import { subscribeTool } from "./subscribe.js";

/** The subscriptions tools, in the order they are listed (one tool per file in this folder). */
export const SUBSCRIPTION_TOOLS: readonly McpTool[] = [subscribeTool, cancelSubscriptionTool, listSubscriptionsTool];
