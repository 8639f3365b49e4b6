/**
 * UBL 2.1 rendering with the EN 16931 core business terms (CustomizationID urn:cen.eu:en16931:2017).
 * A commercial invoice is a UBL Invoice, a credit note a UBL CreditNote with positive amounts.
 * Elements are written in the order of the UBL 2.1 schema's sequences (an XSD validator rejects
 * any other order), and only those the document has: no empty elements.
 *
 * Choices worth knowing:
 * - Seller name BT-27 and buyer name BT-44 are PartyLegalEntity/RegistrationName; the seller's
 *   AgentPay merchant id is its identifier BT-29 and the user id the buyer's BT-46.
 * - A VAT id without a country prefix gets the party's country in front (BR-CO-09).
 * - Category O (not subject to VAT) shows no VAT ids at all (BR-O-02) and no rates (BR-O-05).
 * - The buyer always has a postal address with its country (BR-10, BR-11): a buyer without a
 *   stated country is presumed in the seller's (see presumedBuyer).
 * - PayableAmount BT-115 is the total: the document states what the invoice is for, whatever
 *   has been paid since, so its content never changes after issue. The payment terms (BT-20,
 *   BR-CO-25) say that an invoice is collected from the buyer's AgentPay wallet, and that a
 *   credit note is refunded to it.
 * - A line's price BT-146 is its unit price, with its fine precision (BT-146 may have more
 *   decimals than amounts), when quantity × unit price is within 0.01 of the line's net amount
 *   (Peppol R120 allows 0.02). Otherwise — tiers or packages have
 *   no unit price, the rounding moved the line, or the currency has fewer decimals than the
 *   exact amount — the price is the line's net amount for a base quantity BT-149 of the whole
 *   quantity, so that quantity × price / base quantity = line net amount exactly.
 * - A line with a negative amount (a credit inside an invoice) has a negative quantity and a
 *   positive price (BR-27: prices are never negative).
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import { currencyExponent, FINE_SCALE, formatFine, formatMinor } from "../money/index.js";
import { buyerCountryOf } from "./build-invoice.js";
import { dateOf, periodDates } from "./dates.js";
import { formatScaledInteger, percentOf, printable } from "./format.js";
import type { Invoice, InvoiceLine, InvoiceParty, InvoiceTypeCode, TaxLine } from "./types.js";
import { prefixedVatId } from "./vat.js";

export const UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
export const UBL_CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
export const UBL_CAC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
export const UBL_CBC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
export const EN16931_CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017";
export const PAYMENT_TERMS_NOTE = "Collected from the buyer's AgentPay wallet under the buyer's mandate.";
export const CREDIT_NOTE_TERMS_NOTE = "Refunded to the buyer's AgentPay wallet.";
/** A stated unit price is printed when quantity × price is within 1/100 of a major unit of the line's amount. */
const PRICE_SLACK_MAJOR_DIVISOR = 100n;

/** The payment terms (BT-20) of an invoice or a credit note. */
export function paymentTermsOf(typeCode: InvoiceTypeCode): string {
  return typeCode === "381" ? CREDIT_NOTE_TERMS_NOTE : PAYMENT_TERMS_NOTE;
}

const cbc = (parent: XMLBuilder, name: string, text: string, attributes: Record<string, string> = {}): XMLBuilder =>
  parent.ele(UBL_CBC_NS, `cbc:${name}`, attributes).txt(printable(text)).up();
const cac = (parent: XMLBuilder, name: string): XMLBuilder => parent.ele(UBL_CAC_NS, `cac:${name}`);

export function renderUbl(invoice: Invoice): string {
  const credit = invoice.typeCode === "381";
  const namespaces = { "xmlns:cac": UBL_CAC_NS, "xmlns:cbc": UBL_CBC_NS };
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(
    credit ? UBL_CREDIT_NOTE_NS : UBL_INVOICE_NS,
    credit ? "CreditNote" : "Invoice",
    namespaces,
  );
  header(root, invoice);
  party(cac(root, "AccountingSupplierParty"), invoice.merchantId, invoice.seller, invoice.seller.country, showsVatIds(invoice));
  party(cac(root, "AccountingCustomerParty"), invoice.userId, invoice.buyer, buyerCountryOf(invoice), showsVatIds(invoice));
  cbc(cac(root, "PaymentTerms"), "Note", paymentTermsOf(invoice.typeCode));
  taxTotal(root, invoice);
  monetaryTotal(root, invoice);
  invoice.lines.forEach((line, i) => invoiceLine(root, invoice, line, i + 1));
  return root.end({ prettyPrint: true });
}

/** BT-24, BT-1, BT-2, BT-3, BT-22, BT-5, BG-14 and, for a credit note, BG-3. */
function header(root: XMLBuilder, invoice: Invoice): void {
  const credit = invoice.typeCode === "381";
  cbc(root, "CustomizationID", EN16931_CUSTOMIZATION_ID);
  cbc(root, "ID", invoice.number);
  cbc(root, "IssueDate", dateOf(invoice.issuedAtMs, invoice.timezone));
  cbc(root, credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", invoice.typeCode);
  if (invoice.note !== null) cbc(root, "Note", invoice.note);
  cbc(root, "DocumentCurrencyCode", invoice.currency);
  if (invoice.periodStartMs !== null && invoice.periodEndMs !== null) {
    const period = periodDates(invoice.periodStartMs, invoice.periodEndMs, invoice.timezone);
    const el = cac(root, "InvoicePeriod");
    cbc(el, "StartDate", period.start);
    cbc(el, "EndDate", period.end);
  }
  if (invoice.precedingInvoiceNumber !== null) {
    const ref = cac(cac(root, "BillingReference"), "InvoiceDocumentReference");
    cbc(ref, "ID", invoice.precedingInvoiceNumber);
    if (invoice.precedingInvoiceIssuedAtMs !== null) cbc(ref, "IssueDate", dateOf(invoice.precedingInvoiceIssuedAtMs, invoice.timezone));
  }
}

const showsVatIds = (invoice: Invoice): boolean => invoice.taxLines.every((t) => t.category !== "O");

/** Party: identifier, postal address (country, always: BR-8, BR-10), VAT registration, legal name — schema order. */
function party(role: XMLBuilder, id: string, p: InvoiceParty, country: string, withVatId: boolean): void {
  const el = cac(role, "Party");
  cbc(cac(el, "PartyIdentification"), "ID", id);
  cbc(cac(cac(el, "PostalAddress"), "Country"), "IdentificationCode", country);
  if (withVatId && p.vatId !== null) {
    const scheme = cac(el, "PartyTaxScheme");
    cbc(scheme, "CompanyID", prefixedVatId(p.vatId, country));
    cbc(cac(scheme, "TaxScheme"), "ID", "VAT");
  }
  cbc(cac(el, "PartyLegalEntity"), "RegistrationName", p.name);
}

/** TaxCategory or ClassifiedTaxCategory: ID, Percent (not for O), exemption code and text, scheme. */
function taxCategory(parent: XMLBuilder, name: string, t: TaxLine, withReason: boolean): void {
  const el = cac(parent, name);
  cbc(el, "ID", t.category);
  if (t.rateBps !== null) cbc(el, "Percent", percentOf(t.rateBps));
  if (withReason && t.exemptionReasonCode !== null) cbc(el, "TaxExemptionReasonCode", t.exemptionReasonCode);
  if (withReason && t.exemptionReason !== null) cbc(el, "TaxExemptionReason", t.exemptionReason);
  cbc(cac(el, "TaxScheme"), "ID", "VAT");
}

function taxTotal(root: XMLBuilder, invoice: Invoice): void {
  const amount = money(invoice.currency);
  const el = cac(root, "TaxTotal");
  cbc(el, "TaxAmount", ...amount(invoice.taxMinor));
  for (const t of invoice.taxLines) {
    const sub = cac(el, "TaxSubtotal");
    cbc(sub, "TaxableAmount", ...amount(t.taxableAmountMinor));
    cbc(sub, "TaxAmount", ...amount(t.taxAmountMinor));
    taxCategory(sub, "TaxCategory", t, true);
  }
}

function monetaryTotal(root: XMLBuilder, invoice: Invoice): void {
  const amount = money(invoice.currency);
  const el = cac(root, "LegalMonetaryTotal");
  cbc(el, "LineExtensionAmount", ...amount(invoice.subtotalMinor));
  cbc(el, "TaxExclusiveAmount", ...amount(invoice.subtotalMinor));
  cbc(el, "TaxInclusiveAmount", ...amount(invoice.totalMinor));
  cbc(el, "PayableAmount", ...amount(invoice.totalMinor));
}

function invoiceLine(root: XMLBuilder, invoice: Invoice, line: InvoiceLine, position: number): void {
  const credit = invoice.typeCode === "381";
  const el = cac(root, credit ? "CreditNoteLine" : "InvoiceLine");
  const negative = line.amountMinor !== 0n ? line.amountMinor < 0n : line.amountFine < 0n;
  const quantity = line.quantity < 0n ? -line.quantity : line.quantity;
  cbc(el, "ID", String(position));
  const signedQuantity = negative ? -quantity : quantity;
  const shown = formatScaledInteger(signedQuantity, line.quantityScaleDigits);
  cbc(el, credit ? "CreditedQuantity" : "InvoicedQuantity", shown, { unitCode: line.unitCode });
  cbc(el, "LineExtensionAmount", ...money(invoice.currency)(line.amountMinor));
  const item = cac(el, "Item");
  cbc(item, "Name", line.description);
  if (line.meterId !== null) cbc(cac(item, "SellersItemIdentification"), "ID", line.meterId);
  const tax = invoice.taxLines[0];
  if (tax !== undefined) taxCategory(item, "ClassifiedTaxCategory", tax, false);
  price(cac(el, "Price"), invoice.currency, line, signedQuantity);
}

/** BT-146 (and BT-149 when the unit price is not printed), never negative (BR-27). */
function price(el: XMLBuilder, currency: string, line: InvoiceLine, signedQuantity: bigint): void {
  if (line.unitPriceFine !== null && matchesUnitPrice(currency, line, line.unitPriceFine, signedQuantity)) {
    cbc(el, "PriceAmount", formatFine(line.unitPriceFine, currency), { currencyID: currency });
    return;
  }
  const quantity = signedQuantity < 0n ? -signedQuantity : signedQuantity;
  const amountMinor = line.amountMinor < 0n ? -line.amountMinor : line.amountMinor;
  cbc(el, "PriceAmount", formatMinor(amountMinor, currency), { currencyID: currency });
  if (quantity > 0n) cbc(el, "BaseQuantity", formatScaledInteger(quantity, line.quantityScaleDigits), { unitCode: line.unitCode });
}

/**
 * |line amount − quantity × unit price| ≤ 0.01 major units, compared exactly: both sides are
 * scaled to fine units × 10^quantity digits, where one major unit is 10^exponent × FINE_SCALE × 10^digits.
 */
function matchesUnitPrice(currency: string, line: InvoiceLine, unitPriceFine: bigint, signedQuantity: bigint): boolean {
  const quantityScale = 10n ** BigInt(line.quantityScaleDigits);
  const gap = line.amountMinor * FINE_SCALE * quantityScale - signedQuantity * unitPriceFine;
  const majorUnit = 10n ** BigInt(currencyExponent(currency)) * FINE_SCALE * quantityScale;
  return (gap < 0n ? -gap : gap) * PRICE_SLACK_MAJOR_DIVISOR <= majorUnit;
}

/** An amount with the currency's own decimals and its currencyID attribute. */
function money(currency: string) {
  return (amountMinor: bigint): [string, Record<string, string>] => [formatMinor(amountMinor, currency), { currencyID: currency }];
}
