import type { Kysely } from "kysely";

/** Payment requests: what a merchant asks an agent to pay for one resource (HTTP 402 pay-per-request). */
export function paymentRequestsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("payment_requests")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("amount", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("resource", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("nonce", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        // The one agent allowed to pay it, claimed by its first attempt: one request, one payment.
        .addColumn("payer_agent_id", "text")
        .addColumn("payment_id", "text")
        .addColumn("jws", "text", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("paid_at", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("payment_requests_merchant").on("payment_requests").columns(["merchant_id", "id"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("payment_requests").execute();
    },
  };
}
