/** Request bodies: 1 MiB in general; the ledger's batch endpoints take up to 8,190 items. */
export const BODY_BYTES_MAX = 1_048_576;
export const LEDGER_BODY_BYTES_MAX = 4 * 1_048_576;
/** A request that takes longer than this is answered by the server with a timeout. */
export const REQUEST_TIMEOUT_MS = 30_000;
