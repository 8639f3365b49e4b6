import { createOperator, createOperatorBody, operatorObject, presentOperator, toCreateOperatorInput } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function createOperatorRoute(app: AppInstance): void {
  app.post(
    "/v1/operators",
    {
      onRequest: requireAccess({ scope: "parties:write" }),
      schema: {
        summary: "Create an operator",
        description: "Admin operators only. Roles: admin, risk, finance, support.",
        tags: ["operators"],
        body: createOperatorBody,
        response: { 200: operatorObject },
      },
    },
    async (request) => {
      const input = toCreateOperatorInput(request.body);
      return presentOperator(unwrap(await createOperator(partiesDepsOf(app), callerOf(request), input)));
    },
  );
}
