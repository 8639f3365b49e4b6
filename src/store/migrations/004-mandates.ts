import type { Kysely } from "kysely";

/**
 * The deployment's signing keys (mandates and receipts are JWS signed by AgentPay) and mandates.
 * Budgets are not columns here: they are ledger accounts, so spending against them is atomic
 * with the money movement (see src/mandates/budgets.ts).
 */
export function mandatesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("signing_keys")
        .addColumn("kid", "text", (c) => c.primaryKey())
        .addColumn("public_jwk", "text", (c) => c.notNull())
        .addColumn("private_jwk", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("retired_at", "bigint")
        .execute();

      await db.schema
        .createTable("mandates")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("agent_id", "text", (c) => c.notNull().references("agents.id"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("instruction", "text", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("amount_min", "bigint", (c) => c.notNull())
        .addColumn("amount_max", "bigint", (c) => c.notNull())
        .addColumn("budget_total", "bigint")
        .addColumn("budget_day", "bigint")
        .addColumn("budget_week", "bigint")
        .addColumn("budget_month", "bigint")
        .addColumn("session_budget", "bigint")
        .addColumn("allowed_merchants", "text")
        .addColumn("allowed_categories", "text")
        .addColumn("not_before", "bigint", (c) => c.notNull())
        .addColumn("not_after", "bigint", (c) => c.notNull())
        .addColumn("recurrence_frequency", "text")
        .addColumn("recurrence_max", "integer")
        .addColumn("step_up_threshold", "bigint")
        .addColumn("timezone", "text", (c) => c.notNull())
        .addColumn("jws", "text", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("mandates_user").on("mandates").columns(["user_id", "id"]).execute();
      await db.schema.createIndex("mandates_agent").on("mandates").columns(["agent_id", "id"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("mandates").execute();
      await db.schema.dropTable("signing_keys").execute();
    },
  };
}
