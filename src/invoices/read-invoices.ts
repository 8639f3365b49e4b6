import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { Database } from "../store/index.js";
import { renderPdf } from "./pdf.js";
import { invoiceFromRow } from "./rows.js";
import type { InvoiceSettings } from "./settings.js";
import type { Invoice, InvoiceStatus, InvoiceTypeCode } from "./types.js";
import { renderUbl } from "./ubl.js";

export interface InvoiceDeps {
  readonly database: Database;
  readonly settings: InvoiceSettings;
}

/**
 * Who may read an invoice: operators (the scope limits which roles) all; a merchant those it
 * issued; a user those addressed to them; an agent those of the subscriptions it created for
 * its user. Anyone else gets 404, exactly as if the invoice did not exist.
 */
async function maySeeInvoice(deps: InvoiceDeps, actor: Principal, invoice: Invoice): Promise<boolean> {
  switch (actor.type) {
    case "operator":
      return true;
    case "merchant":
      return invoice.merchantId === actor.id;
    case "user":
      return invoice.userId === actor.id;
    case "agent": {
      if (invoice.userId !== actor.userId || invoice.subscriptionId === null) return false;
      const sub = await deps.database.db
        .selectFrom("subscriptions")
        .select("id")
        .where("id", "=", invoice.subscriptionId)
        .where("agent_id", "=", actor.id)
        .executeTakeFirst();
      return sub !== undefined;
    }
  }
}

export async function getInvoice(deps: InvoiceDeps, actor: Principal, id: string): Promise<Result<Invoice, ApiError>> {
  const row = await deps.database.db.selectFrom("invoices").selectAll().where("id", "=", id).executeTakeFirst();
  const invoice = row === undefined ? undefined : invoiceFromRow(row);
  if (invoice === undefined || !(await maySeeInvoice(deps, actor, invoice))) {
    return err(new ApiError("not_found", `No invoice '${id}'.`, "id"));
  }
  return ok(invoice);
}

export interface InvoiceListQuery {
  readonly limit: number;
  readonly startingAfter: string | undefined;
  readonly subscriptionId: string | undefined;
  readonly status: InvoiceStatus | undefined;
  readonly typeCode: InvoiceTypeCode | undefined;
}

/** Newest first; each principal lists only what it may see (see maySeeInvoice). */
export async function listInvoices(
  deps: InvoiceDeps,
  actor: Principal,
  q: InvoiceListQuery,
): Promise<Result<{ data: Invoice[]; hasMore: boolean }, ApiError>> {
  const db = deps.database.db;
  let query = db.selectFrom("invoices").selectAll();
  if (actor.type === "merchant") query = query.where("merchant_id", "=", actor.id);
  if (actor.type === "user") query = query.where("user_id", "=", actor.id);
  if (actor.type === "agent") {
    const own = db.selectFrom("subscriptions").select("id").where("agent_id", "=", actor.id);
    query = query.where("user_id", "=", actor.userId).where("subscription_id", "in", own);
  }
  if (q.subscriptionId !== undefined) query = query.where("subscription_id", "=", q.subscriptionId);
  if (q.status !== undefined) query = query.where("status", "=", q.status);
  if (q.typeCode !== undefined) query = query.where("type_code", "=", q.typeCode);
  if (q.startingAfter !== undefined) query = query.where("id", "<", q.startingAfter);
  const rows = await query.orderBy("id", "desc").limit(q.limit + 1).execute();
  return ok({ data: rows.slice(0, q.limit).map(invoiceFromRow), hasMore: rows.length > q.limit });
}

/** The invoice as UBL 2.1 XML (EN 16931), for whoever may read it. */
export async function invoiceUbl(deps: InvoiceDeps, actor: Principal, id: string): Promise<Result<string, ApiError>> {
  const found = await getInvoice(deps, actor, id);
  return found.ok ? ok(renderUbl(found.value)) : found;
}

/** The invoice as a PDF, for whoever may read it. */
export async function invoicePdf(deps: InvoiceDeps, actor: Principal, id: string): Promise<Result<Buffer, ApiError>> {
  const found = await getInvoice(deps, actor, id);
  return found.ok ? ok(await renderPdf(found.value, { fontFile: deps.settings.pdfFontFile })) : found;
}
