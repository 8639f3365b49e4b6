import type { Clock } from "../core/clock.js";
import type { Ledger } from "../ledger/index.js";
import type { BudgetAccounts, Mandate } from "../mandates/index.js";
import type { Agent, Merchant, User } from "../parties/index.js";
import type { Signer } from "../signing/index.js";
import type { Database } from "../store/index.js";

export interface PaymentSettings {
  /** Platform take rate in basis points, unless the merchant has its own. */
  readonly feeBps: number;
  /** How long an uncaptured authorisation holds the money. */
  readonly holdTimeoutS: number;
  /** How long the user has to confirm a step-up payment. */
  readonly approvalTimeoutS: number;
  /** How long after capture a payment may be refunded. */
  readonly refundWindowDays: number;
}

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = {
  feeBps: 100,
  holdTimeoutS: 7 * 24 * 3600,
  approvalTimeoutS: 10 * 60,
  refundWindowDays: 180,
};

/** What risk control sees of a payment before money moves (the risk engine issue fills this in). */
export interface RiskContext {
  readonly agent: Agent;
  readonly user: User;
  readonly merchant: Merchant;
  readonly mandate: Mandate;
  readonly amount: bigint;
  readonly currency: string;
  readonly nowMs: number;
}

export interface RiskDecision {
  readonly action: "allow" | "step_up" | "review" | "block";
  readonly reasons: readonly string[];
}

/** The pluggable risk step: runs after the mandate and KYC checks, before the ledger. */
export type RiskHook = (ctx: RiskContext) => Promise<RiskDecision>;

export const allowAllRisk: RiskHook = async () => ({ action: "allow", reasons: [] });

export interface PaymentParties {
  agent(id: string): Promise<Agent | undefined>;
  user(id: string): Promise<User | undefined>;
  merchant(id: string): Promise<Merchant | undefined>;
}

export interface PaymentDeps {
  readonly database: Database;
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly signer: Signer;
  readonly budgets: BudgetAccounts;
  readonly parties: PaymentParties;
  readonly risk: RiskHook;
  readonly settings: PaymentSettings;
}
