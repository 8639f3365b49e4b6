import { type Kysely, sql } from "kysely";

/**
 * Subscriptions' settlement bookkeeping, on top of 009-billing:
 * - a billing posting keeps the tax rate in force when its period opened (a reservation is sized
 *   with it, so the settlement must use the same rate) and, once its amounts are fixed, the
 *   frozen invoice input (`document`, JSON), so that the invoice issued when the money has moved
 *   shows exactly what was charged, whatever changed in between;
 * - one charge posting per (subscription, kind, period): a second rollover of the same period
 *   cannot insert another (credits, of which a period may have several, are left out);
 * - the billing worker finds unfinished postings by status, a subscription's payments (its
 *   holds and charges) by subscription, and — through partial indexes that hold only live
 *   subscription holds — the holds about to lapse and the top-ups that went live lately.
 */
export function subscriptionsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("billing_postings").addColumn("tax_rate_bps", "bigint").execute();
      await db.schema.alterTable("billing_postings").addColumn("document", "text").execute();
      await db.schema
        .createIndex("billing_postings_period")
        .unique()
        .on("billing_postings")
        .columns(["subscription_id", "kind", "period_number"])
        .where(sql.ref("kind"), "<>", "credit")
        .execute();
      await db.schema.createIndex("billing_postings_status").on("billing_postings").columns(["status", "period_end"]).execute();
      await db.schema.createIndex("payments_subscription").on("payments").columns(["subscription_id", "order_reference"]).execute();
      await db.schema
        .createIndex("payments_subscription_holds")
        .on("payments")
        .columns(["hold_expires_at"])
        .where(sql.ref("status"), "=", "requires_capture")
        .where(sql.ref("purpose"), "in", ["subscription", "subscription_top_up"])
        .execute();
      await db.schema
        .createIndex("payments_live_top_ups")
        .on("payments")
        .columns(["updated_at"])
        .where(sql.ref("status"), "=", "requires_capture")
        .where(sql.ref("purpose"), "=", "subscription_top_up")
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("payments_live_top_ups").execute();
      await db.schema.dropIndex("payments_subscription_holds").execute();
      await db.schema.dropIndex("payments_subscription").execute();
      await db.schema.dropIndex("billing_postings_status").execute();
      await db.schema.dropIndex("billing_postings_period").execute();
      await db.schema.alterTable("billing_postings").dropColumn("document").execute();
      await db.schema.alterTable("billing_postings").dropColumn("tax_rate_bps").execute();
    },
  };
}
