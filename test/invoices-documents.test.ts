/**
 * The rendered documents. UBL: parsed with fast-xml-parser and checked for structure (root and
 * namespaces, required elements and their cardinality, element order per the UBL 2.1 schema's
 * sequences) and for the EN 16931 business rules that apply to these documents (BR-xx, BR-CO-xx,
 * BR-S/Z/O/AE-xx) and Peppol's R120 (line amount = quantity × price / base quantity within 0.02).
 * There is no XSD or Schematron processor offline, so this is structure and rules, not XSD
 * validation. PDF: a well-formed file whose text carries the number, the totals, the mandatory
 * mentions and the payment terms, and nothing that changes after issue. Rendering is pure, so
 * there is nothing engine-specific here.
 */
import fs from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  buildInvoice,
  type BuildInvoiceInput,
  CREDIT_NOTE_TERMS_NOTE,
  EN16931_CUSTOMIZATION_ID,
  type Invoice,
  loadInvoiceSettings,
  type InvoiceLineInput,
  NOT_SUBJECT_MENTION,
  PAYMENT_TERMS_NOTE,
  renderPdf,
  renderUbl,
  REVERSE_CHARGE_MENTION,
  UBL_CAC_NS,
  UBL_CBC_NS,
  UBL_CREDIT_NOTE_NS,
  UBL_INVOICE_NS,
} from "../src/invoices/index.js";
import { parseDecimal } from "../src/money/index.js";

// ---- fixtures -------------------------------------------------------------------------------

const calls = (quantity: bigint): InvoiceLineInput => ({
  description: "API calls",
  meterId: "mtr_calls",
  quantity,
  quantityScaleDigits: 0,
  unitPriceFine: 10_000n, // 0.0001 per call
  amountFine: quantity * 10_000n,
});
const tiered: InvoiceLineInput = {
  description: "Compute (graduated tiers)",
  meterId: "mtr_compute",
  quantity: 12_5n,
  quantityScaleDigits: 1, // 12.5 hours
  unitCode: "HUR",
  unitPriceFine: null,
  amountFine: 2_345_678_901n,
};
const fee: InvoiceLineInput = { description: "Pro plan", meterId: null, quantity: 1n, quantityScaleDigits: 0, unitPriceFine: 999_000_000n, amountFine: 999_000_000n };

const DE = { name: "Acme GmbH & Co. KG", vatId: "DE123456789", country: "DE" } as const;

function invoiceOf(over: Partial<BuildInvoiceInput>, extra: Partial<Invoice> = {}): Invoice {
  const draft = buildInvoice({
    seller: DE,
    buyer: { name: "Kunde AG", vatId: "DE999999999", country: "DE" },
    currency: "EUR",
    typeCode: "380",
    lines: [calls(123_456n), tiered, fee],
    carriedResidualFine: 420_000n,
    taxRateBps: 1900,
    issuedAtMs: Date.UTC(2025, 1, 1, 8),
    periodStartMs: Date.UTC(2024, 11, 31, 23), // 2025-01-01 00:00 in Berlin
    periodEndMs: Date.UTC(2025, 0, 31, 23), // 2025-02-01 00:00 in Berlin
    timezone: "Europe/Berlin",
    ...over,
  });
  return {
    typeCode: draft.typeCode,
    currency: draft.currency,
    seller: draft.seller,
    buyer: draft.buyer,
    lines: draft.lines,
    taxLines: draft.taxLines,
    subtotalMinor: draft.subtotalMinor,
    taxMinor: draft.taxMinor,
    totalMinor: draft.totalMinor,
    reverseCharge: draft.reverseCharge,
    note: draft.note,
    issuedAtMs: draft.issuedAtMs,
    periodStartMs: draft.periodStartMs,
    periodEndMs: draft.periodEndMs,
    timezone: draft.timezone,
    id: "in_01jd3aaaaaaaaaaaaaaaaaaaaa",
    number: "ACME-000042",
    merchantId: "mer_01jd3aaaaaaaaaaaaaaaaaaaaa",
    userId: "usr_01jd3aaaaaaaaaaaaaaaaaaaaa",
    subscriptionId: "sub_1",
    postingId: "bpo_1",
    paymentId: "pay_1",
    status: "paid",
    precedingInvoiceId: null,
    precedingInvoiceNumber: null,
    precedingInvoiceIssuedAtMs: null,
    createdAtMs: draft.issuedAtMs,
    updatedAtMs: draft.issuedAtMs,
    ...extra,
  };
}

const CASES: Record<string, Invoice> = {
  "standard rate, domestic B2B": invoiceOf({}),
  "standard rate, cross-border B2C": invoiceOf({ buyer: { name: "Jean Dupont", vatId: null, country: "FR" } }),
  "zero rated": invoiceOf({ taxRateBps: 0 }),
  "not subject to VAT": invoiceOf({ taxRateBps: null, seller: { ...DE, vatId: null } }),
  "reverse charge, cross-border B2B": invoiceOf({ buyer: { name: "Client SARL", vatId: "12345678901", country: "FR" } }),
  "credits inside an invoice": invoiceOf({ lines: [fee, { ...calls(50n), description: "Reversed tickets", amountFine: -5_000_000_000n }] }),
  "credit note": invoiceOf(
    { typeCode: "381", lines: [calls(1_000n), fee], carriedResidualFine: 0n },
    { number: "ACME-000043", precedingInvoiceId: "in_01jd3bbbbbbbbbbbbbbbbbbbbb", precedingInvoiceNumber: "ACME-000042", precedingInvoiceIssuedAtMs: Date.UTC(2025, 1, 1, 8) },
  ),
  // 1,234,567 calls at ¥0.01 = ¥12,345.67: no JPY amount is quantity × price.
  "JPY (no decimals), buyer without country": invoiceOf({ currency: "JPY", buyer: { name: "Tanaka", vatId: null, country: null }, lines: [calls(1_234_567n), fee] }),
  // €9.99 + 340 calls at €0.0001 (3.4 cents) − 0.5 cent carried = 1,001.9 cents → 1,001: the calls line gives a cent.
  "a priced line moved by the rounding": invoiceOf({ lines: [fee, calls(340n)], carriedResidualFine: -500_000n }),
  "stored before buyers had a presumed country": invoiceOf({}, { buyer: { name: "Tanaka", vatId: null, country: null } }),
};

// ---- a small DOM over fast-xml-parser's ordered output --------------------------------------

interface El {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly El[];
  readonly text: string;
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false, parseAttributeValue: false, trimValues: true });

function toEl(node: Record<string, unknown>): El {
  const name = Object.keys(node).find((k) => k !== ":@") ?? "";
  const raw = (node[name] ?? []) as Record<string, unknown>[];
  const children = raw.filter((c) => !("#text" in c)).map(toEl);
  const text = raw.filter((c) => "#text" in c).map((c) => String(c["#text"])).join("");
  return { name, attrs: (node[":@"] ?? {}) as Record<string, string>, children, text };
}

function parseUbl(xml: string): El {
  const nodes = parser.parse(xml) as Record<string, unknown>[];
  const roots = nodes.filter((n) => !("?xml" in n));
  expect(roots).toHaveLength(1);
  return toEl(roots[0]!);
}

const all = (el: El, name: string): El[] => el.children.filter((c) => c.name === name);
function one(el: El, name: string): El {
  const found = all(el, name);
  expect(found, `exactly one ${name} in ${el.name}`).toHaveLength(1);
  return found[0]!;
}
const opt = (el: El, name: string): El | undefined => {
  const found = all(el, name);
  expect(found.length, `at most one ${name} in ${el.name}`).toBeLessThanOrEqual(1);
  return found[0];
};
const path = (el: El, ...names: string[]): El => names.reduce(one, el);
/** Every element with this name anywhere below. */
const deep = (el: El, name: string): El[] => el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...deep(c, name)]);

// ---- UBL 2.1 sequences (from the UBL 2.1 schemas: maindoc and CommonAggregateComponents) ------

const INVOICE_ORDER = [
  "ext:UBLExtensions", "cbc:UBLVersionID", "cbc:CustomizationID", "cbc:ProfileID", "cbc:ProfileExecutionID", "cbc:ID",
  "cbc:CopyIndicator", "cbc:UUID", "cbc:IssueDate", "cbc:IssueTime", "cbc:DueDate", "cbc:InvoiceTypeCode", "cbc:Note",
  "cbc:TaxPointDate", "cbc:DocumentCurrencyCode", "cbc:TaxCurrencyCode", "cbc:PricingCurrencyCode", "cbc:PaymentCurrencyCode",
  "cbc:PaymentAlternativeCurrencyCode", "cbc:AccountingCostCode", "cbc:AccountingCost", "cbc:LineCountNumeric",
  "cbc:BuyerReference", "cac:InvoicePeriod", "cac:OrderReference", "cac:BillingReference", "cac:DespatchDocumentReference",
  "cac:ReceiptDocumentReference", "cac:StatementDocumentReference", "cac:OriginatorDocumentReference",
  "cac:ContractDocumentReference", "cac:AdditionalDocumentReference", "cac:ProjectReference", "cac:Signature",
  "cac:AccountingSupplierParty", "cac:AccountingCustomerParty", "cac:PayeeParty", "cac:BuyerCustomerParty",
  "cac:SellerSupplierParty", "cac:TaxRepresentativeParty", "cac:Delivery", "cac:DeliveryTerms", "cac:PaymentMeans",
  "cac:PaymentTerms", "cac:PrepaidPayment", "cac:AllowanceCharge", "cac:TaxExchangeRate", "cac:PricingExchangeRate",
  "cac:PaymentExchangeRate", "cac:PaymentAlternativeExchangeRate", "cac:TaxTotal", "cac:WithholdingTaxTotal",
  "cac:LegalMonetaryTotal", "cac:InvoiceLine",
];
const CREDIT_NOTE_ORDER = [
  "ext:UBLExtensions", "cbc:UBLVersionID", "cbc:CustomizationID", "cbc:ProfileID", "cbc:ProfileExecutionID", "cbc:ID",
  "cbc:CopyIndicator", "cbc:UUID", "cbc:IssueDate", "cbc:IssueTime", "cbc:TaxPointDate", "cbc:CreditNoteTypeCode", "cbc:Note",
  "cbc:DocumentCurrencyCode", "cbc:TaxCurrencyCode", "cbc:PricingCurrencyCode", "cbc:PaymentCurrencyCode",
  "cbc:PaymentAlternativeCurrencyCode", "cbc:AccountingCostCode", "cbc:AccountingCost", "cbc:LineCountNumeric",
  "cbc:BuyerReference", "cac:InvoicePeriod", "cac:DiscrepancyResponse", "cac:OrderReference", "cac:BillingReference",
  "cac:DespatchDocumentReference", "cac:ReceiptDocumentReference", "cac:ContractDocumentReference",
  "cac:AdditionalDocumentReference", "cac:StatementDocumentReference", "cac:OriginatorDocumentReference", "cac:Signature",
  "cac:AccountingSupplierParty", "cac:AccountingCustomerParty", "cac:PayeeParty", "cac:BuyerCustomerParty",
  "cac:SellerSupplierParty", "cac:TaxRepresentativeParty", "cac:Delivery", "cac:DeliveryTerms", "cac:PaymentMeans",
  "cac:PaymentTerms", "cac:TaxExchangeRate", "cac:PricingExchangeRate", "cac:PaymentExchangeRate",
  "cac:PaymentAlternativeExchangeRate", "cac:AllowanceCharge", "cac:TaxTotal", "cac:LegalMonetaryTotal", "cac:CreditNoteLine",
];
const SEQUENCES: Record<string, readonly string[]> = {
  "cac:Party": [
    "ext:UBLExtensions", "cbc:MarkCareIndicator", "cbc:MarkAttentionIndicator", "cbc:WebsiteURI", "cbc:LogoReferenceID",
    "cbc:EndpointID", "cbc:IndustryClassificationCode", "cac:PartyIdentification", "cac:PartyName", "cac:Language",
    "cac:PostalAddress", "cac:PhysicalLocation", "cac:PartyTaxScheme", "cac:PartyLegalEntity", "cac:Contact", "cac:Person",
  ],
  "cac:PartyTaxScheme": ["cbc:RegistrationName", "cbc:CompanyID", "cbc:TaxLevelCode", "cbc:ExemptionReasonCode", "cbc:ExemptionReason", "cac:RegistrationAddress", "cac:TaxScheme"],
  "cac:PartyLegalEntity": ["cbc:RegistrationName", "cbc:CompanyID", "cbc:RegistrationDate"],
  "cac:InvoicePeriod": ["cbc:StartDate", "cbc:StartTime", "cbc:EndDate", "cbc:EndTime", "cbc:DurationMeasure", "cbc:DescriptionCode", "cbc:Description"],
  "cac:InvoiceDocumentReference": ["cbc:ID", "cbc:CopyIndicator", "cbc:UUID", "cbc:IssueDate"],
  "cac:TaxTotal": ["cbc:TaxAmount", "cbc:RoundingAmount", "cbc:TaxEvidenceIndicator", "cbc:TaxIncludedIndicator", "cac:TaxSubtotal"],
  "cac:TaxSubtotal": ["cbc:TaxableAmount", "cbc:TaxAmount", "cbc:CalculationSequenceNumeric", "cbc:TransactionCurrencyTaxAmount", "cbc:Percent", "cbc:BaseUnitMeasure", "cbc:PerUnitAmount", "cbc:TierRange", "cbc:TierRatePercent", "cac:TaxCategory"],
  "cac:TaxCategory": ["cbc:ID", "cbc:Name", "cbc:Percent", "cbc:BaseUnitMeasure", "cbc:PerUnitAmount", "cbc:TaxExemptionReasonCode", "cbc:TaxExemptionReason", "cbc:TierRange", "cbc:TierRatePercent", "cac:TaxScheme"],
  "cac:LegalMonetaryTotal": ["cbc:LineExtensionAmount", "cbc:TaxExclusiveAmount", "cbc:TaxInclusiveAmount", "cbc:AllowanceTotalAmount", "cbc:ChargeTotalAmount", "cbc:PrepaidAmount", "cbc:PayableRoundingAmount", "cbc:PayableAmount"],
  "cac:InvoiceLine": ["cbc:ID", "cbc:UUID", "cbc:Note", "cbc:InvoicedQuantity", "cbc:LineExtensionAmount", "cbc:TaxPointDate", "cbc:AccountingCostCode", "cbc:AccountingCost", "cac:InvoicePeriod", "cac:OrderLineReference", "cac:DocumentReference", "cac:AllowanceCharge", "cac:TaxTotal", "cac:Item", "cac:Price"],
  "cac:CreditNoteLine": ["cbc:ID", "cbc:UUID", "cbc:Note", "cbc:CreditedQuantity", "cbc:LineExtensionAmount", "cbc:TaxPointDate", "cbc:AccountingCostCode", "cbc:AccountingCost", "cac:InvoicePeriod", "cac:OrderLineReference", "cac:DocumentReference", "cac:AllowanceCharge", "cac:TaxTotal", "cac:Item", "cac:Price"],
  "cac:Item": ["cbc:Description", "cbc:PackQuantity", "cbc:PackSizeNumeric", "cbc:CatalogueIndicator", "cbc:Name", "cbc:HazardousRiskIndicator", "cbc:AdditionalInformation", "cbc:Keyword", "cbc:BrandName", "cbc:ModelName", "cac:BuyersItemIdentification", "cac:SellersItemIdentification", "cac:ManufacturersItemIdentification", "cac:StandardItemIdentification", "cac:CatalogueItemIdentification", "cac:AdditionalItemIdentification", "cac:CatalogueDocumentReference", "cac:ItemSpecificationDocumentReference", "cac:OriginCountry", "cac:CommodityClassification", "cac:TransactionConditions", "cac:HazardousItem", "cac:ClassifiedTaxCategory", "cac:AdditionalItemProperty"],
  "cac:Price": ["cbc:PriceAmount", "cbc:BaseQuantity", "cbc:PriceChangeReason", "cbc:PriceTypeCode", "cbc:PriceType", "cbc:OrderableUnitFactorRate", "cac:ValidityPeriod", "cac:PriceList", "cac:AllowanceCharge", "cac:PricingExchangeRate"],
};
SEQUENCES["cac:ClassifiedTaxCategory"] = SEQUENCES["cac:TaxCategory"]!;

/** Every element's children are known to its sequence and appear in the sequence's order. */
function checkOrder(el: El, sequence: readonly string[] | undefined): void {
  if (sequence !== undefined) {
    const positions = el.children.map((c) => {
      const at = sequence.indexOf(c.name);
      expect(at, `${c.name} is allowed in ${el.name}`).toBeGreaterThanOrEqual(0);
      return at;
    });
    for (let i = 1; i < positions.length; i++) {
      expect(positions[i]!, `${el.children[i]!.name} after ${el.children[i - 1]!.name} in ${el.name}`).toBeGreaterThanOrEqual(positions[i - 1]!);
    }
  }
  for (const child of el.children) checkOrder(child, SEQUENCES[child.name]);
}

// ---- EN 16931 rules ---------------------------------------------------------------------------

/** A decimal string as an integer and its number of decimals: "-12.50" → [-1250n, 2]. */
function decimal(text: string): [bigint, number] {
  const [integer = "", fraction = ""] = text.split(".");
  return [BigInt(integer + fraction), fraction.length];
}

/** |line − quantity × price / base| ≤ 0.02, exactly: |line × base − quantity × price| ≤ 0.02 × base. */
function withinR120(line: string, quantity: string, price: string, base: string): boolean {
  const [l, ls] = decimal(line);
  const [q, qs] = decimal(quantity);
  const [p, ps] = decimal(price);
  const [b, bs] = decimal(base);
  const terms: Array<[bigint, number]> = [[l * b, ls + bs], [q * p, qs + ps], [2n * b, 2 + bs]];
  const scale = Math.max(...terms.map(([, digits]) => digits));
  const [lineTimesBase = 0n, quantityTimesPrice = 0n, slack = 0n] = terms.map(([n, digits]) => n * 10n ** BigInt(scale - digits));
  const gap = lineTimesBase - quantityTimesPrice;
  return (gap < 0n ? -gap : gap) <= slack;
}

function checkUbl(invoice: Invoice, xml: string): void {
  const credit = invoice.typeCode === "381";
  const root = parseUbl(xml);
  const currency = invoice.currency;
  const amount = (el: El): bigint => {
    expect(el.attrs.currencyID, `${el.name} has currencyID ${currency}`).toBe(currency);
    const parsed = parseDecimal(el.text, currency, { allowNegative: true, allowZero: true });
    expect(parsed.ok, `${el.name} '${el.text}' has the currency's decimals`).toBe(true);
    return parsed.ok ? parsed.value : 0n;
  };

  // Root, namespaces, order.
  expect(root.name).toBe(credit ? "CreditNote" : "Invoice");
  expect(root.attrs).toMatchObject({ xmlns: credit ? UBL_CREDIT_NOTE_NS : UBL_INVOICE_NS, "xmlns:cac": UBL_CAC_NS, "xmlns:cbc": UBL_CBC_NS });
  checkOrder(root, credit ? CREDIT_NOTE_ORDER : INVOICE_ORDER);

  // BR-01..05: specification, number, date, type, currency.
  expect(one(root, "cbc:CustomizationID").text).toBe(EN16931_CUSTOMIZATION_ID);
  expect(one(root, "cbc:ID").text).toBe(invoice.number);
  expect(one(root, "cbc:IssueDate").text).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(one(root, credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode").text).toBe(invoice.typeCode);
  expect(one(root, "cbc:DocumentCurrencyCode").text).toBe(currency);

  // BG-14 / BR-29: the period, end not before start.
  const period = opt(root, "cac:InvoicePeriod");
  if (period !== undefined) expect(one(period, "cbc:EndDate").text >= one(period, "cbc:StartDate").text).toBe(true);

  // BG-3 / BR-55: a credit note names the invoice it corrects.
  const billing = opt(root, "cac:BillingReference");
  if (credit) expect(path(billing!, "cac:InvoiceDocumentReference", "cbc:ID").text).toBe(invoice.precedingInvoiceNumber);

  // BG-4 / BG-7 parties: BR-06..11.
  const seller = path(root, "cac:AccountingSupplierParty", "cac:Party");
  const buyer = path(root, "cac:AccountingCustomerParty", "cac:Party");
  expect(path(seller, "cac:PartyLegalEntity", "cbc:RegistrationName").text).toBe(invoice.seller.name);
  expect(path(buyer, "cac:PartyLegalEntity", "cbc:RegistrationName").text).toBe(invoice.buyer.name);
  expect(path(seller, "cac:PostalAddress", "cac:Country", "cbc:IdentificationCode").text).toBe(invoice.seller.country);
  // BR-10, BR-11: the buyer too, always; one without a stated country is presumed in the seller's.
  expect(path(buyer, "cac:PostalAddress", "cac:Country", "cbc:IdentificationCode").text).toBe(invoice.buyer.country ?? invoice.seller.country);
  // BR-CO-26: the seller can be identified.
  expect(path(seller, "cac:PartyIdentification", "cbc:ID").text).toBe(invoice.merchantId);
  const vatIdOf = (party: El) => {
    const scheme = all(party, "cac:PartyTaxScheme").find((s) => path(s, "cac:TaxScheme", "cbc:ID").text === "VAT");
    return scheme === undefined ? null : one(scheme, "cbc:CompanyID").text;
  };
  // BR-CO-09: VAT ids carry a country prefix.
  for (const id of [vatIdOf(seller), vatIdOf(buyer)]) if (id !== null) expect(id).toMatch(/^[A-Z]{2}/);

  // BG-23 VAT breakdown: BR-CO-14, BR-45..48, and the category rules.
  const taxTotals = all(root, "cac:TaxTotal");
  expect(taxTotals).toHaveLength(1);
  const taxTotal = taxTotals[0]!;
  const subtotals = all(taxTotal, "cac:TaxSubtotal");
  expect(subtotals.length).toBeGreaterThanOrEqual(1); // BR-CO-18
  expect(amount(one(taxTotal, "cbc:TaxAmount"))).toBe(subtotals.reduce((s, t) => s + amount(one(t, "cbc:TaxAmount")), 0n));

  // BG-25 lines: BR-16, BR-21..27.
  const lines = all(root, credit ? "cac:CreditNoteLine" : "cac:InvoiceLine");
  expect(lines.length).toBe(invoice.lines.length);
  const lineCategory = (l: El) => path(l, "cac:Item", "cac:ClassifiedTaxCategory", "cbc:ID").text;
  lines.forEach((l, i) => {
    expect(one(l, "cbc:ID").text).toBe(String(i + 1));
    const quantity = one(l, credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity");
    expect(quantity.attrs.unitCode).toMatch(/^[A-Z0-9]{2,3}$/);
    expect(path(l, "cac:Item", "cbc:Name").text.length).toBeGreaterThan(0);
    const priceAmount = path(l, "cac:Price", "cbc:PriceAmount");
    expect(priceAmount.attrs.currencyID).toBe(currency);
    expect(priceAmount.text.startsWith("-")).toBe(false); // BR-27
    const lineAmount = amount(one(l, "cbc:LineExtensionAmount"));
    // A negative line has a negative quantity, never a negative price.
    if (lineAmount < 0n) expect(quantity.text.startsWith("-")).toBe(true);
    // Without a unit price, price / base quantity × quantity is the line amount exactly.
    const base = opt(one(l, "cac:Price"), "cbc:BaseQuantity");
    if (base !== undefined) {
      expect(base.attrs.unitCode).toBe(quantity.attrs.unitCode);
      expect(base.text).toBe(quantity.text.replace(/^-/, ""));
      expect(amount(priceAmount)).toBe(lineAmount < 0n ? -lineAmount : lineAmount);
    }
    // Peppol R120: line amount = quantity × price / base quantity, within 0.02.
    const r120 = `line ${i + 1}: ${one(l, "cbc:LineExtensionAmount").text} vs ${quantity.text} × ${priceAmount.text} / ${base?.text ?? "1"}`;
    expect(withinR120(one(l, "cbc:LineExtensionAmount").text, quantity.text, priceAmount.text, base?.text ?? "1"), r120).toBe(true);
  });

  // BG-22 totals: BR-12..15, BR-CO-10, BR-CO-13, BR-CO-15, BR-CO-16.
  const totals = one(root, "cac:LegalMonetaryTotal");
  const lineSum = lines.reduce((s, l) => s + amount(one(l, "cbc:LineExtensionAmount")), 0n);
  const lineExtension = amount(one(totals, "cbc:LineExtensionAmount"));
  const taxExclusive = amount(one(totals, "cbc:TaxExclusiveAmount"));
  const taxInclusive = amount(one(totals, "cbc:TaxInclusiveAmount"));
  const payable = amount(one(totals, "cbc:PayableAmount"));
  expect(lineExtension).toBe(lineSum); // BR-CO-10
  expect(taxExclusive).toBe(lineExtension); // BR-CO-13 (no document allowances or charges)
  expect(taxInclusive).toBe(taxExclusive + amount(one(taxTotal, "cbc:TaxAmount"))); // BR-CO-15
  expect(payable).toBe(taxInclusive); // BR-CO-16 (no prepaid amount, no rounding)
  // BR-CO-25: a positive amount due comes with payment terms; a credit note's say where the money goes.
  if (payable > 0n) expect(path(root, "cac:PaymentTerms", "cbc:Note").text.length).toBeGreaterThan(0);
  expect(path(root, "cac:PaymentTerms", "cbc:Note").text).toBe(credit ? CREDIT_NOTE_TERMS_NOTE : PAYMENT_TERMS_NOTE);
  // The document says what the stored invoice says.
  expect(lineExtension).toBe(invoice.subtotalMinor);
  expect(taxInclusive).toBe(invoice.totalMinor);

  for (const sub of subtotals) {
    const category = path(sub, "cac:TaxCategory");
    const code = one(category, "cbc:ID").text;
    const taxable = amount(one(sub, "cbc:TaxableAmount"));
    const tax = amount(one(sub, "cbc:TaxAmount"));
    const percent = opt(category, "cbc:Percent");
    const reason = opt(category, "cbc:TaxExemptionReason");
    const reasonCode = opt(category, "cbc:TaxExemptionReasonCode");
    expect(path(category, "cac:TaxScheme", "cbc:ID").text).toBe("VAT");
    // BR-S-08, BR-Z-08, BR-O-08, BR-AE-08: taxable amount = Σ lines of the category.
    const ofCategory = lines.filter((l) => lineCategory(l) === code);
    expect(ofCategory.length).toBeGreaterThan(0); // BR-S-01, BR-Z-01, BR-O-01, BR-AE-01
    expect(taxable).toBe(ofCategory.reduce((s, l) => s + amount(one(l, "cbc:LineExtensionAmount")), 0n));
    for (const l of ofCategory) {
      const classified = path(l, "cac:Item", "cac:ClassifiedTaxCategory");
      expect(opt(classified, "cbc:Percent")?.text).toBe(percent?.text);
    }
    switch (code) {
      case "S": {
        expect(vatIdOf(seller)).not.toBeNull(); // BR-S-02
        const rateBps = BigInt(Math.round(Number(percent!.text) * 100));
        // BR-S-09 / BR-CO-17: tax = taxable × rate, rounded to the currency's unit (half up, symmetric).
        const magnitude = ((taxable < 0n ? -taxable : taxable) * rateBps + 5_000n) / 10_000n;
        expect(tax).toBe(taxable < 0n ? -magnitude : magnitude);
        expect(rateBps).toBeGreaterThan(0n);
        expect(reason).toBeUndefined(); // BR-S-10
        break;
      }
      case "Z":
        expect(vatIdOf(seller)).not.toBeNull(); // BR-Z-02
        expect(percent?.text).toBe("0"); // BR-Z-05/06
        expect(tax).toBe(0n); // BR-Z-09
        expect(reason).toBeUndefined(); // BR-Z-10
        break;
      case "O":
        expect(vatIdOf(seller)).toBeNull(); // BR-O-02
        expect(vatIdOf(buyer)).toBeNull();
        expect(percent).toBeUndefined(); // BR-O-05, BR-O-09 (no rate)
        expect(tax).toBe(0n); // BR-O-09
        expect(reason?.text ?? reasonCode?.text).toBeDefined(); // BR-O-10
        expect(subtotals).toHaveLength(1); // BR-O-11
        break;
      case "AE":
        expect(vatIdOf(seller)).not.toBeNull(); // BR-AE-02
        expect(vatIdOf(buyer)).not.toBeNull();
        expect(percent?.text).toBe("0"); // BR-AE-05/06
        expect(tax).toBe(0n); // BR-AE-09
        expect(reason?.text).toBe(REVERSE_CHARGE_MENTION); // BR-AE-10
        expect(reasonCode?.text).toBe("VATEX-EU-AE");
        break;
      default:
        throw new Error(`unexpected category ${code}`);
    }
  }
}

describe("UBL 2.1 (EN 16931)", () => {
  it.each(Object.entries(CASES))("%s: structure and business rules hold", (_name, invoice) => {
    checkUbl(invoice, renderUbl(invoice));
  });

  it("writes an invoice's categories as expected", () => {
    const category = (name: string) => deep(parseUbl(renderUbl(CASES[name]!)), "cac:TaxCategory").map((c) => one(c, "cbc:ID").text);
    expect(category("standard rate, domestic B2B")).toEqual(["S"]);
    expect(category("standard rate, cross-border B2C")).toEqual(["S"]);
    expect(category("zero rated")).toEqual(["Z"]);
    expect(category("not subject to VAT")).toEqual(["O"]);
    expect(category("reverse charge, cross-border B2B")).toEqual(["AE"]);
  });

  it("prefixes a VAT id with its country (BR-CO-09) and keeps fine unit prices and decimal quantities", () => {
    const root = parseUbl(renderUbl(CASES["reverse charge, cross-border B2B"]!));
    const buyerVat = path(root, "cac:AccountingCustomerParty", "cac:Party", "cac:PartyTaxScheme", "cbc:CompanyID");
    expect(buyerVat.text).toBe("FR12345678901");
    const [callsLine, computeLine] = all(root, "cac:InvoiceLine");
    expect(path(callsLine!, "cac:Price", "cbc:PriceAmount").text).toBe("0.0001");
    expect(one(computeLine!, "cbc:InvoicedQuantity")).toMatchObject({ text: "12.5", attrs: { unitCode: "HUR" } });
    expect(path(computeLine!, "cac:Item", "cac:SellersItemIdentification", "cbc:ID").text).toBe("mtr_compute");
  });

  it("writes the dates in the invoice's time zone: a Berlin month is 01-01 to 01-31", () => {
    const root = parseUbl(renderUbl(CASES["standard rate, domestic B2B"]!));
    expect(one(root, "cbc:IssueDate").text).toBe("2025-02-01");
    expect(path(root, "cac:InvoicePeriod", "cbc:StartDate").text).toBe("2025-01-01");
    expect(path(root, "cac:InvoicePeriod", "cbc:EndDate").text).toBe("2025-01-31");
  });

  it("writes a credit note as a UBL CreditNote with positive amounts and the corrected invoice", () => {
    const note = CASES["credit note"]!;
    const root = parseUbl(renderUbl(note));
    expect(root.name).toBe("CreditNote");
    expect(path(root, "cac:BillingReference", "cac:InvoiceDocumentReference", "cbc:IssueDate").text).toBe("2025-02-01");
    // €9.99 + 1,000 calls at €0.0001 = €10.09; 19 % = €1.9171 → €1.92; €12.01 credited.
    expect(note.subtotalMinor).toBe(1_009n);
    expect(note.taxMinor).toBe(192n);
    expect(path(root, "cac:LegalMonetaryTotal", "cbc:PayableAmount").text).toBe("12.01");
    for (const l of all(root, "cac:CreditNoteLine")) expect(one(l, "cbc:LineExtensionAmount").text.startsWith("-")).toBe(false);
  });

  it("writes JPY amounts without decimals and a buyer without a stated country in the seller's (BR-11)", () => {
    const invoice = CASES["JPY (no decimals), buyer without country"]!;
    const root = parseUbl(renderUbl(invoice));
    expect(path(root, "cac:LegalMonetaryTotal", "cbc:PayableAmount").text).toMatch(/^\d+$/);
    expect(invoice.buyer.country).toBe("DE");
    const country = (name: string) => path(parseUbl(renderUbl(CASES[name]!)), "cac:AccountingCustomerParty", "cac:Party", "cac:PostalAddress", "cac:Country", "cbc:IdentificationCode").text;
    expect(country("JPY (no decimals), buyer without country")).toBe("DE");
    expect(country("stored before buyers had a presumed country")).toBe("DE");
  });

  it("prints a unit price only when quantity × price is the line amount within 0.01, else the line amount per quantity", () => {
    const prices = (name: string) =>
      all(parseUbl(renderUbl(CASES[name]!)), "cac:InvoiceLine").map((l) => {
        const price = one(l, "cac:Price");
        return [one(price, "cbc:PriceAmount").text, opt(price, "cbc:BaseQuantity")?.text ?? null];
      });
    // ¥12,345.67 shown as a whole yen: ¥12,346 for 1,234,567 calls; the ¥999 fee keeps its price.
    expect(prices("JPY (no decimals), buyer without country")).toEqual([["12346", "1234567"], ["999", null]]);
    // The calls line moved from 3.4 to 2 cents: 2 cents for 340 calls; the fee keeps €9.99.
    expect(prices("a priced line moved by the rounding")).toEqual([["9.99", null], ["0.02", "340"]]);
    // 123,456 calls at €0.0001 = €12.3456, shown €12.35: within 0.01, the unit price stands.
    expect(prices("standard rate, domestic B2B")[0]).toEqual(["0.0001", null]);
  });

  it("escapes markup in names and descriptions and drops characters XML cannot carry", () => {
    const invoice = invoiceOf({ seller: { ...DE, name: "A <b>&</b> \u0007Co" }, lines: [{ ...fee, description: "Plan \"Pro\" & <more>" }] });
    const root = parseUbl(renderUbl(invoice));
    expect(path(root, "cac:AccountingSupplierParty", "cac:Party", "cac:PartyLegalEntity", "cbc:RegistrationName").text).toBe("A <b>&</b> Co");
    expect(path(root, "cac:InvoiceLine", "cac:Item", "cbc:Name").text).toBe('Plan "Pro" & <more>');
  });
});

// ---- PDF --------------------------------------------------------------------------------------

/** The text pdfkit drew: its TJ operators carry hex strings in WinAnsi. */
function pdfText(pdf: Buffer): string {
  const content = pdf.toString("latin1");
  const runs = [...content.matchAll(/\[([^\]]*)\] TJ/g)].map((m) =>
    [...(m[1] ?? "").matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1] ?? "", "hex").toString("latin1")).join(""),
  );
  return runs.join("\n");
}

describe("PDF", () => {
  it.each(Object.entries(CASES))("%s: a well-formed PDF with the number, totals and mentions", async (_name, invoice) => {
    const pdf = await renderPdf(invoice, { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain(invoice.number);
    expect(text).toContain(invoice.typeCode === "381" ? "CREDIT NOTE" : "INVOICE");
    expect(text).toContain(invoice.seller.name);
    expect(text).toContain(invoice.buyer.name);
    const total = parseUbl(renderUbl(invoice));
    expect(text).toContain(`${invoice.currency} ${path(total, "cac:LegalMonetaryTotal", "cbc:PayableAmount").text}`);
    if (invoice.reverseCharge) expect(text).toContain(REVERSE_CHARGE_MENTION);
    if (invoice.taxLines[0]?.category === "O") expect(text).toContain(NOT_SUBJECT_MENTION);
    if (invoice.precedingInvoiceNumber !== null) expect(text).toContain(`Credit note for invoice ${invoice.precedingInvoiceNumber}`);
    expect(text).toContain(invoice.typeCode === "381" ? CREDIT_NOTE_TERMS_NOTE : PAYMENT_TERMS_NOTE);
    expect(text).toContain(`Country: ${invoice.buyer.country ?? invoice.seller.country}`);
  });

  it("says a credit note is refunded to the wallet, not collected from it", async () => {
    const text = pdfText(await renderPdf(CASES["credit note"]!, { compress: false }));
    expect(text).toContain(CREDIT_NOTE_TERMS_NOTE);
    expect(text).not.toContain("Collected");
  });

  it("shows nothing that changes after issue: the same invoice paid or void renders the same text", async () => {
    const paid = pdfText(await renderPdf(CASES["standard rate, domestic B2B"]!, { compress: false }));
    const voided = pdfText(await renderPdf({ ...CASES["standard rate, domestic B2B"]!, status: "void", updatedAtMs: Date.UTC(2025, 5, 1) }, { compress: false }));
    expect(voided).toBe(paid);
    expect(paid).not.toContain("Status");
  });

  it("shows VAT ids with their prefix and each line's quantity, unit price and amount", async () => {
    const text = pdfText(await renderPdf(CASES["reverse charge, cross-border B2B"]!, { compress: false }));
    expect(text).toContain("VAT id: DE123456789");
    expect(text).toContain("VAT id: FR12345678901");
    expect(text).toContain("123456 C62");
    expect(text).toContain("0.0001");
    expect(text).toContain("12.5 HUR");
  });

  it("compresses by default and still is a PDF", async () => {
    const pdf = await renderPdf(CASES["zero rated"]!);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/FlateDecode");
  });

  it("breaks a long invoice over several pages", async () => {
    const lines = Array.from({ length: 120 }, (_, i) => ({ ...calls(BigInt(i + 1)), description: `Line ${i + 1}` }));
    const pdf = await renderPdf(invoiceOf({ lines }), { compress: false });
    const pages = pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    expect(pdfText(pdf)).toContain("Line 120");
  });

  it("draws text the built-in font cannot encode as '?', not as wrong glyphs", async () => {
    const pdf = await renderPdf(invoiceOf({ buyer: { name: "张三 Zhang", vatId: null, country: "CN" } }), { compress: false });
    expect(pdfText(pdf)).toContain("?? Zhang");
  });

  const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  it.skipIf(!fs.existsSync(DEJAVU))("embeds a configured font for names beyond Windows-1252", async () => {
    const settings = loadInvoiceSettings({ AGENTPAY_INVOICE_FONT: DEJAVU });
    const pdf = await renderPdf(invoiceOf({ buyer: { name: "Ωμέγα ООО", vatId: null, country: "GR" } }), { compress: false, fontFile: settings.pdfFontFile });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/FontFile2");
  });

  it("reads the font setting once and refuses a missing file at start-up", () => {
    expect(loadInvoiceSettings({}).pdfFontFile).toBeNull();
    expect(() => loadInvoiceSettings({ AGENTPAY_INVOICE_FONT: "/nonexistent/font.ttf" })).toThrow("AGENTPAY_INVOICE_FONT");
  });
});
