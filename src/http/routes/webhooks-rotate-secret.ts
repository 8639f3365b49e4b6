import { z } from "zod";
import { endpointIdSchema, endpointWithSecretObject, presentEndpoint, rotateSecret, rotateSecretBody } from "../../webhooks/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function rotateWebhookSecretRoute(app: AppInstance): void {
  app.post(
    "/v1/webhook_endpoints/:id/rotate_secret",
    {
      onRequest: requireAccess({ scope: "webhooks:write", types: ["user", "merchant", "operator"] }),
      schema: {
        summary: "Rotate a webhook endpoint's signing secret",
        description:
          "Returns the new secret, this once. Until `expire_previous_after_s` has passed (default 24 h) deliveries carry " +
          "a signature with each secret, so the receiver can switch without missing an event.",
        tags: ["webhooks"],
        params: z.strictObject({ id: endpointIdSchema }),
        body: rotateSecretBody,
        response: { 200: endpointWithSecretObject },
      },
    },
    async (request) => {
      const ttlS = request.body?.expire_previous_after_s;
      const rotated = unwrap(await rotateSecret(app.deps.webhooks, callerOf(request), request.params.id, ttlS === undefined ? null : ttlS * 1000));
      return { ...presentEndpoint(rotated.endpoint), secret: rotated.secret };
    },
  );
}
