/**
 * Row ↔ domain mapping. Integer columns arrive as bigint from SQLite and as number from
 * PostgreSQL's int4, so both go through Number().
 */
import { assert } from "../core/assert.js";
import { OPERATOR_ROLES, type OperatorRole } from "../core/principal.js";
import type { AgentRow, MerchantRow, OperatorRow, UserRow } from "../store/index.js";
import {
  type Agent,
  AGENT_STATUSES,
  type AgentId,
  type AgentStatus,
  type Ed25519PublicJwk,
  type Merchant,
  MERCHANT_STATUSES,
  type MerchantId,
  type MerchantStatus,
  type Metadata,
  type Operator,
  type OperatorId,
  type User,
  USER_STATUSES,
  type UserId,
  type UserStatus,
} from "./types.js";

function oneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  assert((values as readonly string[]).includes(value), `stored ${what} '${value}' is not one of ${values.join(", ")}`);
  return value as T;
}

export const metadataText = (m: Metadata): string | null => (Object.keys(m).length === 0 ? null : JSON.stringify(m));
const parseMetadata = (text: string | null): Metadata => (text === null ? {} : (JSON.parse(text) as Metadata));

export function userFromRow(r: UserRow): User {
  return {
    id: r.id as UserId,
    name: r.name,
    email: r.email,
    kycLevel: Number(r.kyc_level),
    residencyRegion: r.residency_region,
    timezone: r.timezone,
    status: oneOf<UserStatus>(USER_STATUSES, r.status, "user status"),
    metadata: parseMetadata(r.metadata),
    createdAtMs: Number(r.created_at),
  };
}

export function agentFromRow(r: AgentRow): Agent {
  return {
    id: r.id as AgentId,
    userId: r.user_id as UserId,
    displayName: r.display_name,
    publicKeyJwk: r.public_key_jwk === null ? null : (JSON.parse(r.public_key_jwk) as Ed25519PublicJwk),
    status: oneOf<AgentStatus>(AGENT_STATUSES, r.status, "agent status"),
    metadata: parseMetadata(r.metadata),
    createdAtMs: Number(r.created_at),
  };
}

export function merchantFromRow(r: MerchantRow): Merchant {
  return {
    id: r.id as MerchantId,
    legalName: r.legal_name,
    country: r.country,
    taxId: r.tax_id,
    category: r.category,
    feeBps: r.fee_bps === null ? null : Number(r.fee_bps),
    taxRateBps: r.tax_rate_bps === null ? null : Number(r.tax_rate_bps),
    invoicePrefix: r.invoice_prefix,
    status: oneOf<MerchantStatus>(MERCHANT_STATUSES, r.status, "merchant status"),
    metadata: parseMetadata(r.metadata),
    createdAtMs: Number(r.created_at),
  };
}

export function operatorFromRow(r: OperatorRow): Operator {
  return {
    id: r.id as OperatorId,
    name: r.name,
    role: oneOf<OperatorRole>(OPERATOR_ROLES, r.role, "operator role"),
    createdAtMs: Number(r.created_at),
  };
}

export function userRow(u: User): UserRow {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    kyc_level: BigInt(u.kycLevel),
    residency_region: u.residencyRegion,
    timezone: u.timezone,
    status: u.status,
    metadata: metadataText(u.metadata),
    created_at: BigInt(u.createdAtMs),
  };
}

export function agentRow(a: Agent): AgentRow {
  return {
    id: a.id,
    user_id: a.userId,
    display_name: a.displayName,
    public_key_jwk: a.publicKeyJwk === null ? null : JSON.stringify(a.publicKeyJwk),
    status: a.status,
    metadata: metadataText(a.metadata),
    created_at: BigInt(a.createdAtMs),
  };
}

export function merchantRow(m: Merchant): MerchantRow {
  return {
    id: m.id,
    legal_name: m.legalName,
    country: m.country,
    tax_id: m.taxId,
    category: m.category,
    fee_bps: m.feeBps === null ? null : BigInt(m.feeBps),
    tax_rate_bps: m.taxRateBps === null ? null : BigInt(m.taxRateBps),
    invoice_prefix: m.invoicePrefix,
    status: m.status,
    metadata: metadataText(m.metadata),
    created_at: BigInt(m.createdAtMs),
  };
}

export function operatorRow(o: Operator): OperatorRow {
  return { id: o.id, name: o.name, role: o.role, created_at: BigInt(o.createdAtMs) };
}

/**
 * What an update changed, for the audit event: the names of the changed fields, and the old and
 * new values of those in `logValues`. Other values (names, e-mail, metadata) stay out of the
 * append-only trail, which must not become a second copy of personal data.
 */
export function changesOf<T extends object>(
  before: T,
  after: T,
  fields: Readonly<Partial<Record<keyof T & string, string>>>,
  logValues: ReadonlyArray<keyof T & string>,
): { changed: string[]; values: Record<string, { from: unknown; to: unknown }> } {
  const changed: string[] = [];
  const values: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, wireName] of Object.entries(fields) as Array<[keyof T & string, string]>) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changed.push(wireName);
    if (logValues.includes(key)) values[wireName] = { from: before[key], to: after[key] };
  }
  return { changed, values };
}
