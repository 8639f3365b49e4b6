import { createEndpoint, createEndpointBody, endpointWithSecretObject, presentEndpoint } from "../../webhooks/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function createWebhookEndpointRoute(app: AppInstance): void {
  app.post(
    "/v1/webhook_endpoints",
    {
      onRequest: requireAccess({ scope: "webhooks:write", types: ["user", "merchant", "operator"] }),
      schema: {
        summary: "Register a webhook endpoint",
        description:
          "A user or merchant registers an endpoint for its own events (admins for any user or merchant, with `owner`). " +
          "Events are POSTed as JSON signed per the Standard Webhooks spec (`webhook-id`, `webhook-timestamp`, " +
          "`webhook-signature`); the signing `secret` is returned now and never again (rotate it to get a new one). " +
          "A merchant hears of its payments and payouts; a user of its payments, approvals, mandates and top-ups.",
        tags: ["webhooks"],
        body: createEndpointBody,
        response: { 200: endpointWithSecretObject },
      },
    },
    async (request) => {
      const b = request.body;
      const input = { url: b.url, enabledEvents: b.enabled_events, description: b.description ?? null, ownerId: b.owner ?? null };
      const { endpoint, secret } = unwrap(await createEndpoint(app.deps.webhooks, callerOf(request), input));
      return { ...presentEndpoint(endpoint), secret };
    },
  );
}
