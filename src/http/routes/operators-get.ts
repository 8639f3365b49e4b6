import { z } from "zod";
import { getOperator, operatorIdSchema, operatorObject, presentOperator } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function getOperatorRoute(app: AppInstance): void {
  app.get(
    "/v1/operators/:id",
    {
      onRequest: requireAccess({ scope: "parties:read" }),
      schema: {
        summary: "Retrieve an operator",
        description: "Admin operators, and the operator itself.",
        tags: ["operators"],
        params: z.strictObject({ id: operatorIdSchema }),
        response: { 200: operatorObject },
      },
    },
    async (request) => presentOperator(unwrap(await getOperator(partiesDepsOf(app), callerOf(request), request.params.id))),
  );
}
