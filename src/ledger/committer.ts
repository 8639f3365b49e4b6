/**
 * Group commit. Callers submit operations and get a promise; the committer gathers whatever has
 * arrived (up to BATCH_TRANSFERS_MAX transfers, waiting at most `batchWaitMs` for more), applies
 * it in ONE database transaction in arrival order, and answers each caller with its own results.
 * One fsync then acknowledges a whole batch instead of one transfer.
 */
import { ApiError } from "../core/errors.js";
import { BATCH_TRANSFERS_MAX, QUEUE_TRANSFERS_MAX } from "./limits.js";
import type { LedgerOp, OpResult } from "./plan.js";
import type { LedgerWriter } from "./storage.js";

interface Job {
  readonly op: LedgerOp;
  readonly size: number;
  readonly resolve: (result: OpResult) => void;
  readonly reject: (error: Error) => void;
}

export interface CommitterStats {
  batches: number;
  operations: number;
  transfers: number;
}

export class GroupCommitter {
  private queue: Job[] = [];
  private queuedTransfers = 0;
  private running = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};
  readonly stats: CommitterStats = { batches: 0, operations: 0, transfers: 0 };

  constructor(
    private readonly writer: LedgerWriter,
    private readonly batchWaitMs: number,
  ) {}

  submit(op: LedgerOp): Promise<OpResult> {
    if (this.closed) return Promise.reject(new ApiError("overloaded", "the ledger is shutting down"));
    const size = op.kind === "transfers" ? op.transfers.length : op.pendingIds.length;
    if (this.queuedTransfers + size > QUEUE_TRANSFERS_MAX) {
      return Promise.reject(new ApiError("overloaded", "the ledger's queue is full; retry with the same ids"));
    }
    return new Promise<OpResult>((resolve, reject) => {
      this.queue.push({ op, size, resolve, reject });
      this.queuedTransfers += size;
      if (!this.running) this.start();
    });
  }

  /** Stops accepting work and waits for what was accepted to be committed. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle;
  }

  private start(): void {
    this.running = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    const wait = this.batchWaitMs;
    if (wait > 0) setTimeout(() => void this.drain(), wait);
    else setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.take();
      try {
        const results = await this.writer.commit(batch.map((j) => j.op));
        this.stats.batches++;
        this.stats.operations += batch.length;
        for (let i = 0; i < batch.length; i++) {
          this.stats.transfers += batch[i]!.size;
          batch[i]!.resolve(results[i]!);
        }
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const job of batch) job.reject(failure);
      }
    }
    this.running = false;
    this.markIdle();
  }

  /** The longest prefix of the queue that fits in one batch (always at least one job). */
  private take(): Job[] {
    let count = 0;
    let transfers = 0;
    while (count < this.queue.length) {
      const size = this.queue[count]!.size;
      if (count > 0 && transfers + size > BATCH_TRANSFERS_MAX) break;
      transfers += size;
      count++;
    }
    const batch = this.queue.slice(0, count);
    this.queue = this.queue.slice(count);
    this.queuedTransfers -= transfers;
    return batch;
  }
}
