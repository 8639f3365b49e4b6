import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import { assert } from "../core/assert.js";
import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import type { Tables } from "../store/index.js";
import { invoiceFromRow } from "./rows.js";
import type { Invoice, InvoiceStatus } from "./types.js";

/** Which status may follow which: paid and void are final; an unpaid invoice may still be paid. */
const NEXT_STATUSES: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  open: ["paid", "uncollectible", "void"],
  uncollectible: ["paid", "void"],
  paid: [],
  void: [],
};

export function mayMoveTo(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/**
 * Moves an invoice to its next status in the caller's write transaction, with its audit event;
 * a payment that settles it is recorded with it. The document's content never changes: a wrong
 * invoice is voided or credited, not edited. An illegal move is a bug in the caller and throws.
 *
 * On PostgreSQL another transaction may move the invoice between the read and the update (the
 * read takes no lock). The update only applies to the status that was read, so the later of two
 * racing moves updates nothing and is answered `conflict`, rather than overwriting the first.
 */
export async function setInvoiceStatus(
  trx: Kysely<Tables>,
  id: string,
  change: { readonly status: InvoiceStatus; readonly paymentId?: string | null; readonly nowMs: number },
): Promise<Result<Invoice, ApiError>> {
  const row = await trx.selectFrom("invoices").selectAll().where("id", "=", id).executeTakeFirst();
  assert(row !== undefined, `setInvoiceStatus: no invoice ${id}`);
  const before = invoiceFromRow(row);
  assert(mayMoveTo(before.status, change.status), `setInvoiceStatus: ${before.status} → ${change.status} is not allowed`);
  const paymentId = change.paymentId ?? before.paymentId;
  const updated = await trx
    .updateTable("invoices")
    .set({ status: change.status, payment_id: paymentId, updated_at: BigInt(change.nowMs) })
    .where("id", "=", id)
    .where("status", "=", before.status)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) {
    return err(new ApiError("conflict", `Invoice ${before.number} is no longer ${before.status}: it was changed meanwhile.`, "id"));
  }
  await recordAudit(
    trx,
    {
      actor: null,
      action: `invoice.${change.status === "uncollectible" ? "marked_uncollectible" : change.status === "void" ? "voided" : "paid"}`,
      objectType: "invoice",
      objectId: id,
      userId: before.userId,
      paymentId,
      beforeStatus: before.status,
      afterStatus: change.status,
      data: { number: before.number, merchant_id: before.merchantId },
    },
    change.nowMs,
  );
  return ok({ ...before, status: change.status, paymentId, updatedAtMs: change.nowMs });
}
