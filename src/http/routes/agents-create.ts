import { agentObject, createAgent, createAgentBody, presentAgent, toCreateAgentInput } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function createAgentRoute(app: AppInstance): void {
  app.post(
    "/v1/agents",
    {
      onRequest: requireAccess({ scope: "agents:write" }),
      schema: {
        summary: "Create an agent",
        description: "A user creates agents for itself; an admin operator for any user (name it in `user`).",
        tags: ["agents"],
        body: createAgentBody,
        response: { 200: agentObject },
      },
    },
    async (request) => presentAgent(unwrap(await createAgent(partiesDepsOf(app), callerOf(request), toCreateAgentInput(request.body)))),
  );
}
