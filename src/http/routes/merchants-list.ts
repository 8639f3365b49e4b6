import { listMerchants, listOf, merchantIdSchema, merchantObject, pageQuery, presentMerchant, presentPage, toPageRequest } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function listMerchantsRoute(app: AppInstance): void {
  app.get(
    "/v1/merchants",
    {
      onRequest: requireAccess({ scope: "parties:read" }),
      schema: {
        summary: "List merchants, newest first",
        description: "Operators only.",
        tags: ["merchants"],
        querystring: pageQuery(merchantIdSchema),
        response: { 200: listOf(merchantObject) },
      },
    },
    async (request) => {
      const page = unwrap(await listMerchants(partiesDepsOf(app), callerOf(request), toPageRequest(request.query)));
      return presentPage(page, presentMerchant);
    },
  );
}
