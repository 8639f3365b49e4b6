import { recordAudit } from "../audit/index.js";
import { meterFromBody, type MeterDefinition } from "../billing/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { UsageDeps } from "./deps.js";
import { newMeterId } from "./ids.js";
import { meterFromRow } from "./rows.js";
import type { CreateMeterBody } from "./schema.js";
import type { Meter } from "./types.js";

/** Aggregations whose events may be pending (outcome-based): those a confirmation can move. */
const OUTCOME_AGGREGATIONS: ReadonlySet<string> = new Set(["count", "sum"]);
/** Aggregations whose events can be reversed: an event's quantity can be taken back out. */
const REVERSIBLE_AGGREGATIONS: ReadonlySet<string> = new Set(["count", "sum", "duration"]);

export async function createMeter(deps: UsageDeps, actor: Principal, body: CreateMeterBody, requestId: string | null): Promise<Result<Meter, ApiError>> {
  const owner = await ownerOf(deps, actor, body.merchant_id);
  if (!owner.ok) return owner;
  const definition = checkDefinition(body);
  if (!definition.ok) return definition;
  const nowMs = deps.clock.nowMs();
  const row = {
    id: newMeterId(),
    merchant_id: owner.value,
    name: body.name,
    event_type: body.event_type,
    aggregation: definition.value.aggregation,
    value_property: definition.value.valueProperty,
    value_scale_digits: BigInt(definition.value.valueScaleDigits),
    group_by: JSON.stringify(definition.value.groupBy),
    outcome_based: body.outcome_based ? 1n : 0n,
    dispute_window_s: body.dispute_window_s === null ? null : BigInt(body.dispute_window_s),
    status: "active",
    metadata: body.metadata === undefined || Object.keys(body.metadata).length === 0 ? null : JSON.stringify(body.metadata),
    created_at: BigInt(nowMs),
    updated_at: BigInt(nowMs),
  };
  const created = await deps.database.transaction(async (trx) => {
    const taken = await trx.selectFrom("meters").select("id").where("merchant_id", "=", row.merchant_id).where("event_type", "=", row.event_type).executeTakeFirst();
    if (taken !== undefined) return false;
    await trx.insertInto("meters").values(row).execute();
    const audit = { actor, action: "meter.created", objectType: "meter", objectId: row.id, afterStatus: "active", requestId };
    await recordAudit(trx, { ...audit, data: { merchant_id: row.merchant_id, event_type: row.event_type, aggregation: row.aggregation } }, nowMs);
    return true;
  }).catch((error: unknown) => (isUniqueViolation(error) ? false : Promise.reject(error)));
  if (!created) return err(new ApiError("conflict", `A meter with event type '${body.event_type}' exists already.`, "event_type"));
  return ok(meterFromRow(row));
}

async function ownerOf(deps: UsageDeps, actor: Principal, merchantId: string | undefined): Promise<Result<string, ApiError>> {
  if (actor.type === "merchant") {
    if (merchantId !== undefined && merchantId !== actor.id) return err(new ApiError("forbidden", "A merchant creates meters for itself only.", "merchant_id"));
    return ok(actor.id);
  }
  if (actor.type !== "operator" || (actor.role !== "admin" && actor.role !== "finance")) {
    return err(new ApiError("forbidden", "Only merchants, and finance or admin operators, create meters."));
  }
  if (merchantId === undefined) return err(new ApiError("validation_error", "An operator names the merchant the meter belongs to.", "merchant_id"));
  const merchant = await deps.database.db.selectFrom("merchants").select("id").where("id", "=", merchantId).executeTakeFirst();
  return merchant === undefined ? err(new ApiError("not_found", `No merchant '${merchantId}'.`, "merchant_id")) : ok(merchantId);
}

function checkDefinition(body: CreateMeterBody): Result<MeterDefinition, ApiError> {
  const definition = meterFromBody(body);
  if (!definition.ok) return err(new ApiError("validation_error", definition.error.message, definition.error.param));
  const aggregation = definition.value.aggregation;
  if (body.outcome_based && !OUTCOME_AGGREGATIONS.has(aggregation)) {
    return err(new ApiError("validation_error", "Only count and sum meters may be outcome-based.", "outcome_based"));
  }
  if (body.dispute_window_s !== null && !REVERSIBLE_AGGREGATIONS.has(aggregation)) {
    return err(new ApiError("validation_error", "Only count, sum and duration meters have a dispute window.", "dispute_window_s"));
  }
  return ok(definition.value);
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export { REVERSIBLE_AGGREGATIONS };
