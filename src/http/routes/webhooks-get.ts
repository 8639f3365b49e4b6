import { z } from "zod";
import { endpointIdSchema, endpointObject, getEndpoint, presentEndpoint } from "../../webhooks/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getWebhookEndpointRoute(app: AppInstance): void {
  app.get(
    "/v1/webhook_endpoints/:id",
    {
      onRequest: requireAccess({ scope: "webhooks:read", types: ["user", "merchant", "operator"] }),
      schema: {
        summary: "Retrieve a webhook endpoint",
        description: "Its owner and admins; anyone else gets 404. The secret is not shown.",
        tags: ["webhooks"],
        params: z.strictObject({ id: endpointIdSchema }),
        response: { 200: endpointObject },
      },
    },
    async (request) => presentEndpoint(unwrap(await getEndpoint(app.deps.webhooks, callerOf(request).principal, request.params.id))),
  );
}
