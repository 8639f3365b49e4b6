import { z } from "zod";
import { ApiError } from "../../core/errors.js";
import { accountObject, ledgerIdSchema, presentAccount } from "../../ledger/index.js";
import type { AppInstance } from "../types.js";

export function getAccountRoute(app: AppInstance): void {
  app.get(
    "/v1/ledger/accounts/:id",
    {
      schema: {
        summary: "Retrieve an account and its balances",
        tags: ["ledger"],
        params: z.strictObject({ id: ledgerIdSchema }),
        response: { 200: accountObject },
      },
    },
    async (request) => {
      const account = await app.deps.ledger.account(request.params.id);
      if (account === undefined) throw new ApiError("not_found", `No ledger account '${request.params.id}'.`, "id");
      return presentAccount(account);
    },
  );
}
