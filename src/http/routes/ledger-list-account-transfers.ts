import { z } from "zod";
import { ApiError } from "../../core/errors.js";
import { ledgerIdSchema, listOf, pageQuery, presentTransfer, transferObject } from "../../ledger/index.js";
import type { AppInstance } from "../types.js";

export function listAccountTransfersRoute(app: AppInstance): void {
  app.get(
    "/v1/ledger/accounts/:id/transfers",
    {
      schema: {
        summary: "List an account's transfers, newest first",
        description: "Cursor pagination: pass the last transfer id of a page as `starting_after` to get the next.",
        tags: ["ledger"],
        params: z.strictObject({ id: ledgerIdSchema }),
        querystring: pageQuery,
        response: { 200: listOf(transferObject) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { limit, starting_after: startingAfter } = request.query;
      const ledger = app.deps.ledger;
      if ((await ledger.account(id)) === undefined) throw new ApiError("not_found", `No ledger account '${id}'.`, "id");
      let cursor = null;
      if (startingAfter !== undefined) {
        const last = await ledger.transfer(startingAfter);
        if (last === undefined || (last.debitAccountId !== id && last.creditAccountId !== id)) {
          throw new ApiError("validation_error", "starting_after must be a transfer of this account.", "starting_after");
        }
        cursor = { timestamp: last.timestamp, id: last.id };
      }
      const page = await ledger.accountTransfers(id, limit + 1, cursor);
      return {
        object: "list" as const,
        data: page.slice(0, limit).map(presentTransfer),
        has_more: page.length > limit,
      };
    },
  );
}
