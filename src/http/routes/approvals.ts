import { z } from "zod";
import { approvalObject, decideApproval, getApproval, paymentObject, presentApproval, presentPayment } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

const params = z.strictObject({ id: z.string().min(1).max(64) });
const decision = z.object({ approval: approvalObject, payment: paymentObject });

export function approvalRoutes(app: AppInstance): void {
  app.get(
    "/v1/approvals/:id",
    {
      onRequest: requireAccess({ scope: "payments:read", types: ["user", "operator"] }),
      schema: { summary: "Retrieve an approval", tags: ["approvals"], params, response: { 200: approvalObject } },
    },
    async (request) => presentApproval(unwrap(await getApproval(app.deps.payments, callerOf(request).principal, request.params.id))),
  );
  for (const verdict of ["approve", "decline"] as const) {
    app.post(
      `/v1/approvals/:id/${verdict}`,
      {
        onRequest: requireAccess({ scope: "approvals:write", types: ["user"] }),
        schema: {
          summary: verdict === "approve" ? "Approve a payment waiting for your confirmation" : "Decline a payment waiting for your confirmation",
          description:
            "Only the user, with their own key (or the dashboard), decides — never the agent. " +
            (verdict === "approve" ? "The payment then goes through the ledger like any other." : "The payment ends as `canceled`."),
          tags: ["approvals"],
          params,
          response: { 200: decision },
        },
      },
      async (request) => {
        const { principal, requestId } = callerOf(request);
        const d = unwrap(await decideApproval(app.deps.payments, principal, request.params.id, verdict, requestId));
        return { approval: presentApproval(d.approval), payment: presentPayment(d.payment) };
      },
    );
  }
}
