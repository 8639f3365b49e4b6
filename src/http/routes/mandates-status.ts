import { z } from "zod";
import { changeMandateStatus, type MandateAction, mandateObject, presentMandate } from "../../mandates/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

const DESCRIPTIONS: Record<MandateAction, string> = {
  pause: "The owner pauses the mandate: the agent's next payment is declined with `mandate_paused`.",
  resume: "The owner resumes a paused mandate.",
  revoke: "The owner (or an admin/risk operator) revokes the mandate for good; effective for the next request.",
};

export function mandateStatusRoutes(app: AppInstance): void {
  for (const action of ["pause", "resume", "revoke"] as const) {
    app.post(
      `/v1/mandates/:id/${action}`,
      {
        onRequest: requireAccess({ scope: "mandates:write", types: ["user", "operator"] }),
        schema: {
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} a mandate`,
          description: DESCRIPTIONS[action],
          tags: ["mandates"],
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          response: { 200: mandateObject },
        },
      },
      async (request) => {
        const { principal, requestId } = callerOf(request);
        const view = unwrap(await changeMandateStatus(app.deps.mandates, principal, request.params.id, action, requestId));
        return presentMandate(view.mandate, view.status, view.remaining);
      },
    );
  }
}
