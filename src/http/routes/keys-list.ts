import { apiKeyObject, listKeys, listKeysQuery, presentKey } from "../../keys/index.js";
import { listOf, presentPage, toPageRequest } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function listKeysRoute(app: AppInstance): void {
  app.get(
    "/v1/keys",
    {
      onRequest: requireAccess({ scope: "keys:read" }),
      schema: {
        summary: "List API keys, newest first (never their secrets)",
        description:
          "Admins see every key, users their own and their agents', merchants their own; `principal` narrows to one principal's keys.",
        tags: ["keys"],
        querystring: listKeysQuery,
        response: { 200: listOf(apiKeyObject) },
      },
    },
    async (request) => {
      const { principal } = request.query;
      const page = unwrap(await listKeys(partiesDepsOf(app), callerOf(request), principal ?? null, toPageRequest(request.query)));
      return presentPage(page, presentKey);
    },
  );
}
