import { type Kysely, sql } from "kysely";
import type { Engine } from "../database.js";

/**
 * The ledger's tables. Amounts and balances are signed 64-bit integers on both engines
 * (SQLite INTEGER, PostgreSQL bigint) so that the engines index and sum them natively.
 * Timestamps are microseconds since the Unix epoch.
 */
export function ledgerMigration(engine: Engine) {
  // SQLite clusters rows on the text primary key instead of a hidden rowid, saving one b-tree
  // write per row on the ledger's hot path.
  const clustered = engine === "sqlite" ? sql`without rowid` : sql``;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("ledger_accounts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("code", "integer", (c) => c.notNull())
        .addColumn("owner_ref", "text")
        .addColumn("flags", "integer", (c) => c.notNull())
        .addColumn("debits_pending", "bigint", (c) => c.notNull())
        .addColumn("debits_posted", "bigint", (c) => c.notNull())
        .addColumn("credits_pending", "bigint", (c) => c.notNull())
        .addColumn("credits_posted", "bigint", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("timestamp", "bigint", (c) => c.notNull())
        .modifyEnd(clustered)
        .execute();
      await db.schema.createIndex("ledger_accounts_owner").on("ledger_accounts").columns(["owner_ref"]).execute();

      await db.schema
        .createTable("ledger_transfers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("debit_account_id", "text", (c) => c.notNull())
        .addColumn("credit_account_id", "text", (c) => c.notNull())
        .addColumn("amount", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("code", "integer", (c) => c.notNull())
        .addColumn("pending_id", "text")
        .addColumn("timeout_s", "integer", (c) => c.notNull())
        .addColumn("flags", "integer", (c) => c.notNull())
        .addColumn("expires_at", "bigint")
        .addColumn("pending_status", "text")
        .addColumn("business_unit", "text")
        .addColumn("cost_centre", "text")
        .addColumn("session_id", "text")
        .addColumn("intent_id", "text")
        .addColumn("metadata", "text")
        .addColumn("timestamp", "bigint", (c) => c.notNull())
        .modifyEnd(clustered)
        .execute();
      await db.schema
        .createIndex("ledger_transfers_debit")
        .on("ledger_transfers")
        .columns(["debit_account_id", "timestamp"])
        .execute();
      await db.schema
        .createIndex("ledger_transfers_credit")
        .on("ledger_transfers")
        .columns(["credit_account_id", "timestamp"])
        .execute();
      // Only open holds are indexed: the expiry sweeper reads this, nothing else does.
      await db.schema
        .createIndex("ledger_transfers_open_holds")
        .on("ledger_transfers")
        .columns(["expires_at"])
        .where(sql.ref("pending_status"), "=", "pending")
        .execute();

      await db.schema
        .createTable("ledger_account_history")
        .addColumn("account_id", "text", (c) => c.notNull())
        .addColumn("timestamp", "bigint", (c) => c.notNull())
        .addColumn("transfer_id", "text", (c) => c.notNull())
        .addColumn("debits_pending", "bigint", (c) => c.notNull())
        .addColumn("debits_posted", "bigint", (c) => c.notNull())
        .addColumn("credits_pending", "bigint", (c) => c.notNull())
        .addColumn("credits_posted", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("ledger_account_history_pk", ["account_id", "timestamp"])
        .modifyEnd(clustered)
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("ledger_account_history").execute();
      await db.schema.dropTable("ledger_transfers").execute();
      await db.schema.dropTable("ledger_accounts").execute();
    },
  };
}
