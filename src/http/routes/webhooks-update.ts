import { z } from "zod";
import { endpointIdSchema, endpointObject, presentEndpoint, updateEndpoint, updateEndpointBody } from "../../webhooks/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function updateWebhookEndpointRoute(app: AppInstance): void {
  app.post(
    "/v1/webhook_endpoints/:id",
    {
      onRequest: requireAccess({ scope: "webhooks:write", types: ["user", "merchant", "operator"] }),
      schema: {
        summary: "Update a webhook endpoint",
        description:
          "Change the URL, event types, description or status. `status: enabled` also revives a `failing` endpoint: " +
          "its queued deliveries go out again; `disabled` stops deliveries and queues no new ones.",
        tags: ["webhooks"],
        params: z.strictObject({ id: endpointIdSchema }),
        body: updateEndpointBody,
        response: { 200: endpointObject },
      },
    },
    async (request) => {
      const b = request.body;
      const input = {
        ...(b.url !== undefined ? { url: b.url } : {}),
        ...(b.enabled_events !== undefined ? { enabledEvents: b.enabled_events } : {}),
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(b.status !== undefined ? { status: b.status } : {}),
      };
      return presentEndpoint(unwrap(await updateEndpoint(app.deps.webhooks, callerOf(request), request.params.id, input)));
    },
  );
}
