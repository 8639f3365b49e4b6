import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { MandateDeps } from "./deps.js";
import { mandateToRow } from "./rows.js";
import { type CreateMandateBody, MANDATE_VALIDITY_MS_MAX } from "./schema.js";
import type { Mandate } from "./types.js";

export const MANDATE_JWS_TYPE = "agentpay-mandate+jwt";

/** Only a user grants a mandate, and only to one of their own active agents. */
export async function createMandate(
  deps: MandateDeps,
  actor: Principal,
  body: CreateMandateBody,
  requestId: string | null,
): Promise<Result<Mandate, ApiError>> {
  if (actor.type !== "user") return err(new ApiError("forbidden", "Only the user can grant a mandate to an agent."));
  const agent = await deps.parties.agent(body.agent_id);
  if (agent === undefined || agent.userId !== actor.id) {
    return err(new ApiError("not_found", `No agent '${body.agent_id}' of yours.`, "agent_id"));
  }
  if (agent.status !== "active") return err(new ApiError("validation_error", "The agent is suspended.", "agent_id"));
  const user = await deps.parties.user(actor.id);
  if (user === undefined) return err(new ApiError("not_found", "Your user no longer exists."));
  const nowMs = deps.clock.nowMs();
  const window = checkWindow(body, nowMs);
  if (!window.ok) return window;
  if (body.allowed_merchants !== undefined) {
    const unknown = await deps.parties.unknownMerchants(body.allowed_merchants);
    if (unknown.length > 0) return err(new ApiError("validation_error", `Unknown merchant '${unknown[0]}'.`, "allowed_merchants"));
  }
  const unsigned = toMandate(body, actor.id, user.timezone, window.value, nowMs);
  const mandate: Mandate = { ...unsigned, jws: await deps.signer.sign(mandateClaims(unsigned), MANDATE_JWS_TYPE) };
  await deps.database.transaction(async (trx) => {
    await trx.insertInto("mandates").values(mandateToRow(mandate)).execute();
    await recordAudit(
      trx,
      {
        actor,
        action: "mandate.created",
        objectType: "mandate",
        objectId: mandate.id,
        userId: mandate.userId,
        mandateId: mandate.id,
        afterStatus: mandate.status,
        requestId,
        data: { agent_id: mandate.agentId, instruction: mandate.instruction },
      },
      nowMs,
    );
  });
  return ok(mandate);
}

function checkWindow(body: CreateMandateBody, nowMs: number): Result<{ notBeforeMs: number; notAfterMs: number }, ApiError> {
  const notBeforeMs = body.not_before === undefined ? nowMs : Date.parse(body.not_before);
  const notAfterMs = Date.parse(body.not_after);
  if (notAfterMs <= nowMs) return err(new ApiError("validation_error", "not_after must be in the future.", "not_after"));
  if (notAfterMs <= notBeforeMs) {
    return err(new ApiError("validation_error", "not_after must be later than not_before.", "not_after"));
  }
  if (notAfterMs - notBeforeMs > MANDATE_VALIDITY_MS_MAX) {
    return err(new ApiError("validation_error", "A mandate may be valid for at most five years.", "not_after"));
  }
  return ok({ notBeforeMs, notAfterMs });
}

function toMandate(
  b: CreateMandateBody,
  userId: string,
  timezone: string,
  window: { notBeforeMs: number; notAfterMs: number },
  nowMs: number,
): Mandate {
  const big = (v: number | undefined): bigint | null => (v === undefined ? null : BigInt(v));
  return {
    id: newId("mdt"),
    userId,
    agentId: b.agent_id,
    status: "active",
    instruction: b.instruction,
    currency: b.currency,
    amountMin: BigInt(b.amount_min ?? 1),
    amountMax: BigInt(b.amount_max),
    budgetTotal: big(b.budget_total),
    budgetDay: big(b.budget_day),
    budgetWeek: big(b.budget_week),
    budgetMonth: big(b.budget_month),
    sessionBudget: big(b.session_budget),
    allowedMerchants: b.allowed_merchants ?? null,
    allowedCategories: b.allowed_categories ?? null,
    notBeforeMs: window.notBeforeMs,
    notAfterMs: window.notAfterMs,
    recurrence:
      b.recurrence === undefined
        ? null
        : { frequency: b.recurrence.frequency, maxOccurrences: b.recurrence.max_occurrences ?? null },
    stepUpThreshold: big(b.step_up_threshold),
    tips: b.tips === undefined ? null : { recipientDayMax: BigInt(b.tips.per_recipient_day_max), dayMax: BigInt(b.tips.day_max) },
    timezone,
    jws: "",
    metadata: b.metadata === undefined ? null : JSON.stringify(b.metadata),
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
}

/**
 * The signed claims. Their `constraints` follow AP2's open-mandate constraints (payee,
 * amount range, budget, recurrence, validity) so that export to AP2 is a mapping. Tip caps have
 * no AP2 counterpart; they are AgentPay's extension (`tips`, null when tips are not allowed).
 */
export function mandateClaims(m: Mandate): Record<string, unknown> {
  const s = (v: bigint | null) => (v === null ? null : v.toString());
  return {
    iss: "agentpay",
    sub: m.userId,
    azp: m.agentId,
    jti: m.id,
    iat: Math.floor(m.createdAtMs / 1000),
    nbf: Math.floor(m.notBeforeMs / 1000),
    exp: Math.floor(m.notAfterMs / 1000),
    mandate: {
      id: m.id,
      user_id: m.userId,
      agent_id: m.agentId,
      instruction: m.instruction,
      currency: m.currency,
      timezone: m.timezone,
      constraints: {
        amount_min: s(m.amountMin),
        amount_max: s(m.amountMax),
        budget_total: s(m.budgetTotal),
        budget_day: s(m.budgetDay),
        budget_week: s(m.budgetWeek),
        budget_month: s(m.budgetMonth),
        session_budget: s(m.sessionBudget),
        allowed_merchants: m.allowedMerchants,
        allowed_categories: m.allowedCategories,
        recurrence: m.recurrence === null ? null : { frequency: m.recurrence.frequency, max_occurrences: m.recurrence.maxOccurrences },
        step_up_threshold: s(m.stepUpThreshold),
        tips: m.tips === null ? null : { per_recipient_day_max: s(m.tips.recipientDayMax), day_max: s(m.tips.dayMax) },
      },
    },
  };
}
