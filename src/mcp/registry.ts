/**
 * The registry of MCP tools. A key's principal chooses the toolset (agents: payer tools,
 * merchants: merchant tools), the key's scopes remove what the matching HTTP endpoint would
 * refuse, and `AGENTPAY_MCP_TOOLS` narrows further. Later issues add their tools here
 * (subscriptions, usage, tips).
 */
import { assert } from "../core/assert.js";
import type { Principal } from "../core/principal.js";
import type { Authenticated } from "../keys/index.js";
import type { McpSettings } from "./settings.js";
import type { McpTool } from "./tool.js";
import { cancelPaymentTool } from "./tools/cancel-payment.js";
import { capturePaymentTool } from "./tools/capture-payment.js";
import { createPaymentTool } from "./tools/create-payment.js";
import { createPaymentRequestTool } from "./tools/create-payment-request.js";
import { getPaymentTool } from "./tools/get-payment.js";
import { getReceiptTool } from "./tools/get-receipt.js";
import { getWalletTool } from "./tools/get-wallet.js";
import { listMandatesTool } from "./tools/list-mandates.js";
import { listPaymentsTool } from "./tools/list-payments.js";
import { payPaymentRequestTool } from "./tools/pay-payment-request.js";
import { refundPaymentTool } from "./tools/refund-payment.js";
import { INVOICE_TOOLS } from "./tools/invoices/index.js";
import { SUBSCRIPTION_TOOLS } from "./tools/subscriptions/index.js";
import { TIP_TOOLS } from "./tools/tips/index.js";
import { USAGE_TOOLS } from "./tools/usage/index.js";

export const MCP_TOOLS: readonly McpTool[] = [
  getWalletTool,
  listMandatesTool,
  createPaymentTool,
  getPaymentTool,
  listPaymentsTool,
  cancelPaymentTool,
  getReceiptTool,
  payPaymentRequestTool,
  createPaymentRequestTool,
  capturePaymentTool,
  refundPaymentTool,
  ...SUBSCRIPTION_TOOLS,
  ...TIP_TOOLS,
  ...USAGE_TOOLS,
  ...INVOICE_TOOLS,
];

export const MCP_TOOL_NAMES: readonly string[] = MCP_TOOLS.map((t) => t.name);
assert(new Set(MCP_TOOL_NAMES).size === MCP_TOOL_NAMES.length, "MCP tool names must be unique");

/** The tools this caller may see and call, in registry order; empty for users and operators. */
export function toolsFor(caller: Pick<Authenticated, "principal" | "scopes">, settings: McpSettings): McpTool[] {
  const type = caller.principal.type;
  if (type !== "agent" && type !== "merchant") return [];
  return MCP_TOOLS.filter(
    (t) => t.audience.includes(type) && caller.scopes.has(t.scope) && (settings.tools === null || settings.tools.has(t.name)),
  );
}

/** Why a principal gets no MCP toolset, or null when it gets one. */
export function toolsetRefusal(principal: Principal): string | null {
  return principal.type === "agent" || principal.type === "merchant"
    ? null
    : `MCP serves agent keys (payer tools) and merchant keys (merchant tools), not ${principal.type} keys.`;
}
