import { z } from "zod";
import { getMeter, meterObject, presentMeter } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function getMeterRoute(app: AppInstance): void {
  app.get(
    "/v1/meters/:id",
    {
      onRequest: requireAccess({ scope: "billing:read", types: ["merchant", "operator"] }),
      schema: {
        summary: "Retrieve a meter",
        description: "Its merchant and operators; anyone else gets 404.",
        tags: ["usage"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: meterObject },
      },
    },
    async (request) => presentMeter(unwrap(await getMeter(app.deps.usage, callerOf(request).principal, request.params.id))),
  );
}
