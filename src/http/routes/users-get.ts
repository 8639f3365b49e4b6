import { z } from "zod";
import { getUser, presentUser, userIdSchema, userObject } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getUserRoute(app: AppInstance): void {
  app.get(
    "/v1/users/:id",
    {
      onRequest: requireAccess({ scope: "parties:read" }),
      schema: {
        summary: "Retrieve a user",
        description: "Operators, and the user itself; any other user is told it does not exist (404).",
        tags: ["users"],
        params: z.strictObject({ id: userIdSchema }),
        response: { 200: userObject },
      },
    },
    async (request) => presentUser(unwrap(await getUser(partiesDepsOf(app), callerOf(request), request.params.id))),
  );
}
