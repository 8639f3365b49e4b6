/**
 * Ledger timestamps are microseconds since the Unix epoch, strictly increasing within one
 * process even when the wall clock stalls or steps back, so that they order an account's
 * history. Across processes they may tie; readers break ties by id.
 */
export class Timestamps {
  private lastUs = 0n;
  constructor(private readonly nowMs: () => number) {}

  nowUs(): bigint {
    return BigInt(this.nowMs()) * 1_000n;
  }

  next(): bigint {
    const now = this.nowUs();
    this.lastUs = now > this.lastUs ? now : this.lastUs + 1n;
    return this.lastUs;
  }
}
