import { type Kysely, sql } from "kysely";
import { recordAudit } from "../audit/index.js";
import { assert } from "../core/assert.js";
import { newId } from "../core/ids.js";
import type { Tables } from "../store/index.js";
import { invoiceFromRow, invoiceRow } from "./rows.js";
import { INVOICE_NUMBER_DIGITS_MIN, INVOICE_PREFIX_PATTERN, type Invoice, type InvoiceDraft, type InvoiceRefs } from "./types.js";

/**
 * Numbers and stores an invoice in the caller's transaction (which must be a write transaction:
 * `database.transaction`), with its audit event. The number is taken from the merchant's
 * counter in the same transaction, so numbers are sequential with no gaps: a transaction that
 * rolls back gives its number back, and concurrent issuers queue on the counter row.
 * A credit note must name the invoice it corrects, of the same merchant and user.
 */
export async function insertInvoice(trx: Kysely<Tables>, draft: InvoiceDraft, refs: InvoiceRefs): Promise<Invoice> {
  const preceding = await precedingOf(trx, draft, refs);
  const sequence = await nextSequence(trx, refs.merchantId);
  const invoice: Invoice = {
    ...documentOf(draft),
    id: newId("in"),
    number: invoiceNumber(refs.merchantInvoicePrefix ?? derivedPrefix(refs.merchantId), sequence),
    merchantId: refs.merchantId,
    userId: refs.userId,
    subscriptionId: refs.subscriptionId,
    postingId: refs.postingId,
    paymentId: refs.paymentId,
    status: refs.status,
    precedingInvoiceId: preceding?.id ?? null,
    precedingInvoiceNumber: preceding?.number ?? null,
    precedingInvoiceIssuedAtMs: preceding?.issuedAtMs ?? null,
    createdAtMs: draft.issuedAtMs,
    updatedAtMs: draft.issuedAtMs,
  };
  await trx.insertInto("invoices").values(invoiceRow(invoice)).execute();
  await recordAudit(
    trx,
    {
      actor: null,
      action: "invoice.created",
      objectType: "invoice",
      objectId: invoice.id,
      userId: invoice.userId,
      paymentId: invoice.paymentId,
      afterStatus: invoice.status,
      data: {
        number: invoice.number,
        type_code: invoice.typeCode,
        merchant_id: invoice.merchantId,
        subscription_id: invoice.subscriptionId,
        posting_id: invoice.postingId,
        currency: invoice.currency,
        amount: invoice.totalMinor.toString(),
        tax_amount: invoice.taxMinor.toString(),
      },
    },
    invoice.createdAtMs,
  );
  return invoice;
}

/** `<prefix>-<sequence>`, the sequence zero-padded to at least six digits: ACME-000042. */
export function invoiceNumber(prefix: string, sequence: bigint): string {
  assert(INVOICE_PREFIX_PATTERN.test(prefix), `invoiceNumber: prefix '${prefix}' is 1-12 of A-Z, 0-9, -`);
  assert(sequence >= 1n, "invoiceNumber: sequences start at 1");
  return `${prefix}-${sequence.toString().padStart(INVOICE_NUMBER_DIGITS_MIN, "0")}`;
}

/**
 * A merchant without its own prefix gets the last eight characters of its id, upper case: the
 * random part of the ULID, so two merchants' numbers do not look alike.
 */
export function derivedPrefix(merchantId: string): string {
  return merchantId.slice(-8).toUpperCase().replace(/[^A-Z0-9]/g, "0");
}

/**
 * One statement on both engines: the first invoice creates the counter at 1, later ones bump
 * it. On PostgreSQL the upsert locks the counter row until the transaction ends, which is what
 * serialises concurrent issuers; on SQLite the process write lock already does.
 */
async function nextSequence(trx: Kysely<Tables>, merchantId: string): Promise<bigint> {
  const row = await trx
    .insertInto("invoice_counters")
    .values({ merchant_id: merchantId, last_number: 1n })
    .onConflict((oc) => oc.column("merchant_id").doUpdateSet({ last_number: sql<bigint>`invoice_counters.last_number + 1` }))
    .returning("last_number")
    .executeTakeFirstOrThrow();
  return BigInt(row.last_number);
}

async function precedingOf(trx: Kysely<Tables>, draft: InvoiceDraft, refs: InvoiceRefs): Promise<Invoice | null> {
  const id = refs.precedingInvoiceId ?? null;
  assert(draft.typeCode !== "381" || id !== null, "insertInvoice: a credit note names the invoice it corrects (BG-3)");
  if (id === null) return null;
  const row = await trx.selectFrom("invoices").selectAll().where("id", "=", id).executeTakeFirst();
  assert(row !== undefined, `insertInvoice: no preceding invoice ${id}`);
  const preceding = invoiceFromRow(row);
  assert(
    preceding.merchantId === refs.merchantId && preceding.userId === refs.userId,
    "insertInvoice: a credit note corrects an invoice of the same merchant and user",
  );
  return preceding;
}

/** The document's content, without the posting stream's fields a draft also carries. */
function documentOf(d: InvoiceDraft) {
  return {
    typeCode: d.typeCode,
    currency: d.currency,
    seller: d.seller,
    buyer: d.buyer,
    lines: d.lines,
    taxLines: d.taxLines,
    subtotalMinor: d.subtotalMinor,
    taxMinor: d.taxMinor,
    totalMinor: d.totalMinor,
    reverseCharge: d.reverseCharge,
    note: d.note,
    issuedAtMs: d.issuedAtMs,
    periodStartMs: d.periodStartMs,
    periodEndMs: d.periodEndMs,
    timezone: d.timezone,
  };
}
