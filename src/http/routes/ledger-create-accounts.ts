import { accountResultObject, createAccountsBody, listOf, presentAccountResult, toAccountInput } from "../../ledger/index.js";
import { LEDGER_BODY_BYTES_MAX } from "../limits.js";
import type { AppInstance } from "../types.js";

export function createAccountsRoute(app: AppInstance): void {
  app.post(
    "/v1/ledger/accounts",
    {
      bodyLimit: LEDGER_BODY_BYTES_MAX,
      schema: {
        summary: "Create ledger accounts (idempotent by id)",
        description:
          "Creates up to 8,190 accounts. Each gets a result: `ok`, `exists` when an identical account already exists, or the reason it was refused.",
        tags: ["ledger"],
        body: createAccountsBody,
        response: { 200: listOf(accountResultObject) },
      },
    },
    async (request) => {
      const results = await app.deps.ledger.createAccounts(request.body.accounts.map(toAccountInput));
      return { object: "list" as const, data: results.map(presentAccountResult), has_more: false };
    },
  );
}
