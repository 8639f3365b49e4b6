import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { UsageDeps } from "./deps.js";
import { maySeeMeter } from "./meter-access.js";
import { meterFromRow } from "./rows.js";
import type { Meter, MeterStatus } from "./types.js";

export async function getMeter(deps: UsageDeps, actor: Principal, id: string): Promise<Result<Meter, ApiError>> {
  const row = await deps.database.db.selectFrom("meters").selectAll().where("id", "=", id).executeTakeFirst();
  const meter = row === undefined ? undefined : meterFromRow(row);
  if (meter === undefined || !maySeeMeter(actor, meter)) return err(new ApiError("not_found", `No meter '${id}'.`, "id"));
  return ok(meter);
}

export interface MeterListQuery {
  readonly limit: number;
  readonly startingAfter: string | undefined;
  readonly status: MeterStatus | undefined;
  /** Operators may narrow to one merchant; a merchant always sees its own. */
  readonly merchantId: string | undefined;
}

/** Newest first. A merchant lists its own meters; operators any merchant's. */
export async function listMeters(deps: UsageDeps, actor: Principal, q: MeterListQuery): Promise<Result<{ data: Meter[]; hasMore: boolean }, ApiError>> {
  if (actor.type !== "merchant" && actor.type !== "operator") return err(new ApiError("forbidden", "Meters are their merchant's (and operators') business."));
  let query = deps.database.db.selectFrom("meters").selectAll();
  const merchantId = actor.type === "merchant" ? actor.id : q.merchantId;
  if (merchantId !== undefined) query = query.where("merchant_id", "=", merchantId);
  if (q.status !== undefined) query = query.where("status", "=", q.status);
  if (q.startingAfter !== undefined) query = query.where("id", "<", q.startingAfter);
  const rows = await query.orderBy("id", "desc").limit(q.limit + 1).execute();
  return ok({ data: rows.slice(0, q.limit).map(meterFromRow), hasMore: rows.length > q.limit });
}
