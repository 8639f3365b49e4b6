/**
 * A fresh Idempotency-Key for one money-moving request. Generate it once per operation and keep
 * it for every retry of that operation: the same key returns the same result, never a second
 * payment; a new key is a new operation.
 */
export function newIdempotencyKey(): string {
  return `idk_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
}
