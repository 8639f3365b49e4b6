import { type Kysely, type Migration, type MigrationResultSet, Migrator } from "kysely";
import type { Database, Engine } from "./database.js";
import { ledgerMigration } from "./migrations/001-ledger.js";
import { partiesMigration } from "./migrations/002-parties.js";
import { mandatesMigration } from "./migrations/004-mandates.js";
import { paymentsMigration } from "./migrations/005-payments.js";
import { paymentClaimsMigration } from "./migrations/008-payment-claims.js";
import { webhooksMigration } from "./migrations/006-webhooks.js";
import { paymentRequestsMigration } from "./migrations/007-payment-requests.js";
import { billingMigration } from "./migrations/009-billing.js";
import { subscriptionsMigration } from "./migrations/011-subscriptions.js";
import { invoicesMigration } from "./migrations/012-invoices.js";
import { paymentRecurrenceMigration } from "./migrations/014-payment-recurrence.js";

function migrationsFor(engine: Engine): Record<string, Migration> {
  return {
    "001-ledger": ledgerMigration(engine),
    "002-parties": partiesMigration(engine),
    "004-mandates": mandatesMigration(),
    "005-payments": paymentsMigration(),
    "006-webhooks": webhooksMigration(),
    "007-payment-requests": paymentRequestsMigration(),
    "008-payment-claims": paymentClaimsMigration(),
    "009-billing": billingMigration(engine),
    "011-subscriptions": subscriptionsMigration(),
    "012-invoices": invoicesMigration(),
    "014-payment-recurrence": paymentRecurrenceMigration(),
  };
}

/** Brings the schema to the latest version; safe to run on every start and from several processes. */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: database.db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrationsFor(database.engine) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    throw result.error instanceof Error ? result.error : new Error(String(result.error));
  }
  return result;
}
