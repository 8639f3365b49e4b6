import type { Kysely } from "kysely";

/**
 * Invoices keep what their rendering needs and must never change once issued:
 * - the time zone their dates are written in (a monthly period that starts at midnight in
 *   Shanghai starts the previous day in UTC);
 * - for a credit note, the number and issue date of the invoice it corrects (BG-3), copied at
 *   issue so the document renders from its own row.
 */
export function invoicesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("invoices").addColumn("timezone", "text", (c) => c.notNull().defaultTo("UTC")).execute();
      await db.schema.alterTable("invoices").addColumn("preceding_invoice_number", "text").execute();
      await db.schema.alterTable("invoices").addColumn("preceding_invoice_issued_at", "bigint").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const column of ["preceding_invoice_issued_at", "preceding_invoice_number", "timezone"]) {
        await db.schema.alterTable("invoices").dropColumn(column).execute();
      }
    },
  };
}
