import { createMandate, createMandateBody, mandateObject, presentMandate, viewMandate } from "../../mandates/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function createMandateRoute(app: AppInstance): void {
  app.post(
    "/v1/mandates",
    {
      onRequest: requireAccess({ scope: "mandates:write", types: ["user"] }),
      schema: {
        summary: "Grant a mandate to one of your agents",
        description:
          "Only the user (with a user key) grants a mandate, never the agent. The mandate is signed by AgentPay " +
          "(`jws`) so that merchants can verify it offline against /.well-known/jwks.json.",
        tags: ["mandates"],
        body: createMandateBody,
        response: { 200: mandateObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const mandate = unwrap(await createMandate(app.deps.mandates, principal, request.body, requestId));
      const view = await viewMandate(app.deps.mandates, mandate);
      return presentMandate(view.mandate, view.status, view.remaining);
    },
  );
}
