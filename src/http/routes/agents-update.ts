import { z } from "zod";
import { agentIdSchema, agentObject, presentAgent, toUpdateAgentInput, updateAgent, updateAgentBody } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function updateAgentRoute(app: AppInstance): void {
  app.post(
    "/v1/agents/:id",
    {
      onRequest: requireAccess({ scope: "agents:write" }),
      schema: {
        summary: "Update an agent",
        description: "The owning user or an admin operator: rename, rotate the public key, edit metadata.",
        tags: ["agents"],
        params: z.strictObject({ id: agentIdSchema }),
        body: updateAgentBody,
        response: { 200: agentObject },
      },
    },
    async (request) => {
      const input = toUpdateAgentInput(request.body);
      return presentAgent(unwrap(await updateAgent(partiesDepsOf(app), callerOf(request), request.params.id, input)));
    },
  );
}
