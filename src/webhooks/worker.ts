/**
 * The background worker of one process: on every tick it dispatches new audit events into
 * deliveries, then starts due deliveries up to `concurrencyMax` requests in flight. It reads and
 * writes only its own tables (and reads the audit trail), on its own timer, so a slow or hanging
 * receiver holds one of its slots for at most `requestTimeoutMs` and never an HTTP request or a
 * payment. `stop` aborts the requests in flight (their deliveries are retried after the lease).
 */
import { claimDue, type Claim, recordOutcome } from "./deliver.js";
import { dispatchEvents } from "./dispatch.js";
import { sendMessage } from "./send.js";
import type { WebhookDeps } from "./types.js";

/** Dispatcher passes per tick when it is behind (each reads a full batch). */
export const DISPATCH_PASSES_PER_TICK_MAX = 10;
export const PURGE_INTERVAL_MS = 3_600_000;

export interface WebhookWorker {
  stop(): Promise<void>;
}

export function startWebhookWorker(deps: WebhookDeps): WebhookWorker {
  const inFlight = new Set<Promise<void>>();
  const stopper = new AbortController();
  let ticking: Promise<void> | null = null;
  let lastPurgeMs = 0;

  const attempt = async (claim: Claim): Promise<void> => {
    const outcome = await sendMessage(claim.message, {
      timeoutMs: deps.settings.requestTimeoutMs,
      targets: deps.settings.targets,
      stop: stopper.signal,
      nowMs: deps.clock.nowMs(),
    });
    if (outcome.kind !== "aborted" && !stopper.signal.aborted) await recordOutcome(deps, claim, outcome);
  };

  const tick = async (): Promise<void> => {
    for (let pass = 0; pass < DISPATCH_PASSES_PER_TICK_MAX && !stopper.signal.aborted; pass++) {
      if ((await dispatchEvents(deps)).read < deps.settings.dispatchBatchMax) break;
    }
    const room = deps.settings.concurrencyMax - inFlight.size;
    if (room > 0 && !stopper.signal.aborted) {
      for (const claim of await claimDue(deps, room)) {
        const running: Promise<void> = attempt(claim)
          .catch(() => undefined)
          .finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
    }
    const nowMs = deps.clock.nowMs();
    if (nowMs - lastPurgeMs >= PURGE_INTERVAL_MS) {
      lastPurgeMs = nowMs;
      await purgeDeliveries(deps, nowMs);
    }
  };

  const timer = setInterval(() => {
    // A tick that fails (a database hiccup) is retried on the next one.
    ticking ??= tick()
      .catch(() => undefined)
      .finally(() => (ticking = null));
  }, deps.settings.pollIntervalMs);
  timer.unref();

  return {
    stop: async () => {
      clearInterval(timer);
      stopper.abort();
      await ticking;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Deletes finished deliveries older than the retention; pending ones are kept whatever their age. */
export async function purgeDeliveries(deps: WebhookDeps, nowMs: number): Promise<number> {
  const result = await deps.database.db
    .deleteFrom("webhook_deliveries")
    .where("status", "in", ["succeeded", "failed"])
    .where("updated_at", "<", BigInt(nowMs - deps.settings.deliveryRetentionMs))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
