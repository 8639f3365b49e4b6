import { z } from "zod";
import { ok } from "../../core/result.js";
import { listPayments, PAYMENT_PAGE_SIZE_MAX, PAYMENT_STATUSES } from "../../payments/index.js";
import { defineTool, READS } from "../tool.js";
import { LIST_LIMIT_DEFAULT, mcpPaymentObject, money, presentMcpPayment } from "./shared.js";

const input = z.strictObject({
  limit: z.int().min(1).max(PAYMENT_PAGE_SIZE_MAX).default(LIST_LIMIT_DEFAULT).describe("How many payments, newest first."),
  starting_after: z.string().min(1).max(64).optional().describe("The last payment id of the previous page."),
  status: z.enum(PAYMENT_STATUSES).optional().describe("Only payments in this status."),
  mandate_id: z.string().min(1).max(64).optional().describe("Only payments under this mandate."),
});

const output = z.object({ object: z.literal("list"), data: z.array(mcpPaymentObject), has_more: z.boolean() });

export const listPaymentsTool = defineTool({
  name: "list_payments",
  title: "List payments",
  description:
    "Lists your payments, newest first: an agent sees the payments it made, a merchant those it received. Amounts " +
    "are in minor units. Read-only.",
  audience: ["agent", "merchant"],
  scope: "payments:read",
  annotations: READS,
  input,
  output,
  async run(ctx, args) {
    const page = await listPayments(ctx.services.payments, ctx.principal, {
      limit: args.limit,
      startingAfter: args.starting_after,
      status: args.status,
      mandateId: args.mandate_id,
    });
    if (!page.ok) return page;
    return ok({ object: "list", data: page.value.data.map((p) => presentMcpPayment(p, ctx.settings)), has_more: page.value.hasMore });
  },
  summary: (list) =>
    list.data.length === 0
      ? "No payments."
      : list.data.map((p) => `${p.id}: ${p.status}, ${money(p.amount, p.currency)} to ${p.merchant_id}`).join("\n") +
        (list.has_more ? "\nMore payments follow; pass starting_after." : ""),
});
