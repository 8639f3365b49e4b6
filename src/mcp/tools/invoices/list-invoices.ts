import { z } from "zod";
import { ok } from "../../../core/result.js";
import {
  DEFAULT_INVOICE_SETTINGS,
  INVOICE_PAGE_SIZE_MAX,
  INVOICE_STATUSES,
  INVOICE_TYPES,
  invoiceObject,
  listInvoices,
  presentInvoice,
  TYPE_CODES,
} from "../../../invoices/index.js";
import { defineTool, READS } from "../../tool.js";
import { LIST_LIMIT_DEFAULT, money } from "../shared.js";

const input = z.strictObject({
  limit: z.int().min(1).max(INVOICE_PAGE_SIZE_MAX).default(LIST_LIMIT_DEFAULT).describe("How many invoices, newest first."),
  starting_after: z.string().min(1).max(64).optional().describe("The last invoice id (in_…) of the previous page."),
  subscription_id: z.string().min(1).max(64).optional().describe("Only the invoices of this subscription."),
  status: z.enum(INVOICE_STATUSES).optional().describe("Only invoices in this status: open, paid, uncollectible or void."),
  type: z.enum(INVOICE_TYPES).optional().describe("Only invoices, or only credit notes."),
});

const output = z.object({ object: z.literal("list"), data: z.array(invoiceObject), has_more: z.boolean() });

export const listInvoicesTool = defineTool({
  name: "list_invoices",
  title: "List invoices",
  description:
    "Lists invoices and credit notes, newest first: a merchant sees the invoices it issued, an agent those of the " +
    "subscriptions it created for its user. Each has its number, status, lines, VAT breakdown and totals; amounts are " +
    "in minor units, and a credit note's amounts are what it credits. Read-only: it moves no money.",
  audience: ["merchant", "agent"],
  scope: "billing:read",
  annotations: READS,
  input,
  output,
  async run(ctx, args) {
    const deps = { database: ctx.services.database, settings: DEFAULT_INVOICE_SETTINGS };
    const page = await listInvoices(deps, ctx.principal, {
      limit: args.limit,
      startingAfter: args.starting_after,
      subscriptionId: args.subscription_id,
      status: args.status,
      typeCode: args.type === undefined ? undefined : TYPE_CODES[args.type],
    });
    if (!page.ok) return page;
    return ok({ object: "list", data: page.value.data.map(presentInvoice), has_more: page.value.hasMore });
  },
  summary: (list) =>
    list.data.length === 0
      ? "No invoices."
      : list.data
          .map((i) => `${i.number} (${i.id}): ${i.type === "credit_note" ? "credit note" : "invoice"}, ${i.status}, total ${money(i.total, i.currency)}`)
          .join("\n") + (list.has_more ? "\nMore invoices follow; pass starting_after." : ""),
});
