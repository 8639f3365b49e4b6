/**
 * Verifying AgentPay's webhooks, which are signed per the Standard Webhooks spec: the
 * `webhook-id`, `webhook-timestamp` and `webhook-signature` headers over the raw body. This wraps
 * the `standardwebhooks` reference verifier (signature, and a timestamp within its tolerance).
 */
import { Webhook, WebhookVerificationError } from "standardwebhooks";

export { WebhookVerificationError } from "standardwebhooks";

/** Node's `req.headers`, a fetch `Headers`, or a plain record. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

const NAMES = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * The event, parsed, if `payload` (the raw body, exactly as received: do not re-serialise parsed
 * JSON) carries a valid signature by `secret` (the endpoint's `whsec_…` secret); otherwise it
 * throws WebhookVerificationError.
 */
export function verifyWebhook<T = unknown>(secret: string, payload: string | Buffer, headers: WebhookHeaders): T {
  const picked: Record<string, string> = {};
  for (const name of NAMES) {
    const value = headers instanceof Headers ? headers.get(name) : first(headers[name] ?? headers[name.toUpperCase()]);
    if (value === null || value === undefined) throw new WebhookVerificationError(`Missing required header ${name}`);
    picked[name] = value;
  }
  return new Webhook(secret).verify(payload, picked) as T;
}

const first = (v: string | readonly string[] | undefined): string | undefined => (typeof v === "string" ? v : v?.[0]);
