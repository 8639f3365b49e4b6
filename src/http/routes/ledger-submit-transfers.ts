import { listOf, presentTransferResult, submitTransfersBody, toTransferInput, transferResultObject } from "../../ledger/index.js";
import { LEDGER_BODY_BYTES_MAX } from "../limits.js";
import type { AppInstance } from "../types.js";

export function submitTransfersRoute(app: AppInstance): void {
  app.post(
    "/v1/ledger/transfers",
    {
      bodyLimit: LEDGER_BODY_BYTES_MAX,
      schema: {
        summary: "Submit transfers (idempotent by id, group-committed)",
        description:
          "Applies up to 8,190 transfers in order, atomically per linked chain, and answers once they are durable. " +
          "Every transfer gets a result code (`ok`, `exists`, `exceeds_credits`, …); a failed transfer changes nothing.",
        tags: ["ledger"],
        body: submitTransfersBody,
        response: { 200: listOf(transferResultObject) },
      },
    },
    async (request) => {
      const results = await app.deps.ledger.submitTransfers(request.body.transfers.map(toTransferInput));
      return { object: "list" as const, data: results.map(presentTransferResult), has_more: false };
    },
  );
}
