import { z } from "zod";
import { ApiError } from "../../core/errors.js";
import { AccountFlag, balanceObject, hasFlag, ledgerIdSchema, presentBalance } from "../../ledger/index.js";
import type { AppInstance } from "../types.js";

const atSchema = z.iso
  .datetime({ offset: true })
  .describe("The instant to read the balances at (ISO 8601). Defaults to now.");

export function getBalanceRoute(app: AppInstance): void {
  app.get(
    "/v1/ledger/accounts/:id/balance",
    {
      schema: {
        summary: "An account's balances at a point in time",
        description: "Needs the account's `history` flag: every change of its balances is kept.",
        tags: ["ledger"],
        params: z.strictObject({ id: ledgerIdSchema }),
        querystring: z.strictObject({ at: atSchema.optional() }),
        response: { 200: balanceObject },
      },
    },
    async (request) => {
      const { id } = request.params;
      const account = await app.deps.ledger.account(id);
      if (account === undefined) throw new ApiError("not_found", `No ledger account '${id}'.`, "id");
      if (!hasFlag(account.flags, AccountFlag.history)) {
        throw new ApiError("validation_error", "This account was created without the history flag.", "at");
      }
      const atMs = request.query.at === undefined ? Date.now() : Date.parse(request.query.at);
      // The whole millisecond counts: a transfer at 12:00:00.000450 is included in "12:00:00.000".
      const atUs = BigInt(atMs) * 1_000n + 999n;
      return presentBalance(id, atUs, await app.deps.ledger.balanceAt(id, atUs));
    },
  );
}
