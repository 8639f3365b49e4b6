import { createdKeyObject, createKey, createKeyBody, presentCreatedKey, toCreateKeyInput } from "../../keys/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function createKeyRoute(app: AppInstance): void {
  app.post(
    "/v1/keys",
    {
      onRequest: requireAccess({ scope: "keys:write" }),
      schema: {
        summary: "Create an API key",
        description:
          "Returns the secret once; AgentPay stores only its hash. Admin operators issue keys to anyone; users to themselves and their agents (needs agents:write); merchants to themselves. A key cannot grant scopes its principal type may not have, nor (unless admin) scopes the calling key lacks.",
        tags: ["keys"],
        body: createKeyBody,
        response: { 200: createdKeyObject },
      },
    },
    async (request) => presentCreatedKey(unwrap(await createKey(partiesDepsOf(app), callerOf(request), toCreateKeyInput(request.body)))),
  );
}
