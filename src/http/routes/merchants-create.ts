import { createMerchant, createMerchantBody, merchantObject, presentMerchant, toCreateMerchantInput } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function createMerchantRoute(app: AppInstance): void {
  app.post(
    "/v1/merchants",
    {
      onRequest: requireAccess({ scope: "parties:write" }),
      schema: {
        summary: "Create a merchant",
        description: "Admin operators only. The settlement account opens per currency on first use.",
        tags: ["merchants"],
        body: createMerchantBody,
        response: { 200: merchantObject },
      },
    },
    async (request) => {
      const input = toCreateMerchantInput(request.body);
      return presentMerchant(unwrap(await createMerchant(partiesDepsOf(app), callerOf(request), input)));
    },
  );
}
