import { z } from "zod";
import { deletedEndpointObject, deleteEndpoint, endpointIdSchema } from "../../webhooks/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function deleteWebhookEndpointRoute(app: AppInstance): void {
  app.delete(
    "/v1/webhook_endpoints/:id",
    {
      onRequest: requireAccess({ scope: "webhooks:write", types: ["user", "merchant", "operator"] }),
      schema: {
        summary: "Delete a webhook endpoint",
        description: "Its pending deliveries are dropped; the audit trail keeps what it was.",
        tags: ["webhooks"],
        params: z.strictObject({ id: endpointIdSchema }),
        response: { 200: deletedEndpointObject },
      },
    },
    async (request) => {
      const { id } = unwrap(await deleteEndpoint(app.deps.webhooks, callerOf(request), request.params.id));
      return { id, object: "webhook_endpoint" as const, deleted: true as const };
    },
  );
}
