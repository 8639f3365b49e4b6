import type { Clock } from "../core/clock.js";
import type { Ledger } from "../ledger/index.js";
import type { Signer } from "../signing/index.js";
import type { Database } from "../store/index.js";
import type { BudgetAccounts } from "./budgets.js";

/** What the mandates module needs from the parties module, kept narrow. */
export interface PartiesPort {
  agent(id: string): Promise<{ id: string; userId: string; status: string } | undefined>;
  user(id: string): Promise<{ id: string; timezone: string; status: string } | undefined>;
  /** The ids among `ids` that name no merchant. */
  unknownMerchants(ids: readonly string[]): Promise<string[]>;
}

export interface MandateDeps {
  readonly database: Database;
  readonly ledger: Ledger;
  readonly signer: Signer;
  readonly clock: Clock;
  readonly budgets: BudgetAccounts;
  readonly parties: PartiesPort;
}
