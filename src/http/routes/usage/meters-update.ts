import { z } from "zod";
import { meterObject, presentMeter, updateMeter, updateMeterBody } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function updateMeterRoute(app: AppInstance): void {
  app.post(
    "/v1/meters/:id",
    {
      onRequest: requireAccess({ scope: "billing:write", types: ["merchant", "operator"], operatorRoles: ["admin", "finance"] }),
      schema: {
        summary: "Rename, archive or reactivate a meter",
        description:
          "Changes `name`, `status` and `metadata` only: what a meter counts is fixed once usage may have been billed on it. " +
          "An archived meter's events are refused with `meter_archived`.",
        tags: ["usage"],
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        body: updateMeterBody,
        response: { 200: meterObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      return presentMeter(unwrap(await updateMeter(app.deps.usage, principal, request.params.id, request.body, requestId)));
    },
  );
}
