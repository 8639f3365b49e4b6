import type { Clock } from "../core/clock.js";
import type { PaymentDeps } from "../payments/index.js";
import type { Database } from "../store/index.js";

/**
 * What the subscriptions module needs: the store, the clock, and the payments module, through
 * which every movement of money goes (mandate checks, budgets, risk, step-up, the ledger).
 */
export interface SubscriptionDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly payments: PaymentDeps;
}
