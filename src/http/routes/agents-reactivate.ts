import { z } from "zod";
import { agentIdSchema, agentObject, presentAgent, setAgentStatus } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function reactivateAgentRoute(app: AppInstance): void {
  app.post(
    "/v1/agents/:id/reactivate",
    {
      onRequest: requireAccess({ scope: "agents:write" }),
      schema: {
        summary: "Reactivate a suspended agent",
        description: "The owning user, admin or risk operators.",
        tags: ["agents"],
        params: z.strictObject({ id: agentIdSchema }),
        response: { 200: agentObject },
      },
    },
    async (request) =>
      presentAgent(unwrap(await setAgentStatus(partiesDepsOf(app), callerOf(request), request.params.id, "active"))),
  );
}
