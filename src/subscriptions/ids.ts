import { monotonicFactory } from "ulidx";

/**
 * Plan, subscription and billing-posting ids: `pln_`, `sub_`, `bpo_` and a monotonic ULID in
 * lower case, made the way src/core/ids.ts makes ids (which lists the core prefixes only), so
 * they sort by creation time for cursor pagination.
 */
export type BillingIdPrefix = "pln" | "sub" | "bpo";

const ulid = monotonicFactory();

export function newBillingId<P extends BillingIdPrefix>(prefix: P): `${P}_${string}` {
  return `${prefix}_${ulid().toLowerCase()}`;
}
