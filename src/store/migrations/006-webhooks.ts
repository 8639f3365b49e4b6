import { type Kysely, sql } from "kysely";

/**
 * Webhooks (src/webhooks): the endpoints owners register, one delivery row per (endpoint, event),
 * and the dispatcher's cursor over the audit trail, which is the transactional outbox.
 */
export function webhooksMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("webhook_endpoints")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("owner_type", "text", (c) => c.notNull())
        .addColumn("owner_id", "text", (c) => c.notNull())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("enabled_events", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("previous_secret", "text")
        .addColumn("previous_secret_expires_at", "bigint")
        .addColumn("consecutive_failures", "bigint", (c) => c.notNull())
        .addColumn("probe_after", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("webhook_endpoints_owner").on("webhook_endpoints").columns(["owner_id", "id"]).execute();

      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("endpoint_id", "text", (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("event_seq", "bigint", (c) => c.notNull())
        .addColumn("event_type", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "bigint", (c) => c.notNull())
        .addColumn("next_attempt_at", "bigint")
        .addColumn("last_attempt_at", "bigint")
        .addColumn("last_response_status", "bigint")
        .addColumn("last_error", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      // One delivery per endpoint and event, whichever process (or retried pass) dispatches it.
      await db.schema
        .createIndex("webhook_deliveries_event")
        .unique()
        .on("webhook_deliveries")
        .columns(["endpoint_id", "event_id"])
        .execute();
      await db.schema.createIndex("webhook_deliveries_endpoint").on("webhook_deliveries").columns(["endpoint_id", "id"]).execute();
      // What the worker polls: only pending rows are in it.
      await db.schema
        .createIndex("webhook_deliveries_due")
        .on("webhook_deliveries")
        .columns(["next_attempt_at"])
        .where(sql.ref("status"), "=", "pending")
        .execute();

      await db.schema
        .createTable("webhook_dispatch_cursor")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("next_seq", "bigint", (c) => c.notNull())
        .addColumn("gaps", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      // The trail before webhooks existed is history: nobody could have subscribed to it.
      await sql`INSERT INTO webhook_dispatch_cursor (name, next_seq, gaps, updated_at)
                SELECT 'audit', COALESCE(MAX(seq), 0) + 1, '[]', 0 FROM audit_events`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["webhook_dispatch_cursor", "webhook_deliveries", "webhook_endpoints"]) await db.schema.dropTable(table).execute();
    },
  };
}
