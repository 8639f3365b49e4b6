/**
 * Invoices: the documents that state what a merchant charged (or credited) a user, with tax.
 * Amounts on an invoice are in the document's sign: a commercial invoice (380) shows what is
 * due, a credit note (381) shows what is credited as positive amounts (the UBL CreditNote
 * convention). The ledger side of the same numbers is signed the other way for credit notes;
 * `InvoiceDraft.ledgerNetMinor` and `ledgerTotalMinor` carry that sign.
 */

/** UNTDID 1001: 380 commercial invoice, 381 credit note. */
export const INVOICE_TYPE_CODES = ["380", "381"] as const;
export type InvoiceTypeCode = (typeof INVOICE_TYPE_CODES)[number];

/** The API's names of the two types (`type=credit_note`) and the type code each stands for. */
export const INVOICE_TYPES = ["invoice", "credit_note"] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];
export const TYPE_CODES: Readonly<Record<InvoiceType, InvoiceTypeCode>> = { invoice: "380", credit_note: "381" };

export const INVOICE_STATUSES = ["open", "paid", "uncollectible", "void"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * UNCL 5305 VAT categories used here: S standard rate, Z zero rated, O not subject to VAT
 * (the merchant charges no tax at all), AE reverse charge (cross-border business buyer).
 */
export const TAX_CATEGORIES = ["S", "Z", "O", "AE"] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

/** Limits on what one invoice holds; a caller exceeding them has a bug (asserted). */
export const INVOICE_LINES_MAX = 500;
export const INVOICE_DESCRIPTION_LENGTH_MAX = 500;
/** A tax rate is at most the whole amount: 10,000 basis points. */
export const TAX_RATE_BPS_MAX = 10_000;
/** Quantities are stored as integers scaled by 10^digits; the meters allow at most this scale. */
export const QUANTITY_SCALE_DIGITS_MAX = 18;
/** Sequence numbers are zero-padded to at least this many digits: INV-000042. */
export const INVOICE_NUMBER_DIGITS_MIN = 6;
/** Merchant invoice prefixes: 1–12 of A–Z, 0–9 and "-", starting and ending with a letter or digit. */
export const INVOICE_PREFIX_PATTERN = /^[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?$/;
export const INVOICE_PAGE_SIZE_MAX = 100;
export const INVOICE_PAGE_SIZE_DEFAULT = 20;

export const REVERSE_CHARGE_MENTION =
  "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).";
export const NOT_SUBJECT_MENTION = "Not subject to VAT.";
/** CEF VATEX codes for the exemption reasons of categories AE and O (BT-121). */
export const VATEX_REVERSE_CHARGE = "VATEX-EU-AE";
export const VATEX_NOT_SUBJECT = "VATEX-EU-O";

export interface InvoiceParty {
  readonly name: string;
  /** VAT identifier with its country prefix (BT-31 / BT-48), e.g. DE123456789. */
  readonly vatId: string | null;
  /** ISO 3166-1 alpha-2 (BT-40 / BT-55). */
  readonly country: string | null;
}

export type InvoiceSeller = InvoiceParty & { readonly country: string };

export interface InvoiceLineInput {
  readonly description: string;
  readonly meterId: string | null;
  /** The quantity in meter units × 10^quantityScaleDigits (12.5 units at scale 1 is 125n). */
  readonly quantity: bigint;
  readonly quantityScaleDigits: number;
  /** Price of one whole unit in fine units; null when no single unit price applies (tiers, packages). */
  readonly unitPriceFine: bigint | null;
  /** The exact line amount in fine units (10⁻⁶ minor units). */
  readonly amountFine: bigint;
  /** UN/ECE Recommendation 20 unit code (C62 "one" by default; SEC, MIN, HUR for durations). */
  readonly unitCode?: string;
}

export interface BuildInvoiceInput {
  readonly seller: InvoiceSeller;
  readonly buyer: InvoiceParty;
  readonly currency: string;
  readonly typeCode: InvoiceTypeCode;
  readonly lines: readonly InvoiceLineInput[];
  /** The rounding residual carried from the previous posting of this stream (|r| < one minor unit, fine units). */
  readonly carriedResidualFine: bigint;
  /** The merchant's rate; null = the merchant is not subject to tax. */
  readonly taxRateBps: number | null;
  readonly issuedAtMs: number;
  readonly periodStartMs: number | null;
  /** Exclusive end of the billed period; the document shows the last day inside it. */
  readonly periodEndMs: number | null;
  /** IANA zone in which the document's dates are written; UTC when absent. */
  readonly timezone?: string;
}

export interface InvoiceLine {
  readonly description: string;
  readonly meterId: string | null;
  readonly quantity: bigint;
  readonly quantityScaleDigits: number;
  readonly unitCode: string;
  readonly unitPriceFine: bigint | null;
  /** Exact amount, fine units, document sign. */
  readonly amountFine: bigint;
  /** The line's share of the rounded subtotal, minor units, document sign (Σ = subtotalMinor). */
  readonly amountMinor: bigint;
}

export interface TaxLine {
  readonly category: TaxCategory;
  /** Null for category O, which has no rate (BR-O-05). */
  readonly rateBps: number | null;
  readonly taxableAmountMinor: bigint;
  readonly taxAmountMinor: bigint;
  readonly exemptionReason: string | null;
  readonly exemptionReasonCode: string | null;
}

/** What a stored invoice and a draft have in common: the document's content. */
export interface InvoiceDocument {
  readonly typeCode: InvoiceTypeCode;
  readonly currency: string;
  readonly seller: InvoiceSeller;
  readonly buyer: InvoiceParty;
  readonly lines: readonly InvoiceLine[];
  readonly taxLines: readonly TaxLine[];
  /** Σ line amounts after the invoice-level rounding, document sign (BT-106 = BT-109). */
  readonly subtotalMinor: bigint;
  readonly taxMinor: bigint;
  /** subtotalMinor + taxMinor (BT-112 = BT-115). */
  readonly totalMinor: bigint;
  readonly reverseCharge: boolean;
  /** The mandatory mention (reverse charge, not subject to VAT) or null. */
  readonly note: string | null;
  readonly issuedAtMs: number;
  readonly periodStartMs: number | null;
  readonly periodEndMs: number | null;
  readonly timezone: string;
}

/** An invoice computed but not yet numbered or stored, with its side of the posting stream. */
export interface InvoiceDraft extends InvoiceDocument {
  /** The posting stream's view (negative for a credit): Σ line fine amounts, residual in and out. */
  readonly amountFine: bigint;
  readonly residualBeforeFine: bigint;
  readonly residualAfterFine: bigint;
  /** What the ledger moves for this document, signed: positive charges the payer, negative credits them. */
  readonly ledgerNetMinor: bigint;
  readonly ledgerTotalMinor: bigint;
}

export interface InvoiceRefs {
  readonly merchantId: string;
  readonly userId: string;
  readonly subscriptionId: string | null;
  readonly postingId: string | null;
  readonly paymentId: string | null;
  readonly status: InvoiceStatus;
  /** Required for a credit note (BG-3): the invoice it corrects, of the same merchant and user. */
  readonly precedingInvoiceId?: string | null;
  readonly merchantInvoicePrefix: string | null;
}

export interface Invoice extends InvoiceDocument {
  readonly id: string;
  /** `<prefix>-<sequence>`, sequential per merchant with no gaps (BT-1). */
  readonly number: string;
  readonly merchantId: string;
  readonly userId: string;
  readonly subscriptionId: string | null;
  readonly postingId: string | null;
  readonly paymentId: string | null;
  readonly status: InvoiceStatus;
  readonly precedingInvoiceId: string | null;
  readonly precedingInvoiceNumber: string | null;
  readonly precedingInvoiceIssuedAtMs: number | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}
