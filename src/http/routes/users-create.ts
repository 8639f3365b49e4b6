import { createUser, createUserBody, presentUser, toCreateUserInput, userObject } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function createUserRoute(app: AppInstance): void {
  app.post(
    "/v1/users",
    {
      onRequest: requireAccess({ scope: "parties:write" }),
      schema: {
        summary: "Create a user",
        description: "Admin operators only. The user's wallet opens per currency on first use.",
        tags: ["users"],
        body: createUserBody,
        response: { 200: userObject },
      },
    },
    async (request) => presentUser(unwrap(await createUser(partiesDepsOf(app), callerOf(request), toCreateUserInput(request.body)))),
  );
}
