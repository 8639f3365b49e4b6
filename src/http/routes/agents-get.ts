import { z } from "zod";
import { agentIdSchema, agentObject, getAgent, presentAgent } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getAgentRoute(app: AppInstance): void {
  app.get(
    "/v1/agents/:id",
    {
      onRequest: requireAccess({ scope: "agents:read" }),
      schema: {
        summary: "Retrieve an agent",
        description: "Operators, the owning user and the agent itself; anyone else gets 404.",
        tags: ["agents"],
        params: z.strictObject({ id: agentIdSchema }),
        response: { 200: agentObject },
      },
    },
    async (request) => presentAgent(unwrap(await getAgent(partiesDepsOf(app), callerOf(request), request.params.id))),
  );
}
