import { listOf, listUsers, pageQuery, presentPage, presentUser, toPageRequest, userIdSchema, userObject } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function listUsersRoute(app: AppInstance): void {
  app.get(
    "/v1/users",
    {
      onRequest: requireAccess({ scope: "parties:read" }),
      schema: {
        summary: "List users, newest first",
        description: "Operators only. Pass the last id of a page as `starting_after` for the next.",
        tags: ["users"],
        querystring: pageQuery(userIdSchema),
        response: { 200: listOf(userObject) },
      },
    },
    async (request) => {
      const page = unwrap(await listUsers(partiesDepsOf(app), callerOf(request), toPageRequest(request.query)));
      return presentPage(page, presentUser);
    },
  );
}
