/**
 * A receipt opens its resource once. The paywall records each receipt it accepted until the
 * receipt is too old to be accepted anyway; a store shared by several merchant processes
 * (Redis `SET key NX PX ttl`, a database table with a unique key) plugs in through this interface.
 */

export type MarkResult = "marked" | "already_used" | "full";

export interface UsedReceiptStore {
  /**
   * Atomically records `key` as used until `expiresAtMs`. "already_used" if it is already
   * recorded and not expired; "full" if the store cannot take another entry (the paywall then
   * refuses the request rather than forget a receipt that could still be replayed).
   */
  markUsed(key: string, expiresAtMs: number, nowMs: number): Promise<MarkResult>;
}

/** Entries a memory store keeps by default: about 100 bytes each. */
export const USED_RECEIPTS_MAX_DEFAULT = 100_000;

/**
 * One process's store. Entries are forgotten once expired; it never evicts a live entry to make
 * room, since that would let the evicted receipt be used again.
 */
export function memoryUsedReceiptStore(entriesMax: number = USED_RECEIPTS_MAX_DEFAULT): UsedReceiptStore {
  if (!Number.isInteger(entriesMax) || entriesMax < 1) throw new RangeError("entriesMax must be a positive integer");
  // Insertion order is roughly expiry order (receipts expire a fixed time after payment), so
  // expired entries are swept from the front; a full store is swept completely once.
  const expiries = new Map<string, number>();
  const sweep = (nowMs: number, all: boolean): void => {
    for (const [key, expiresAtMs] of expiries) {
      if (expiresAtMs <= nowMs) expiries.delete(key);
      else if (!all) return;
    }
  };
  return {
    async markUsed(key, expiresAtMs, nowMs) {
      sweep(nowMs, false);
      const existing = expiries.get(key);
      if (existing !== undefined && existing > nowMs) return "already_used";
      if (expiries.size >= entriesMax) sweep(nowMs, true);
      if (expiries.size >= entriesMax) return "full";
      expiries.set(key, expiresAtMs);
      return "marked";
    },
  };
}
