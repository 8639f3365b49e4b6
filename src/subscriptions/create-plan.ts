/**
 * A merchant publishes a plan: a flat fee per period and usage charges on its own active meters.
 * Charges, currency and interval are fixed for the plan's life, so that what a subscriber agreed
 * to is what every period bills; a new offer is a new plan.
 */
import { recordAudit } from "../audit/index.js";
import { type PlanCharge, planChargeFromBody } from "../billing/index.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { type CurrencyCode, parseFinePrice } from "../money/index.js";
import type { SubscriptionDeps } from "./deps.js";
import { newBillingId } from "./ids.js";
import { minimumReservation } from "./reservation.js";
import { planToRow } from "./rows.js";
import type { CreatePlanBody } from "./schema.js";
import type { Plan } from "./types.js";

const invalid = (message: string, param: string) => err(new ApiError("validation_error", message, param));

export async function createPlan(
  deps: SubscriptionDeps,
  actor: Principal,
  body: CreatePlanBody,
  requestId: string | null,
): Promise<Result<Plan, ApiError>> {
  if (actor.type !== "merchant") return err(new ApiError("forbidden", "Only a merchant publishes plans."));
  const currency = body.currency as CurrencyCode;
  const fee = parseFinePrice(body.flat_fee, currency, { allowZero: true });
  if (!fee.ok) return invalid(fee.message, "flat_fee");
  const charges = await chargesOf(deps, actor.id, body, currency);
  if (!charges.ok) return charges;
  if (fee.value === 0n && charges.value.length === 0) return invalid("A plan charges something: a flat fee, usage charges or both.", "charges");
  const merchant = await deps.payments.parties.merchant(actor.id);
  const floor = minimumReservation(fee.value, merchant?.taxRateBps ?? null);
  if (body.reservation_amount !== undefined && BigInt(body.reservation_amount) < floor) {
    return invalid(`reservation_amount must cover the flat fee, its tax and a rounding unit: at least ${floor}.`, "reservation_amount");
  }
  const nowMs = deps.clock.nowMs();
  const plan: Plan = {
    id: newBillingId("pln"),
    merchantId: actor.id,
    name: body.name,
    description: body.description ?? null,
    currency,
    interval: body.interval,
    billingAnchor: body.billing_anchor,
    chargingMode: body.charging_mode,
    flatFeeFine: fee.value,
    reservationAmount: body.reservation_amount === undefined ? null : BigInt(body.reservation_amount),
    charges: charges.value,
    status: "active",
    metadata: body.metadata ?? null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  await deps.database.transaction(async (trx) => {
    await trx.insertInto("plans").values(planToRow(plan)).execute();
    await recordAudit(
      trx,
      {
        actor,
        action: "plan.created",
        objectType: "plan",
        objectId: plan.id,
        afterStatus: plan.status,
        requestId,
        data: { merchant_id: plan.merchantId, currency: plan.currency, interval: plan.interval, meters: plan.charges.map((c) => c.meterId) },
      },
      nowMs,
    );
  });
  return ok(plan);
}

/** Each charge parsed, on a distinct active meter of the merchant. */
async function chargesOf(
  deps: SubscriptionDeps,
  merchantId: string,
  body: CreatePlanBody,
  currency: CurrencyCode,
): Promise<Result<PlanCharge[], ApiError>> {
  const charges: PlanCharge[] = [];
  for (const [index, c] of body.charges.entries()) {
    const parsed = planChargeFromBody(c, currency, index);
    if (!parsed.ok) return invalid(parsed.error.message, parsed.error.param ?? `charges[${index}]`);
    if (charges.some((earlier) => earlier.meterId === parsed.value.meterId)) {
      return invalid("Each meter may be charged once per plan.", `charges[${index}].meter_id`);
    }
    charges.push(parsed.value);
  }
  if (charges.length === 0) return ok(charges);
  const meters = await deps.database.db
    .selectFrom("meters")
    .select(["id", "status"])
    .where("merchant_id", "=", merchantId)
    .where(
      "id",
      "in",
      charges.map((c) => c.meterId),
    )
    .execute();
  const active = new Set(meters.filter((m) => m.status === "active").map((m) => m.id));
  const missing = charges.findIndex((c) => !active.has(c.meterId));
  if (missing !== -1) return invalid("No active meter of yours has this id.", `charges[${missing}].meter_id`);
  return ok(charges);
}
