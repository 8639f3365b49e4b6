import { z } from "zod";
import { apiKeyObject, keyIdSchema, presentKey, revokeKey } from "../../keys/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function revokeKeyRoute(app: AppInstance): void {
  app.post(
    "/v1/keys/:id/revoke",
    {
      onRequest: requireAccess({ scope: "keys:write" }),
      schema: {
        summary: "Revoke an API key",
        description: "Takes effect from the next request, in every AgentPay process. Revoking twice is harmless.",
        tags: ["keys"],
        params: z.strictObject({ id: keyIdSchema }),
        response: { 200: apiKeyObject },
      },
    },
    async (request) => presentKey(unwrap(await revokeKey(partiesDepsOf(app), callerOf(request), request.params.id))),
  );
}
