import type { Kysely } from "kysely";

/**
 * A recurring charge takes the recurrence slot of the moment it was due (a subscription's period
 * start or boundary), not of the moment it was processed: a renewal run late across midnight
 * must not take the next day's slot. The moment is kept on the payment, so that an approval
 * after a step-up authorises it against the same slot.
 */
export function paymentRecurrenceMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("payments").addColumn("recurrence_at", "bigint").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("payments").dropColumn("recurrence_at").execute();
    },
  };
}
