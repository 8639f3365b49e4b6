/**
 * The parties of AgentPay (DESIGN.md, "Parties"): users own wallets and authorise agents,
 * agents act for one user, merchants are paid, operators run the deployment.
 */
import type { Clock } from "../core/clock.js";
import type { Brand } from "../core/ids.js";
import type { OperatorRole, Principal } from "../core/principal.js";
import type { Database } from "../store/index.js";

export type UserId = Brand<string, "UserId">;
export type AgentId = Brand<string, "AgentId">;
export type MerchantId = Brand<string, "MerchantId">;
export type OperatorId = Brand<string, "OperatorId">;

export const USER_STATUSES = ["active", "suspended"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const AGENT_STATUSES = ["active", "suspended"] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export const MERCHANT_STATUSES = ["active", "suspended"] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

/** Stripe-style metadata: string keys to string values, for the caller's own bookkeeping. */
export type Metadata = Readonly<Record<string, string>>;

/** An Ed25519 public key as a JWK (RFC 8037); never carries the private part `d`. */
export interface Ed25519PublicJwk {
  readonly kty: "OKP";
  readonly crv: "Ed25519";
  readonly x: string;
}

export interface User {
  readonly id: UserId;
  readonly name: string;
  readonly email: string | null;
  /** 0 (unverified) … 3 (fully verified); limits grow with it. */
  readonly kycLevel: number;
  readonly residencyRegion: string;
  /** IANA time zone; period budgets follow the user's calendar. */
  readonly timezone: string;
  readonly status: UserStatus;
  readonly metadata: Metadata;
  readonly createdAtMs: number;
}

export interface Agent {
  readonly id: AgentId;
  readonly userId: UserId;
  readonly displayName: string;
  readonly publicKeyJwk: Ed25519PublicJwk | null;
  readonly status: AgentStatus;
  readonly metadata: Metadata;
  readonly createdAtMs: number;
}

export interface Merchant {
  readonly id: MerchantId;
  readonly legalName: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly taxId: string | null;
  readonly category: string;
  /** Per-merchant platform fee override in basis points; null = the platform default. */
  readonly feeBps: number | null;
  /** VAT/sales tax charged on the merchant's invoices, in basis points; null = no tax. */
  readonly taxRateBps: number | null;
  /** Prefix of the merchant's sequential invoice numbers; null = derived from its id. */
  readonly invoicePrefix: string | null;
  readonly status: MerchantStatus;
  readonly metadata: Metadata;
  readonly createdAtMs: number;
}

export interface Operator {
  readonly id: OperatorId;
  readonly name: string;
  readonly role: OperatorRole;
  readonly createdAtMs: number;
}

/** Who performs a use case, and the request that carried it (for the audit trail). */
export interface Actor {
  readonly principal: Principal;
  readonly requestId: string | null;
}

export interface PartiesDeps {
  readonly database: Database;
  readonly clock: Clock;
}

/** A page of a list, newest first; `hasMore` says whether older objects follow. */
export interface Page<T> {
  readonly data: readonly T[];
  readonly hasMore: boolean;
}

export interface PageRequest {
  readonly limit: number;
  /** An id from the previous page: the page holds objects created before it. */
  readonly startingAfter: string | null;
}
