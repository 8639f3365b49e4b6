import { z } from "zod";
import { getMerchant, merchantIdSchema, merchantObject, presentMerchant } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getMerchantRoute(app: AppInstance): void {
  app.get(
    "/v1/merchants/:id",
    {
      onRequest: requireAccess({ scope: "parties:read" }),
      schema: {
        summary: "Retrieve a merchant",
        description: "Operators, and the merchant itself; any other merchant gets 404.",
        tags: ["merchants"],
        params: z.strictObject({ id: merchantIdSchema }),
        response: { 200: merchantObject },
      },
    },
    async (request) => presentMerchant(unwrap(await getMerchant(partiesDepsOf(app), callerOf(request), request.params.id))),
  );
}
