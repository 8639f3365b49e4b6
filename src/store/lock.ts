/**
 * SQLite has one writer and AgentPay holds one connection per process, so write transactions
 * that span awaits (the query builder's) must not interleave with each other or with the ledger's
 * synchronous batches. They queue on this lock. PostgreSQL gives each transaction its own
 * connection and needs no such lock.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
