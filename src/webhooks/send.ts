/**
 * One delivery attempt: POST the event body signed per the Standard Webhooks spec — headers
 * `webhook-id` (the event id, the same on every attempt and replay, for the receiver to dedupe
 * on), `webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature` (`v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">`, one per active secret, space-separated) — with a bounded
 * timeout, no redirects, and the SSRF checks of url-policy.ts at connect time.
 */
import http from "node:http";
import https from "node:https";
import { Webhook } from "standardwebhooks";
import type { TargetPolicy } from "./settings.js";
import { BlockedAddressError, guardedLookup, urlRefusal } from "./url-policy.js";

export const USER_AGENT = "AgentPay-Webhooks/1";
/** Response bytes read (and dropped) before the connection is closed. */
export const RESPONSE_BYTES_MAX = 64 * 1024;
/** Error texts kept on a delivery. */
export const ERROR_LENGTH_MAX = 300;

export type AttemptOutcome =
  | { readonly kind: "delivered"; readonly status: number }
  | { readonly kind: "failed"; readonly status: number | null; readonly error: string }
  /** The worker is stopping: the attempt does not count and the delivery is retried later. */
  | { readonly kind: "aborted" };

export interface Message {
  readonly url: string;
  readonly eventId: string;
  readonly payload: string;
  /** The current secret first, then a rotated-out one still in its overlap window. */
  readonly secrets: readonly string[];
}

export function signatureHeader(secrets: readonly string[], eventId: string, at: Date, payload: string): string {
  return secrets.map((s) => new Webhook(s).sign(eventId, at, payload)).join(" ");
}

export function sendMessage(
  m: Message,
  options: { readonly timeoutMs: number; readonly targets: TargetPolicy; readonly stop: AbortSignal; readonly nowMs: number },
): Promise<AttemptOutcome> {
  const refusal = urlRefusal(m.url, options.targets);
  if (refusal !== null) return Promise.resolve({ kind: "failed", status: null, error: `url ${refusal}` });
  const at = new Date(options.nowMs);
  const url = new URL(m.url);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return new Promise((resolve) => {
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      {
        method: "POST",
        // A fresh connection per attempt: no pooled socket outlives the worker.
        agent: false,
        lookup: guardedLookup(options.targets),
        signal: AbortSignal.any([timeout, options.stop]),
        headers: {
          "content-type": "application/json",
          "user-agent": USER_AGENT,
          "webhook-id": m.eventId,
          "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
          "webhook-signature": signatureHeader(m.secrets, m.eventId, at, m.payload),
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let bytes = 0;
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > RESPONSE_BYTES_MAX) response.destroy();
        });
        response.on("error", () => undefined);
        resolve(status >= 200 && status < 300 ? { kind: "delivered", status } : { kind: "failed", status, error: `HTTP ${status}` });
      },
    );
    request.on("error", (error) => {
      if (options.stop.aborted) return resolve({ kind: "aborted" });
      resolve({ kind: "failed", status: null, error: describe(error, timeout.aborted, options.timeoutMs) });
    });
    request.end(m.payload);
  });
}

function describe(error: Error, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out after ${timeoutMs} ms`;
  if (error instanceof BlockedAddressError) return error.message.slice(0, ERROR_LENGTH_MAX);
  const code = (error as NodeJS.ErrnoException).code;
  return (code === undefined ? error.message : `${code}: ${error.message}`).slice(0, ERROR_LENGTH_MAX);
}
