import type { Kysely } from "kysely";

/**
 * A payment is claimed under its agent's idempotency key before any money moves, with a hash of
 * the request: a second request with the same key and a different body is refused instead of
 * moving money that no payment row would record.
 */
export function paymentClaimsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("payments").addColumn("request_hash", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("payments").dropColumn("request_hash").execute();
    },
  };
}
