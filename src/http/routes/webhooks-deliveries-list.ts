import { z } from "zod";
import { listOf, presentPage, toPageRequest } from "../../parties/index.js";
import { deliveryObject, endpointIdSchema, listDeliveries, listDeliveriesQuery, presentDelivery } from "../../webhooks/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function listWebhookDeliveriesRoute(app: AppInstance): void {
  app.get(
    "/v1/webhook_endpoints/:id/deliveries",
    {
      onRequest: requireAccess({ scope: "webhooks:read", types: ["user", "merchant", "operator"] }),
      schema: {
        summary: "List an endpoint's deliveries, newest first",
        description: "One delivery per event: its status (pending, succeeded, failed), attempts, last response and next attempt.",
        tags: ["webhooks"],
        params: z.strictObject({ id: endpointIdSchema }),
        querystring: listDeliveriesQuery,
        response: { 200: listOf(deliveryObject) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(
        await listDeliveries(app.deps.webhooks, callerOf(request).principal, request.params.id, q.status ?? null, toPageRequest(q)),
      );
      return presentPage(page, presentDelivery);
    },
  );
}
