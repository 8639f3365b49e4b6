/**
 * What a key may do. Scopes are a closed set; each principal type (and each operator role) may
 * hold only some of them, and a key is never given a scope its principal may not have.
 * Scopes say what kind of call a key may make; which objects it may touch is decided per object
 * by the modules' policies (a user's `agents:write` reaches only its own agents).
 */
import { assertNever } from "../core/assert.js";
import type { OperatorRole, Principal } from "../core/principal.js";

export const SCOPES = [
  "parties:read",
  "parties:write",
  "agents:read",
  "agents:write",
  "keys:read",
  "keys:write",
  "mandates:read",
  "mandates:write",
  "payments:read",
  "payments:write",
  "approvals:write",
  "refunds:write",
  "funding:write",
  "ledger:read",
  "ledger:write",
  "webhooks:read",
  "webhooks:write",
  // Usage billing: meters, plans, subscriptions, invoices (read and manage), usage ingestion,
  // and subscribing or cancelling on a user's behalf.
  "billing:read",
  "billing:write",
  "usage:write",
  "subscriptions:write",
] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

const USER_SCOPES: readonly Scope[] = [
  "parties:read",
  "parties:write",
  "agents:read",
  "agents:write",
  "keys:read",
  "keys:write",
  "mandates:read",
  "mandates:write",
  "payments:read",
  "approvals:write",
  "funding:write",
  "webhooks:read",
  "webhooks:write",
  "billing:read",
  "subscriptions:write",
];

/** An agent pays within its mandates; it never creates agents, keys or mandates. */
const AGENT_SCOPES: readonly Scope[] = [
  "parties:read",
  "agents:read",
  "mandates:read",
  "payments:read",
  "payments:write",
  "billing:read",
  "subscriptions:write",
];

const MERCHANT_SCOPES: readonly Scope[] = [
  "parties:read",
  "keys:read",
  "keys:write",
  "payments:read",
  "payments:write",
  "refunds:write",
  "funding:write",
  "webhooks:read",
  "webhooks:write",
  "billing:read",
  "billing:write",
  "usage:write",
];

const OPERATOR_SCOPES: Readonly<Record<OperatorRole, readonly Scope[]>> = {
  admin: SCOPES,
  finance: [
    "parties:read",
    "agents:read",
    "mandates:read",
    "payments:read",
    // Capturing authorised payments (the capture route and the payments policy name finance).
    "payments:write",
    "refunds:write",
    "funding:write",
    "ledger:read",
    "ledger:write",
    "billing:read",
    "billing:write",
  ],
  risk: ["parties:read", "agents:read", "agents:write", "mandates:read", "mandates:write", "payments:read"],
  support: ["parties:read", "agents:read", "mandates:read", "payments:read", "billing:read"],
};

function scopeListOf(p: Principal): readonly Scope[] {
  switch (p.type) {
    case "user":
      return USER_SCOPES;
    case "agent":
      return AGENT_SCOPES;
    case "merchant":
      return MERCHANT_SCOPES;
    case "operator":
      return OPERATOR_SCOPES[p.role];
    default:
      return assertNever(p);
  }
}

/** The scopes a key of this principal may carry. */
export function allowedScopes(p: Principal): ReadonlySet<Scope> {
  return new Set(scopeListOf(p));
}

/** The scopes a new key gets when none are asked for: all its principal may have, in SCOPES order. */
export function defaultScopes(p: Principal): readonly Scope[] {
  return scopeListOf(p);
}

/** Stored as a JSON array; a scope no longer in SCOPES is dropped, never trusted. */
export function parseScopes(text: string): Scope[] {
  const values = JSON.parse(text) as unknown;
  return Array.isArray(values) ? values.filter((v): v is Scope => typeof v === "string" && isScope(v)) : [];
}

/** A set in SCOPES order, without duplicates. */
export function sortedScopes(scopes: Iterable<Scope>): Scope[] {
  const set = new Set(scopes);
  return SCOPES.filter((s) => set.has(s));
}
