export { Ledger, type LedgerOptions } from "./ledger.js";
export * from "./types.js";
export * from "./limits.js";
export type { TransferCursor } from "./storage.js";
export * from "./schema.js";
export type { RowWrite, SqlValue } from "./row-writes.js";
