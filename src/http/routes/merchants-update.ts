import { z } from "zod";
import { merchantIdSchema, merchantObject, presentMerchant, toUpdateMerchantInput, updateMerchant, updateMerchantBody } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function updateMerchantRoute(app: AppInstance): void {
  app.post(
    "/v1/merchants/:id",
    {
      onRequest: requireAccess({ scope: "parties:write" }),
      schema: {
        summary: "Update a merchant",
        description: "Admin operators only: business data, fee override (`fee_bps`, null for the platform default), status.",
        tags: ["merchants"],
        params: z.strictObject({ id: merchantIdSchema }),
        body: updateMerchantBody,
        response: { 200: merchantObject },
      },
    },
    async (request) => {
      const input = toUpdateMerchantInput(request.body);
      return presentMerchant(unwrap(await updateMerchant(partiesDepsOf(app), callerOf(request), request.params.id, input)));
    },
  );
}
