import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { UsageDeps } from "./deps.js";
import { mayManageMeter, maySeeMeter } from "./meter-access.js";
import { meterFromRow } from "./rows.js";
import type { UpdateMeterBody } from "./schema.js";
import type { Meter } from "./types.js";

/**
 * Renames, archives or reactivates a meter. What it counts (type, aggregation, value, groups,
 * outcome rules) is fixed: usage already billed on it must keep meaning what it meant.
 */
export async function updateMeter(deps: UsageDeps, actor: Principal, id: string, body: UpdateMeterBody, requestId: string | null): Promise<Result<Meter, ApiError>> {
  const nowMs = deps.clock.nowMs();
  return deps.database.transaction(async (trx) => {
    const row = await trx.selectFrom("meters").selectAll().where("id", "=", id).executeTakeFirst();
    const meter = row === undefined ? undefined : meterFromRow(row);
    if (row === undefined || meter === undefined || !maySeeMeter(actor, meter)) return err(new ApiError("not_found", `No meter '${id}'.`, "id"));
    if (!mayManageMeter(actor, meter)) return err(new ApiError("forbidden", "Only the meter's merchant, finance or admin changes it."));
    const changes = {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.status === undefined ? {} : { status: body.status }),
      ...(body.metadata === undefined ? {} : { metadata: Object.keys(body.metadata).length === 0 ? null : JSON.stringify(body.metadata) }),
    };
    if (Object.keys(changes).length === 0) return ok(meter);
    await trx.updateTable("meters").set({ ...changes, updated_at: BigInt(nowMs) }).where("id", "=", id).execute();
    const archived = body.status !== undefined && body.status !== meter.status;
    await recordAudit(
      trx,
      {
        actor,
        action: archived ? (body.status === "archived" ? "meter.archived" : "meter.reactivated") : "meter.updated",
        objectType: "meter",
        objectId: id,
        beforeStatus: meter.status,
        afterStatus: body.status ?? meter.status,
        requestId,
        data: { merchant_id: meter.merchantId, changed: Object.keys(changes) },
      },
      nowMs,
    );
    return ok(meterFromRow({ ...row, ...changes, updated_at: BigInt(nowMs) }));
  });
}
