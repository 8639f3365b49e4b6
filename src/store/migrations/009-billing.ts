import { type Kysely, sql } from "kysely";
import type { Engine } from "../database.js";

/**
 * Usage billing, subscriptions, invoices and tips: the tables several modules share.
 * - meters and plans belong to a merchant; a subscription binds a user's recurring mandate
 *   (through the agent that subscribed) to a plan;
 * - usage events are stored once per (subscription, merchant-chosen event id) — the key is the
 *   dedup key — and folded into one aggregate row per (subscription, meter, period, group);
 * - a billing posting is one aggregated charge (or credit) per subscription per settlement,
 *   with the payment that moved its money and the invoice that documents it;
 * - payments learn what they pay for (purpose), mandates learn the user's tip caps.
 * Times are Unix milliseconds; money is minor units, `_fine` columns are 10⁻⁶ minor units.
 */
export function billingMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("meters")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("event_type", "text", (c) => c.notNull())
        .addColumn("aggregation", "text", (c) => c.notNull())
        .addColumn("value_property", "text")
        .addColumn("value_scale_digits", "bigint", (c) => c.notNull())
        .addColumn("group_by", "text", (c) => c.notNull())
        // Outcome-based meters: events arrive `pending` and bill once `confirmed`.
        .addColumn("outcome_based", "bigint", (c) => c.notNull())
        .addColumn("dispute_window_s", "bigint")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("meters_event_type").unique().on("meters").columns(["merchant_id", "event_type"]).execute();
      await db.schema.createIndex("meters_merchant").on("meters").columns(["merchant_id", "id"]).execute();

      await db.schema
        .createTable("plans")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("interval", "text", (c) => c.notNull())
        .addColumn("billing_anchor", "text", (c) => c.notNull())
        .addColumn("charging_mode", "text", (c) => c.notNull())
        .addColumn("flat_fee_fine", "bigint", (c) => c.notNull())
        .addColumn("reservation_amount", "bigint")
        // JSON: [{ meter_id, price (wire form), included_quantity, limit_quantity }].
        .addColumn("charges", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("plans_merchant").on("plans").columns(["merchant_id", "id"]).execute();

      await db.schema
        .createTable("subscriptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("plan_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("agent_id", "text", (c) => c.notNull())
        .addColumn("mandate_id", "text", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("charging_mode", "text", (c) => c.notNull())
        .addColumn("billing_anchor", "text", (c) => c.notNull())
        .addColumn("timezone", "text", (c) => c.notNull())
        .addColumn("anchor_at", "bigint", (c) => c.notNull())
        .addColumn("period_number", "bigint", (c) => c.notNull())
        .addColumn("current_period_start", "bigint", (c) => c.notNull())
        .addColumn("current_period_end", "bigint", (c) => c.notNull())
        .addColumn("cancel_at_period_end", "bigint", (c) => c.notNull())
        .addColumn("cancel_reason", "text")
        .addColumn("canceled_at", "bigint")
        .addColumn("ended_at", "bigint")
        // Reserve then settle: the hold size asked per period, the live holds of the current
        // period (fine units) and what usage has drawn from them so far (fine units, net).
        .addColumn("reservation_amount", "bigint")
        .addColumn("reserved_fine", "bigint", (c) => c.notNull())
        .addColumn("consumed_fine", "bigint", (c) => c.notNull())
        // The rounding residual carried from one posting to the next (fine units).
        .addColumn("residual_fine", "bigint", (c) => c.notNull())
        .addColumn("intent_id", "text", (c) => c.notNull())
        .addColumn("intent_hash", "text")
        .addColumn("idempotency_key", "text", (c) => c.notNull())
        .addColumn("request_hash", "text", (c) => c.notNull())
        .addColumn("buyer", "text")
        .addColumn("metadata", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("subscriptions_idempotency").unique().on("subscriptions").columns(["agent_id", "idempotency_key"]).execute();
      await db.schema.createIndex("subscriptions_merchant").on("subscriptions").columns(["merchant_id", "id"]).execute();
      await db.schema.createIndex("subscriptions_user").on("subscriptions").columns(["user_id", "id"]).execute();
      await db.schema.createIndex("subscriptions_agent").on("subscriptions").columns(["agent_id", "id"]).execute();
      await db.schema.createIndex("subscriptions_due").on("subscriptions").columns(["status", "current_period_end"]).execute();

      // One row per counted event; the primary key is the dedup key. On SQLite the table is
      // WITHOUT ROWID: the key's B-tree is the table, so an event costs one B-tree insert.
      const events = db.schema
        .createTable("usage_events")
        .addColumn("subscription_id", "text", (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("meter_id", "text", (c) => c.notNull())
        .addColumn("timestamp", "bigint", (c) => c.notNull())
        .addColumn("period_start", "bigint", (c) => c.notNull())
        .addColumn("quantity", "bigint", (c) => c.notNull())
        .addColumn("group_key", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("properties", "text")
        .addColumn("ingested_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("usage_events_pk", ["subscription_id", "event_id"]);
      await (engine === "sqlite" ? events.modifyEnd(sql`without rowid`) : events).execute();

      await db.schema
        .createTable("usage_aggregates")
        .addColumn("subscription_id", "text", (c) => c.notNull())
        .addColumn("meter_id", "text", (c) => c.notNull())
        .addColumn("period_start", "bigint", (c) => c.notNull())
        .addColumn("group_key", "text", (c) => c.notNull())
        .addColumn("quantity", "bigint", (c) => c.notNull())
        .addColumn("pending_quantity", "bigint", (c) => c.notNull())
        .addColumn("event_count", "bigint", (c) => c.notNull())
        .addColumn("latest_at", "bigint")
        .addColumn("latest_event_id", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("usage_aggregates_pk", ["subscription_id", "meter_id", "period_start", "group_key"])
        .execute();

      await db.schema
        .createTable("usage_unique_values")
        .addColumn("subscription_id", "text", (c) => c.notNull())
        .addColumn("meter_id", "text", (c) => c.notNull())
        .addColumn("period_start", "bigint", (c) => c.notNull())
        .addColumn("group_key", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("usage_unique_values_pk", ["subscription_id", "meter_id", "period_start", "group_key", "value"])
        .execute();

      await db.schema
        .createTable("billing_postings")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("subscription_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("period_number", "bigint", (c) => c.notNull())
        .addColumn("period_start", "bigint", (c) => c.notNull())
        .addColumn("period_end", "bigint", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("amount_fine", "bigint", (c) => c.notNull())
        .addColumn("residual_before_fine", "bigint", (c) => c.notNull())
        .addColumn("residual_after_fine", "bigint", (c) => c.notNull())
        .addColumn("net_amount", "bigint", (c) => c.notNull())
        .addColumn("tax_amount", "bigint", (c) => c.notNull())
        .addColumn("total_amount", "bigint", (c) => c.notNull())
        // JSON: per meter, the quantity billed and its charge in fine units.
        .addColumn("quantities", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("decline_code", "text")
        .addColumn("payment_id", "text")
        .addColumn("refund_id", "text")
        .addColumn("invoice_id", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("billing_postings_subscription").on("billing_postings").columns(["subscription_id", "id"]).execute();
      await db.schema.createIndex("billing_postings_merchant").on("billing_postings").columns(["merchant_id", "id"]).execute();

      await db.schema
        .createTable("invoices")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("number", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("subscription_id", "text")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("posting_id", "text")
        .addColumn("payment_id", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("type_code", "text", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("period_start", "bigint")
        .addColumn("period_end", "bigint")
        .addColumn("issued_at", "bigint", (c) => c.notNull())
        .addColumn("seller", "text", (c) => c.notNull())
        .addColumn("buyer", "text", (c) => c.notNull())
        .addColumn("lines", "text", (c) => c.notNull())
        .addColumn("tax_lines", "text", (c) => c.notNull())
        .addColumn("subtotal_amount", "bigint", (c) => c.notNull())
        .addColumn("tax_amount", "bigint", (c) => c.notNull())
        .addColumn("total_amount", "bigint", (c) => c.notNull())
        .addColumn("reverse_charge", "bigint", (c) => c.notNull())
        .addColumn("preceding_invoice_id", "text")
        .addColumn("note", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("invoices_number").unique().on("invoices").columns(["merchant_id", "number"]).execute();
      await db.schema.createIndex("invoices_merchant").on("invoices").columns(["merchant_id", "id"]).execute();
      await db.schema.createIndex("invoices_user").on("invoices").columns(["user_id", "id"]).execute();
      await db.schema.createIndex("invoices_subscription").on("invoices").columns(["subscription_id", "id"]).execute();

      // Sequential invoice numbers per merchant, with no gaps: the counter is taken in the
      // transaction that writes the invoice.
      await db.schema
        .createTable("invoice_counters")
        .addColumn("merchant_id", "text", (c) => c.primaryKey())
        .addColumn("last_number", "bigint", (c) => c.notNull())
        .execute();

      await db.schema.alterTable("merchants").addColumn("tax_rate_bps", "bigint").execute();
      await db.schema.alterTable("merchants").addColumn("invoice_prefix", "text").execute();
      await db.schema.alterTable("payments").addColumn("purpose", "text", (c) => c.notNull().defaultTo("purchase")).execute();
      await db.schema.alterTable("payments").addColumn("subscription_id", "text").execute();
      await db.schema.alterTable("payments").addColumn("tip_message", "text").execute();
      await db.schema.alterTable("mandates").addColumn("tip_recipient_day_max", "bigint").execute();
      await db.schema.alterTable("mandates").addColumn("tip_day_max", "bigint").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["invoice_counters", "invoices", "billing_postings", "usage_unique_values", "usage_aggregates", "usage_events", "subscriptions", "plans", "meters"]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
