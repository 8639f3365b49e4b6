import { newId } from "../core/ids.js";

/** Plan, subscription and billing-posting ids: `pln_`, `sub_`, `bpo_` and a lower-case ULID. */
export type BillingIdPrefix = "pln" | "sub" | "bpo";

export function newBillingId<P extends BillingIdPrefix>(prefix: P): `${P}_${string}` {
  return newId(prefix);
}
