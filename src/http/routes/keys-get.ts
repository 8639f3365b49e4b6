import { z } from "zod";
import { apiKeyObject, getKey, keyIdSchema, presentKey } from "../../keys/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getKeyRoute(app: AppInstance): void {
  app.get(
    "/v1/keys/:id",
    {
      onRequest: requireAccess({ scope: "keys:read" }),
      schema: {
        summary: "Retrieve an API key (never its secret)",
        tags: ["keys"],
        params: z.strictObject({ id: keyIdSchema }),
        response: { 200: apiKeyObject },
      },
    },
    async (request) => presentKey(unwrap(await getKey(partiesDepsOf(app), callerOf(request), request.params.id))),
  );
}
