/**
 * Deliveries: claimed by a worker, attempted, and their outcome recorded. A claim pushes the
 * delivery's `next_attempt_at` out by a lease, so no other worker (in this or another process)
 * takes it meanwhile; if the worker dies the lease runs out and the delivery is attempted again
 * (at least once: receivers dedupe on `webhook-id`). The outcome is recorded only if the claim
 * still holds (`next_attempt_at` unchanged), so a late worker never overwrites a newer attempt.
 *
 * Retries follow `retryScheduleMs` with jitter. After `failingAfterAttempts` failed attempts in
 * a row an endpoint turns `failing`: its deliveries stop, except one probe attempt (its oldest
 * pending delivery) per `failingProbeIntervalMs`; the first success makes it `enabled` again and
 * the queued deliveries flow. Nothing here runs on the payment path.
 */
import type { Kysely } from "kysely";
import type { Tables, WebhookDeliveryRow, WebhookEndpointRow } from "../store/index.js";
import { recordEndpointEvent } from "./audit.js";
import type { AttemptOutcome, Message } from "./send.js";
import { claimLeaseMs, type WebhookSettings } from "./settings.js";
import { endpointFromRow, findEndpointRow } from "./store.js";
import type { WebhookDeps } from "./types.js";

export interface Claim {
  readonly deliveryId: string;
  readonly endpointId: string;
  readonly attempts: number;
  /** The `next_attempt_at` the claim set: the proof that it still holds. */
  readonly claimedUntilMs: number;
  readonly message: Message;
}

type ClaimRow = WebhookDeliveryRow & Pick<WebhookEndpointRow, "url" | "secret" | "previous_secret" | "previous_secret_expires_at">;

/** Claims up to `limit` deliveries that are due: of enabled endpoints, plus probes of failing ones. */
export async function claimDue(deps: WebhookDeps, limit: number): Promise<Claim[]> {
  const nowMs = deps.clock.nowMs();
  if (!(await anythingDue(deps.database.db, nowMs))) return [];
  const pg = deps.database.engine === "postgres";
  const until = nowMs + claimLeaseMs(deps.settings);
  return deps.database.transaction(async (trx) => {
    const dueQuery = trx
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhook_endpoints as e", "e.id", "d.endpoint_id")
      .select("d.id")
      .where("d.status", "=", "pending")
      .where("d.next_attempt_at", "<=", BigInt(nowMs))
      .where("e.status", "=", "enabled")
      .orderBy("d.next_attempt_at")
      .limit(limit);
    const due = (await (pg ? dueQuery.forUpdate("d").skipLocked() : dueQuery).execute()).map((r) => r.id);
    const probes = due.length < limit ? await claimProbes(trx, deps, limit - due.length, nowMs) : [];
    const ids = [...due, ...probes];
    if (ids.length === 0) return [];
    await trx.updateTable("webhook_deliveries").set({ next_attempt_at: BigInt(until), updated_at: BigInt(nowMs) }).where("id", "in", ids).execute();
    const rows = await trx
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhook_endpoints as e", "e.id", "d.endpoint_id")
      .selectAll("d")
      .select(["e.url", "e.secret", "e.previous_secret", "e.previous_secret_expires_at"])
      .where("d.id", "in", ids)
      .execute();
    return rows.map((r) => claimOf(r, until, nowMs));
  });
}

async function anythingDue(db: Kysely<Tables>, nowMs: number): Promise<boolean> {
  const due = await db
    .selectFrom("webhook_deliveries")
    .select("id")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", BigInt(nowMs))
    .limit(1)
    .executeTakeFirst();
  if (due !== undefined) return true;
  const probe = await db
    .selectFrom("webhook_endpoints")
    .select("id")
    .where("status", "=", "failing")
    .where((eb) => eb.or([eb("probe_after", "is", null), eb("probe_after", "<=", BigInt(nowMs))]))
    .limit(1)
    .executeTakeFirst();
  return probe !== undefined;
}

/** For failing endpoints whose probe time came: their oldest pending delivery, and the next probe time. */
async function claimProbes(trx: Kysely<Tables>, deps: WebhookDeps, limit: number, nowMs: number): Promise<string[]> {
  const pg = deps.database.engine === "postgres";
  const q = trx
    .selectFrom("webhook_endpoints")
    .select("id")
    .where("status", "=", "failing")
    .where((eb) => eb.or([eb("probe_after", "is", null), eb("probe_after", "<=", BigInt(nowMs))]))
    .limit(limit);
  const endpoints = await (pg ? q.forUpdate().skipLocked() : q).execute();
  const ids: string[] = [];
  for (const { id } of endpoints) {
    const oldest = await trx
      .selectFrom("webhook_deliveries")
      .select("id")
      .where("endpoint_id", "=", id)
      .where("status", "=", "pending")
      .orderBy("next_attempt_at")
      .limit(1)
      .executeTakeFirst();
    await trx
      .updateTable("webhook_endpoints")
      .set({ probe_after: BigInt(nowMs + deps.settings.failingProbeIntervalMs) })
      .where("id", "=", id)
      .execute();
    if (oldest !== undefined) ids.push(oldest.id);
  }
  return ids;
}

export function claimOf(r: ClaimRow, claimedUntilMs: number, nowMs: number): Claim {
  const previous = r.previous_secret !== null && r.previous_secret_expires_at !== null && Number(r.previous_secret_expires_at) > nowMs;
  return {
    deliveryId: r.id,
    endpointId: r.endpoint_id,
    attempts: Number(r.attempts),
    claimedUntilMs,
    message: {
      url: r.url,
      eventId: r.event_id,
      payload: r.payload,
      secrets: previous ? [r.secret, r.previous_secret!] : [r.secret],
    },
  };
}

/** The delay before attempt number `attemptsDone + 1`, jittered; null when the schedule is spent. */
export function retryDelayMs(settings: WebhookSettings, attemptsDone: number, random: () => number = Math.random): number | null {
  const base = settings.retryScheduleMs[attemptsDone - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + settings.jitterRatio * (2 * random() - 1)));
}

/** Records an attempt's outcome on the delivery and its endpoint; false if the claim was lost meanwhile. */
export async function recordOutcome(
  deps: WebhookDeps,
  claim: Claim,
  outcome: Exclude<AttemptOutcome, { kind: "aborted" }>,
): Promise<boolean> {
  const nowMs = deps.clock.nowMs();
  const attempts = claim.attempts + 1;
  const delayMs = outcome.kind === "delivered" ? null : retryDelayMs(deps.settings, attempts);
  const status = outcome.kind === "delivered" ? "succeeded" : delayMs === null ? "failed" : "pending";
  return deps.database.transaction(async (trx) => {
    const updated = await trx
      .updateTable("webhook_deliveries")
      .set({
        status,
        attempts: BigInt(attempts),
        next_attempt_at: delayMs === null ? null : BigInt(nowMs + delayMs),
        last_attempt_at: BigInt(nowMs),
        last_response_status: outcome.status === null ? null : BigInt(outcome.status),
        last_error: outcome.kind === "failed" ? outcome.error : null,
        updated_at: BigInt(nowMs),
      })
      .where("id", "=", claim.deliveryId)
      .where("status", "=", "pending")
      .where("next_attempt_at", "=", BigInt(claim.claimedUntilMs))
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await recordEndpointHealth(trx, deps, claim.endpointId, outcome.kind === "delivered", nowMs);
    return true;
  });
}

/** Consecutive failures, `failing` at the threshold, `enabled` again at the first success — each change audited. */
async function recordEndpointHealth(trx: Kysely<Tables>, deps: WebhookDeps, endpointId: string, delivered: boolean, nowMs: number): Promise<void> {
  const row = await findEndpointRow(trx, endpointId, deps.database.engine);
  if (row === undefined) return;
  const before = endpointFromRow(row);
  const failures = delivered ? 0 : before.consecutiveFailures + 1;
  const status =
    delivered && before.status === "failing"
      ? "enabled"
      : !delivered && before.status === "enabled" && failures >= deps.settings.failingAfterAttempts
        ? "failing"
        : before.status;
  if (failures === before.consecutiveFailures && status === before.status) return;
  await trx
    .updateTable("webhook_endpoints")
    .set({
      consecutive_failures: BigInt(failures),
      status,
      ...(status !== before.status ? { probe_after: status === "failing" ? BigInt(nowMs + deps.settings.failingProbeIntervalMs) : null, updated_at: BigInt(nowMs) } : {}),
    })
    .where("id", "=", endpointId)
    .execute();
  if (status === before.status) return;
  await recordEndpointEvent(
    trx,
    { ...before, status, consecutiveFailures: failures, updatedAtMs: nowMs },
    {
      actor: null,
      action: status === "failing" ? "failing" : "recovered",
      beforeStatus: before.status,
      afterStatus: status,
      requestId: null,
      data: { consecutive_failures: status === "failing" ? failures : before.consecutiveFailures },
    },
    nowMs,
  );
}
