/**
 * Opens what a running AgentPay needs — the database (migrated), the ledger, the signing key,
 * the services built on them and their background sweeps — and closes it again in the right
 * order. The server, the CLI and the tests all start from here.
 */
import { sql } from "kysely";
import { type Clock, systemClock } from "./core/clock.js";
import { type FundingConnector, type FundingDeps, sandboxConnector } from "./funding/index.js";
import { Ledger, type LedgerOptions } from "./ledger/index.js";
import { BudgetAccounts, type MandateDeps, type PartiesPort } from "./mandates/index.js";
import { findAgent, findMerchant, findUser } from "./parties/index.js";
import {
  allowAllRisk,
  DEFAULT_PAYMENT_SETTINGS,
  type PaymentDeps,
  type PaymentSettings,
  type RiskHook,
  SWEEP_INTERVAL_MS,
  sweepPayments,
} from "./payments/index.js";
import { loadSigner } from "./signing/index.js";
import { type Database, type DatabaseConfig, migrateToLatest, openDatabase } from "./store/index.js";
import { onSettledUsageChanged, startBillingWorker, type SubscriptionDeps } from "./subscriptions/index.js";
import { createUsageDeps, type UsageDeps } from "./usage/index.js";
import {
  checkWebhookSettings,
  DEFAULT_WEBHOOK_SETTINGS,
  loadWebhookSettings,
  startWebhookWorker,
  type WebhookDeps,
  type WebhookSettings,
} from "./webhooks/index.js";

/** The services every transport adapts: one set, so that a capability exists once. */
export interface Services {
  readonly database: Database;
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly mandates: MandateDeps;
  readonly payments: PaymentDeps;
  readonly funding: FundingDeps;
  readonly webhooks: WebhookDeps;
  readonly usage: UsageDeps;
  readonly subscriptions: SubscriptionDeps;
  /** Checks the database answers; throws if not. */
  readonly ping: () => Promise<void>;
}

export interface Runtime extends Services {
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly clock?: Clock;
  readonly ledger?: LedgerOptions;
  readonly payments?: Partial<PaymentSettings>;
  readonly risk?: RiskHook;
  readonly connector?: FundingConnector;
  /** Run the payment sweeper (lapsed holds and confirmations) in the background; default on. */
  readonly sweep?: boolean;
  /** Webhook settings over the defaults and AGENTPAY_WEBHOOK_ALLOW_PRIVATE (tests shorten the retry schedule). */
  readonly webhooks?: Partial<WebhookSettings>;
  /** Run the webhook worker (dispatch and delivery) in the background; default on. */
  readonly webhookWorker?: boolean;
  /** Run the billing worker (renewals, settlements, hold rotations) in the background; default on. */
  readonly billingWorker?: boolean;
}

export async function openRuntime(config: DatabaseConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  // Settings first: a bad value stops the start before anything is opened.
  const webhookSettings: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...loadWebhookSettings(process.env), ...options.webhooks };
  checkWebhookSettings(webhookSettings);
  const database = openDatabase(config);
  const clock = options.clock ?? systemClock;
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const ledger = new Ledger(database, { ...options.ledger, clock });
  const signer = await loadSigner(database, clock.nowMs());
  const budgets = new BudgetAccounts(ledger);
  const mandates: MandateDeps = { database, ledger, signer, clock, budgets, parties: partiesPort(database) };
  const payments: PaymentDeps = {
    database,
    ledger,
    clock,
    signer,
    budgets,
    parties: {
      agent: (id) => findAgent(database.db, id),
      user: (id) => findUser(database.db, id),
      merchant: (id) => findMerchant(database.db, id),
    },
    risk: options.risk ?? allowAllRisk,
    settings: { ...DEFAULT_PAYMENT_SETTINGS, ...options.payments },
  };
  const funding: FundingDeps = { database, ledger, clock, connector: options.connector ?? sandboxConnector() };
  const webhooks: WebhookDeps = { database, clock, settings: webhookSettings };
  const subscriptions: SubscriptionDeps = { database, clock, payments };
  const usage = createUsageDeps({ database, clock, onSettledUsageChanged: (id, periodStartMs) => onSettledUsageChanged(subscriptions, id, periodStartMs) });
  const sweeper = options.sweep === false ? null : startSweeper(payments);
  const webhookWorker = options.webhookWorker === false ? null : startWebhookWorker(webhooks);
  const billingWorker = options.billingWorker === false ? null : startBillingWorker(subscriptions);
  return {
    database,
    ledger,
    clock,
    mandates,
    payments,
    funding,
    webhooks,
    usage,
    subscriptions,
    ping: async () => {
      await sql`select 1`.execute(database.db);
    },
    close: async () => {
      await webhookWorker?.stop();
      await billingWorker?.stop();
      await sweeper?.stop();
      await ledger.close();
      await database.close();
    },
  };
}

/** Sweeps one pass at a time; a pass that fails (a database hiccup) is retried on the next tick. */
function startSweeper(payments: PaymentDeps): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= sweepPayments(payments)
      .catch(() => undefined)
      .finally(() => (running = null));
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

function partiesPort(database: Database): PartiesPort {
  return {
    agent: async (id) => findAgent(database.db, id),
    user: async (id) => findUser(database.db, id),
    unknownMerchants: async (ids) => {
      const found = await Promise.all(ids.map((id) => findMerchant(database.db, id)));
      return ids.filter((_, i) => found[i] === undefined);
    },
  };
}
