import { createMeter, createMeterBody, meterObject, presentMeter } from "../../../usage/index.js";
import { callerOf, requireAccess } from "../../auth.js";
import { unwrap } from "../../context.js";
import type { AppInstance } from "../../types.js";

export function createMeterRoute(app: AppInstance): void {
  app.post(
    "/v1/meters",
    {
      onRequest: requireAccess({ scope: "billing:write", types: ["merchant", "operator"], operatorRoles: ["admin", "finance"] }),
      schema: {
        summary: "Create a meter",
        description:
          "A meter turns usage events of one `event_type` into a quantity per subscription and period: `count` events, `sum`, " +
          "`max` or take the `latest` of a numeric `value_property` (with `value_scale_digits` decimals kept exactly), count " +
          "`unique_count` distinct values, or add up `duration` (each event's `duration_ms`, or `started_at`/`ended_at`). " +
          "`group_by` keys break the quantity down. Outcome-based meters (count and sum) take pending events that bill once " +
          "confirmed. A merchant creates its own meters; operators name the merchant. 409 if the event type is taken.",
        tags: ["usage"],
        body: createMeterBody,
        response: { 200: meterObject },
      },
    },
    async (request) => {
      const { principal, requestId } = callerOf(request);
      return presentMeter(unwrap(await createMeter(app.deps.usage, principal, request.body, requestId)));
    },
  );
}
