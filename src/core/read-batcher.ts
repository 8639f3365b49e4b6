/**
 * Coalesces the keyed reads asked for in one turn of the event loop into one query. Under load,
 * N concurrent requests that each look a row up by key then cost one `WHERE key IN (…)` instead of
 * N queries: on SQLite, N statement preparations and N turns of the one connection's mutex; on
 * PostgreSQL, N round trips and pool checkouts.
 *
 * Nothing is cached: every load is answered by a query issued after the load was asked for, so a
 * change committed before the call (a revoked key, a paused mandate) is seen, exactly as with a
 * query of its own. Loads of the same key in one turn share one answer.
 */
import { assert } from "./assert.js";

/** Keys in one query: far under SQLite's 32,766 bound variables even for composite keys. */
export const READ_BATCH_KEYS_MAX = 500;

interface Waiter<V> {
  readonly resolve: (value: V | undefined) => void;
  readonly reject: (error: unknown) => void;
}

export class ReadBatcher<V> {
  private pending: Map<string, Array<Waiter<V>>> | null = null;

  /** `readMany` answers the rows found for some of the keys (at most READ_BATCH_KEYS_MAX at once). */
  constructor(private readonly readMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>) {}

  load(key: string): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      if (this.pending === null) {
        this.pending = new Map();
        // After the current turn's I/O callbacks: every request that arrived with them joins.
        setImmediate(() => this.flush());
      }
      const waiters = this.pending.get(key);
      if (waiters === undefined) this.pending.set(key, [{ resolve, reject }]);
      else waiters.push({ resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    assert(batch !== null, "a flush is scheduled only with loads pending");
    this.pending = null;
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += READ_BATCH_KEYS_MAX) {
      const chunk = keys.slice(start, start + READ_BATCH_KEYS_MAX);
      // Called inside a promise: a readMany that throws rejects its waiters instead of the process.
      new Promise<ReadonlyMap<string, V>>((resolve) => resolve(this.readMany(chunk))).then(
        (found) => {
          for (const key of chunk) for (const w of batch.get(key)!) w.resolve(found.get(key));
        },
        (error: unknown) => {
          for (const key of chunk) for (const w of batch.get(key)!) w.reject(error);
        },
      );
    }
  }
}
