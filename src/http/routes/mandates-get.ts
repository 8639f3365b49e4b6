import { z } from "zod";
import { getMandate, mandateObject, presentMandate } from "../../mandates/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getMandateRoute(app: AppInstance): void {
  app.get(
    "/v1/mandates/:id",
    {
      onRequest: requireAccess({ scope: "mandates:read", types: ["user", "agent", "operator"] }),
      schema: {
        summary: "Retrieve a mandate with its remaining budgets",
        description: "The granting user, the authorised agent and operators; anyone else gets 404.",
        tags: ["mandates"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: mandateObject },
      },
    },
    async (request) => {
      const view = unwrap(await getMandate(app.deps.mandates, callerOf(request).principal, request.params.id));
      return presentMandate(view.mandate, view.status, view.remaining);
    },
  );
}
