// The invoices module's only public surface: build (pure), number and store an invoice in the
// caller's transaction, read invoices with per-object access, and render them as UBL and PDF.
export type {
  BuildInvoiceInput,
  Invoice,
  InvoiceDocument,
  InvoiceDraft,
  InvoiceLine,
  InvoiceLineInput,
  InvoiceParty,
  InvoiceRefs,
  InvoiceSeller,
  InvoiceStatus,
  InvoiceTypeCode,
  TaxCategory,
  TaxLine,
} from "./types.js";
export {
  INVOICE_LINES_MAX,
  INVOICE_PAGE_SIZE_DEFAULT,
  INVOICE_PAGE_SIZE_MAX,
  INVOICE_PREFIX_PATTERN,
  INVOICE_STATUSES,
  INVOICE_TYPE_CODES,
  INVOICE_TYPES,
  type InvoiceType,
  NOT_SUBJECT_MENTION,
  REVERSE_CHARGE_MENTION,
  TAX_CATEGORIES,
  TAX_RATE_BPS_MAX,
  TYPE_CODES,
} from "./types.js";
export { DEFAULT_UNIT_CODE, buildInvoice, isReverseCharge } from "./build-invoice.js";
export { allocateMinor, taxOf } from "./allocate.js";
export { derivedPrefix, insertInvoice, invoiceNumber } from "./insert-invoice.js";
export { mayMoveTo, setInvoiceStatus } from "./set-invoice-status.js";
export { type InvoiceDeps, type InvoiceListQuery, getInvoice, invoicePdf, invoiceUbl, listInvoices } from "./read-invoices.js";
export { DEFAULT_INVOICE_SETTINGS, type InvoiceSettings, loadInvoiceSettings } from "./settings.js";
export { type InvoiceObject, invoiceLineObject, invoiceObject, presentInvoice, taxLineObject } from "./schema.js";
export {
  CREDIT_NOTE_TERMS_NOTE,
  EN16931_CUSTOMIZATION_ID,
  PAYMENT_TERMS_NOTE,
  renderUbl,
  UBL_CAC_NS,
  UBL_CBC_NS,
  UBL_CREDIT_NOTE_NS,
  UBL_INVOICE_NS,
} from "./ubl.js";
export { EU_MEMBER_STATES, prefixedVatId } from "./vat.js";
export { type PdfOptions, renderPdf } from "./pdf.js";
