import {
  agentIdSchema,
  agentObject,
  listAgents,
  listOf,
  pageQuery,
  presentAgent,
  presentPage,
  toPageRequest,
  userIdSchema,
} from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

const listAgentsQuery = pageQuery(agentIdSchema).extend({
  user: userIdSchema.optional().describe("Only this user's agents (operators; a user may name itself)."),
});

export function listAgentsRoute(app: AppInstance): void {
  app.get(
    "/v1/agents",
    {
      onRequest: requireAccess({ scope: "agents:read" }),
      schema: {
        summary: "List agents, newest first",
        description: "A user lists its own agents; operators list all, or one user's with `user`.",
        tags: ["agents"],
        querystring: listAgentsQuery,
        response: { 200: listOf(agentObject) },
      },
    },
    async (request) => {
      const { user } = request.query;
      const page = unwrap(await listAgents(partiesDepsOf(app), callerOf(request), user ?? null, toPageRequest(request.query)));
      return presentPage(page, presentAgent);
    },
  );
}
