import { listOf, presentPage, toPageRequest } from "../../parties/index.js";
import { endpointObject, listEndpoints, listEndpointsQuery, presentEndpoint } from "../../webhooks/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function listWebhookEndpointsRoute(app: AppInstance): void {
  app.get(
    "/v1/webhook_endpoints",
    {
      onRequest: requireAccess({ scope: "webhooks:read", types: ["user", "merchant", "operator"] }),
      schema: {
        summary: "List webhook endpoints, newest first",
        description: "Users and merchants see their own; admins all of them, or one owner's with `owner`. Never the secrets.",
        tags: ["webhooks"],
        querystring: listEndpointsQuery,
        response: { 200: listOf(endpointObject) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = unwrap(await listEndpoints(app.deps.webhooks, callerOf(request).principal, q.owner ?? null, toPageRequest(q)));
      return presentPage(page, presentEndpoint);
    },
  );
}
