/**
 * Ledger timestamps are microseconds since the Unix epoch, strictly increasing within one
 * process even when the wall clock stalls or steps back, so that they order an account's
 * history. Across processes, writers `observe` the newest timestamp on the accounts a batch
 * touches (while they hold those accounts) so that each account's transfers and history still
 * increase in commit order; transfers on unrelated accounts may tie, and readers break ties by id.
 */
export class Timestamps {
  private lastUs = 0n;
  constructor(private readonly nowMs: () => number) {}

  nowUs(): bigint {
    return BigInt(this.nowMs()) * 1_000n;
  }

  /** Another committer stamped `us` on an account we are about to touch: stamp after it. */
  observe(us: bigint): void {
    if (us > this.lastUs) this.lastUs = us;
  }

  next(): bigint {
    const now = this.nowUs();
    this.lastUs = now > this.lastUs ? now : this.lastUs + 1n;
    return this.lastUs;
  }
}
