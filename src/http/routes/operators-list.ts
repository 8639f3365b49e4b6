import { listOf, listOperators, operatorIdSchema, operatorObject, pageQuery, presentOperator, presentPage, toPageRequest } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function listOperatorsRoute(app: AppInstance): void {
  app.get(
    "/v1/operators",
    {
      onRequest: requireAccess({ scope: "parties:read" }),
      schema: {
        summary: "List operators, newest first",
        description: "Admin operators only.",
        tags: ["operators"],
        querystring: pageQuery(operatorIdSchema),
        response: { 200: listOf(operatorObject) },
      },
    },
    async (request) => {
      const page = unwrap(await listOperators(partiesDepsOf(app), callerOf(request), toPageRequest(request.query)));
      return presentPage(page, presentOperator);
    },
  );
}
