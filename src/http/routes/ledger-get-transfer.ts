import { z } from "zod";
import { ApiError } from "../../core/errors.js";
import { ledgerIdSchema, presentTransfer, transferObject } from "../../ledger/index.js";
import type { AppInstance } from "../types.js";

export function getTransferRoute(app: AppInstance): void {
  app.get(
    "/v1/ledger/transfers/:id",
    {
      schema: {
        summary: "Retrieve a transfer",
        tags: ["ledger"],
        params: z.strictObject({ id: ledgerIdSchema }),
        response: { 200: transferObject },
      },
    },
    async (request) => {
      const transfer = await app.deps.ledger.transfer(request.params.id);
      if (transfer === undefined) throw new ApiError("not_found", `No ledger transfer '${request.params.id}'.`, "id");
      return presentTransfer(transfer);
    },
  );
}
