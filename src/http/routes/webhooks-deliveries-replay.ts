import { z } from "zod";
import { deliveryIdSchema, deliveryObject, endpointIdSchema, presentDelivery, replayDelivery } from "../../webhooks/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function replayWebhookDeliveryRoute(app: AppInstance): void {
  app.post(
    "/v1/webhook_endpoints/:id/deliveries/:delivery_id/replay",
    {
      onRequest: requireAccess({ scope: "webhooks:write", types: ["user", "merchant", "operator"] }),
      schema: {
        summary: "Send a delivery again now",
        description:
          "One attempt at once, with the same `webhook-id` and body (fresh timestamp and signature), whatever the delivery's " +
          "status; answers with the delivery after it. A failure continues the retry schedule.",
        tags: ["webhooks"],
        params: z.strictObject({ id: endpointIdSchema, delivery_id: deliveryIdSchema }),
        response: { 200: deliveryObject },
      },
    },
    async (request) =>
      presentDelivery(unwrap(await replayDelivery(app.deps.webhooks, callerOf(request), request.params.id, request.params.delivery_id))),
  );
}
