/**
 * Object ids are a type prefix and a ULID: `pay_01JD3…`. The ULID's leading timestamp makes ids
 * sort by creation time, which is what cursor pagination orders by; monotonic generation keeps
 * that order within one millisecond.
 */
import { monotonicFactory } from "ulidx";

export type Brand<T, B extends string> = T & { readonly __brand: B };

export const ID_PREFIXES = [
  "usr", "agt", "mer", "opr", "key", "mdt", "pay", "apr", "ref", "rct", "evt", "top", "pyo", "bud", "whe", "whd", "prq",
  // Invoices keep Stripe's two-letter prefix (`in_…`), the one the invoices already stored have.
  "in",
  // Usage billing: meters, usage batches, plans, subscriptions, billing postings.
  "mtr", "ubt", "pln", "sub", "bpo",
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

const ulid = monotonicFactory();

export function newId<P extends IdPrefix>(prefix: P): `${P}_${string}` {
  return `${prefix}_${ulid().toLowerCase()}`;
}

const ID_PATTERN = /^[a-z]{2,3}_[0-9a-hjkmnp-tv-z]{26}$/;

export function isId(value: string, prefix: IdPrefix): boolean {
  return value.startsWith(`${prefix}_`) && ID_PATTERN.test(value);
}
