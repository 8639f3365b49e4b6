import { type Kysely, sql } from "kysely";

/** Payments, their approvals (step-up) and refunds, and stored idempotent responses. */
export function paymentsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("payments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("agent_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("mandate_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("amount", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("amount_captured", "bigint", (c) => c.notNull())
        .addColumn("amount_refunded", "bigint", (c) => c.notNull())
        .addColumn("fee_amount", "bigint", (c) => c.notNull())
        .addColumn("capture_method", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("line_items", "text")
        .addColumn("order_reference", "text")
        .addColumn("business_unit", "text")
        .addColumn("cost_centre", "text")
        .addColumn("session_id", "text")
        .addColumn("intent_id", "text", (c) => c.notNull())
        .addColumn("intent_hash", "text")
        .addColumn("intent_at", "bigint")
        .addColumn("decline_code", "text")
        .addColumn("cancellation_reason", "text")
        .addColumn("idempotency_key", "text")
        .addColumn("approval_id", "text")
        .addColumn("hold_expires_at", "bigint")
        .addColumn("budget_lines", "text", (c) => c.notNull())
        .addColumn("receipt_jws", "text")
        .addColumn("metadata", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      // A retried request finds its payment by the agent's idempotency key, in any process.
      await db.schema.createIndex("payments_idempotency").unique().on("payments").columns(["agent_id", "idempotency_key"]).execute();
      await db.schema.createIndex("payments_agent").on("payments").columns(["agent_id", "id"]).execute();
      await db.schema.createIndex("payments_user").on("payments").columns(["user_id", "id"]).execute();
      await db.schema.createIndex("payments_merchant").on("payments").columns(["merchant_id", "id"]).execute();
      await db.schema.createIndex("payments_mandate").on("payments").columns(["mandate_id", "id"]).execute();
      // Holds and confirmations that can lapse: the sweeper reads this, nothing else.
      await db.schema
        .createIndex("payments_open")
        .on("payments")
        .columns(["hold_expires_at"])
        .where(sql.ref("status"), "in", ["requires_capture", "requires_confirmation"])
        .execute();

      await db.schema
        .createTable("approvals")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("payment_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("decided_at", "bigint")
        .addColumn("decided_by", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("approvals_user").on("approvals").columns(["user_id", "updated_at"]).execute();

      await db.schema
        .createTable("refunds")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("payment_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("amount", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("refunds_payment").on("refunds").columns(["payment_id", "id"]).execute();

      await db.schema
        .createTable("funding_transfers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("party_id", "text", (c) => c.notNull())
        .addColumn("amount", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("connector", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("failure_code", "text")
        .addColumn("external_id", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("funding_transfers_party").on("funding_transfers").columns(["party_id", "id"]).execute();

      await db.schema
        .createTable("idempotency_keys")
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("status_code", "integer", (c) => c.notNull())
        .addColumn("response", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["scope", "key"])
        .execute();
      await db.schema.createIndex("idempotency_keys_expiry").on("idempotency_keys").columns(["expires_at"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["idempotency_keys", "funding_transfers", "refunds", "approvals", "payments"]) await db.schema.dropTable(table).execute();
    },
  };
}
