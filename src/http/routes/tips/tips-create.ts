import { ApiError } from "../../../core/errors.js";
import { DECLINE_MESSAGES, paymentObject, presentPayment } from "../../../payments/index.js";
import { sendTip, sendTipBody } from "../../../tips/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import { requireIdempotencyKey } from "../../idempotency.js";
import type { AppInstance } from "../../types.js";

export function sendTipRoute(app: AppInstance): void {
  app.post(
    "/v1/tips",
    {
      onRequest: requireAccess({ scope: "payments:write", types: ["agent"] }),
      schema: {
        summary: "Tip a creator or developer under a mandate (agents)",
        description:
          "Moves the user's money to the recipient merchant as a tip: a payment of purpose `tip`, paid in one step, with an " +
          "optional message the recipient sees. The mandate must allow tips (its `tips` caps, else the decline " +
          "`tips_not_allowed`); the tip must fit the mandate like any payment (status, window, payee, amount range, every " +
          "budget), the user's per-recipient and per-day tip caps (`over_tip_cap_recipient`, `over_tip_cap_day`, days in " +
          "the user's time zone), KYC limits and risk control. Requires an `Idempotency-Key`: a retry returns the same tip " +
          "and never pays twice. Above the mandate's step-up threshold the tip waits in `requires_confirmation` for the " +
          "user. A decline answers 402 with a `decline_code`. Tips are listed with `GET /v1/payments?purpose=tip`.",
        tags: ["tips"],
        body: sendTipBody,
        response: { 200: paymentObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      const key = requireIdempotencyKey(request);
      const tip = unwrap(await sendTip(app.deps.payments, principal, request.body, key, requestId));
      if (tip.status === "declined" && tip.declineCode !== null) {
        throw new ApiError("payment_declined", DECLINE_MESSAGES[tip.declineCode], undefined, {
          decline_code: tip.declineCode,
          payment: presentPayment(tip),
        });
      }
      return presentPayment(tip);
    },
  );
}
