import { z } from "zod";
import { ok } from "../../core/result.js";
import { listMandates, MANDATE_PAGE_SIZE_MAX, mandateObject, presentMandate } from "../../mandates/index.js";
import { defineTool, READS } from "../tool.js";
import { LIST_LIMIT_DEFAULT, money } from "./shared.js";

const input = z.strictObject({
  limit: z.int().min(1).max(MANDATE_PAGE_SIZE_MAX).default(LIST_LIMIT_DEFAULT).describe("How many mandates, newest first."),
  starting_after: z.string().min(1).max(64).optional().describe("The last mandate id of the previous page."),
});

const output = z.object({ object: z.literal("list"), data: z.array(mandateObject), has_more: z.boolean() });

export const listMandatesTool = defineTool({
  name: "list_mandates",
  title: "Mandates granted to you",
  description:
    "Lists the mandates the user granted you, newest first: the user's instruction, currency, per-payment range, " +
    "budgets and what is left of them, allowed merchants, the approved window and the step-up threshold. Each is " +
    "signed by AgentPay (jws). Amounts are in minor units. Read-only; moves no money.",
  audience: ["agent"],
  scope: "mandates:read",
  annotations: READS,
  input,
  output,
  async run(ctx, args) {
    const page = await listMandates(ctx.services.mandates, ctx.principal, {
      limit: args.limit,
      startingAfter: args.starting_after,
      userId: undefined,
      agentId: undefined,
    });
    if (!page.ok) return page;
    return ok({
      object: "list",
      data: page.value.data.map((v) => presentMandate(v.mandate, v.status, v.remaining)),
      has_more: page.value.hasMore,
    });
  },
  summary: (list) =>
    list.data.length === 0
      ? "No mandates: the user has not authorised you to pay yet."
      : list.data
          .map((m) => `${m.id} (${m.status}, up to ${money(m.amount_max, m.currency)} a payment): "${m.instruction}"`)
          .join("\n") + (list.has_more ? "\nMore mandates follow; pass starting_after." : ""),
});
