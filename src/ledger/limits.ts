/**
 * Every queue, batch and wait in the ledger has a named maximum. Their relations are asserted
 * once, at start-up, by `assertLedgerLimits`.
 */
import { assert } from "../core/assert.js";

/** Transfers one caller may submit in one request (TigerBeetle's batch size). */
export const REQUEST_TRANSFERS_MAX = 8_190;
/** Accounts one caller may create in one request. */
export const REQUEST_ACCOUNTS_MAX = 8_190;
/** Transfers the committer applies in one database transaction. */
export const BATCH_TRANSFERS_MAX = 8_190;
/** Transfers waiting for the committer; beyond it submitters are told to back off. */
export const QUEUE_TRANSFERS_MAX = 262_144;
/** How long the committer waits for more transfers before committing a non-full batch. */
export const BATCH_WAIT_MS_DEFAULT = 0;
export const BATCH_WAIT_MS_MAX = 50;
/** A batch that collides with a concurrent writer is re-planned at most this many times. */
export const BATCH_RETRIES_MAX = 8;
/** Accounts kept in the SQLite committer's cache. */
export const ACCOUNT_CACHE_SIZE_MAX = 200_000;
/** Longest hold: 30 days. */
export const TIMEOUT_S_MAX = 30 * 24 * 3600;
/** Expired holds voided per sweep, and the pause between sweeps. */
export const EXPIRY_SWEEP_BATCH_MAX = 1_000;
export const EXPIRY_SWEEP_INTERVAL_MS = 1_000;
export const ID_LENGTH_MAX = 128;
export const TAG_LENGTH_MAX = 128;
export const METADATA_BYTES_MAX = 4_096;
export const CODE_MAX = 65_535;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;

export function assertLedgerLimits(): void {
  assert(REQUEST_TRANSFERS_MAX <= BATCH_TRANSFERS_MAX, "a request must fit in one batch (linked chains never span batches)");
  assert(BATCH_TRANSFERS_MAX <= QUEUE_TRANSFERS_MAX, "the queue must hold at least one full batch");
  assert(BATCH_WAIT_MS_DEFAULT <= BATCH_WAIT_MS_MAX, "default batch wait within its maximum");
  assert(PAGE_SIZE_DEFAULT <= PAGE_SIZE_MAX, "default page size within its maximum");
  assert(EXPIRY_SWEEP_BATCH_MAX <= REQUEST_TRANSFERS_MAX, "a sweep fits in one request");
}
