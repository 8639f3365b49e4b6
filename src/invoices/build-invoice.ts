import { assert } from "../core/assert.js";
import { postWithResidual } from "../billing/index.js";
import { isCurrency } from "../money/index.js";
import { allocateMinor, taxOf } from "./allocate.js";
import { isTimeZone } from "./dates.js";
import {
  type BuildInvoiceInput,
  INVOICE_DESCRIPTION_LENGTH_MAX,
  INVOICE_LINES_MAX,
  type InvoiceDraft,
  type InvoiceLine,
  type InvoiceLineInput,
  type InvoiceParty,
  type InvoiceSeller,
  NOT_SUBJECT_MENTION,
  QUANTITY_SCALE_DIGITS_MAX,
  REVERSE_CHARGE_MENTION,
  TAX_RATE_BPS_MAX,
  type TaxLine,
  VATEX_NOT_SUBJECT,
  VATEX_REVERSE_CHARGE,
} from "./types.js";
import { EU_MEMBER_STATES, isVatIdOf } from "./vat.js";

export const DEFAULT_UNIT_CODE = "C62";
const UNIT_CODE_PATTERN = /^[A-Z0-9]{2,3}$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;

/**
 * Computes an invoice (or credit note) from its lines, without numbering or storing it. Pure.
 *
 * Rounding happens once, for the whole document: Σ line amounts (fine units) plus the residual
 * carried from the previous posting of the same stream is rounded with `postWithResidual`, the
 * same rule the ledger posting uses, so the invoice's net amount is exactly what is posted and
 * the new residual is carried on. The rounded subtotal is then spread over the lines (largest
 * remainder), so the lines add up to it exactly. Tax is computed once on the subtotal.
 *
 * Sign convention: a credit note (381) shows what it credits as positive amounts. Its lines may
 * be passed either that way or with the posting's sign (negative); a credit note never has a
 * negative total, so a negative Σ is read as the posting's sign and negated. The stream sees a
 * credit note as a negative amount (`amountFine`, `ledgerNetMinor`, `ledgerTotalMinor`).
 */
export function buildInvoice(input: BuildInvoiceInput): InvoiceDraft {
  checkInput(input);
  const buyer = presumedBuyer(input.seller, input.buyer);
  const given = input.lines.reduce((sum, l) => sum + l.amountFine, 0n);
  const flip = input.typeCode === "381" && given < 0n;
  const lines = flip ? input.lines.map((l) => ({ ...l, amountFine: -l.amountFine })) : input.lines;
  const documentFine = flip ? -given : given;
  const streamSign = input.typeCode === "381" ? -1n : 1n;
  const posting = postWithResidual(input.carriedResidualFine, streamSign * documentFine);
  const subtotalMinor = streamSign * posting.postMinor;
  const shares = allocateMinor(
    lines.map((l) => l.amountFine),
    subtotalMinor,
    lines.map((l) => l.unitPriceFine !== null),
  );
  const tax = taxLineOf(input.seller, buyer, input.taxRateBps, subtotalMinor);
  const totalMinor = subtotalMinor + tax.taxAmountMinor;
  return {
    typeCode: input.typeCode,
    currency: input.currency,
    seller: { name: input.seller.name, vatId: input.seller.vatId, country: input.seller.country },
    buyer,
    lines: lines.map((l, i) => lineOf(l, shares[i] ?? 0n)),
    taxLines: [tax],
    subtotalMinor,
    taxMinor: tax.taxAmountMinor,
    totalMinor,
    reverseCharge: tax.category === "AE",
    note: tax.exemptionReason,
    issuedAtMs: input.issuedAtMs,
    periodStartMs: input.periodStartMs,
    periodEndMs: input.periodEndMs,
    timezone: input.timezone ?? "UTC",
    amountFine: streamSign * documentFine,
    residualBeforeFine: input.carriedResidualFine,
    residualAfterFine: posting.residualFine,
    ledgerNetMinor: posting.postMinor,
    ledgerTotalMinor: streamSign * totalMinor,
  };
}

/**
 * EN 16931 makes the buyer's postal address with its country mandatory (BR-10, BR-11). The rule
 * for a buyer without a stated country (a consumer who gave none): it is presumed to be in the
 * seller's country, and is taxed as a domestic buyer. Documents stored before this rule may have
 * no buyer country; they are rendered with the same presumption (buyerCountryOf).
 */
export function presumedBuyer(seller: InvoiceSeller, buyer: InvoiceParty): InvoiceSeller {
  return { name: buyer.name, vatId: buyer.vatId, country: buyer.country ?? seller.country };
}

export function buyerCountryOf(document: { readonly seller: InvoiceSeller; readonly buyer: InvoiceParty }): string {
  return document.buyer.country ?? document.seller.country;
}

/**
 * The EU reverse charge (Article 196 of Directive 2006/112/EC): a supply of services between two
 * EU member states to a business buyer, which accounts for the VAT. Both countries must be member
 * states and differ, and the buyer's VAT id must be one of its country (prefix EL for Greece);
 * anything else (a consumer, a domestic buyer, a country outside the EU, a VAT id of another
 * country) is taxed normally.
 */
export function isReverseCharge(seller: InvoiceSeller, buyer: InvoiceParty): boolean {
  const country = buyer.country;
  if (buyer.vatId === null || country === null || country === seller.country) return false;
  return EU_MEMBER_STATES.has(seller.country) && EU_MEMBER_STATES.has(country) && isVatIdOf(buyer.vatId, country);
}

/**
 * The one VAT breakdown line of a document (all lines of a merchant's invoice share its rate).
 * A merchant without a rate is outside VAT (O) and never reverse-charges; otherwise an EU
 * cross-border business buyer is reverse-charged (AE, rate 0, see isReverseCharge), and anyone
 * else pays the rate (S, or Z for a zero rate).
 */
export function taxLineOf(seller: InvoiceSeller, buyer: InvoiceParty, rateBps: number | null, subtotalMinor: bigint): TaxLine {
  const none = { taxableAmountMinor: subtotalMinor, taxAmountMinor: 0n };
  if (rateBps === null) {
    return { ...none, category: "O", rateBps: null, exemptionReason: NOT_SUBJECT_MENTION, exemptionReasonCode: VATEX_NOT_SUBJECT };
  }
  if (isReverseCharge(seller, buyer)) {
    return { ...none, category: "AE", rateBps: 0, exemptionReason: REVERSE_CHARGE_MENTION, exemptionReasonCode: VATEX_REVERSE_CHARGE };
  }
  if (rateBps === 0) return { ...none, category: "Z", rateBps: 0, exemptionReason: null, exemptionReasonCode: null };
  const taxAmountMinor = taxOf(subtotalMinor, rateBps);
  return { taxableAmountMinor: subtotalMinor, taxAmountMinor, category: "S", rateBps, exemptionReason: null, exemptionReasonCode: null };
}

function lineOf(l: InvoiceLineInput, amountMinor: bigint): InvoiceLine {
  return {
    description: l.description,
    meterId: l.meterId,
    quantity: l.quantity,
    quantityScaleDigits: l.quantityScaleDigits,
    unitCode: l.unitCode ?? DEFAULT_UNIT_CODE,
    unitPriceFine: l.unitPriceFine,
    amountFine: l.amountFine,
    amountMinor,
  };
}

/** The caller builds the input from stored, validated data: anything off here is a bug. */
function checkInput(input: BuildInvoiceInput): void {
  assert(isCurrency(input.currency), `buildInvoice: unknown currency ${input.currency}`);
  assert(input.lines.length >= 1 && input.lines.length <= INVOICE_LINES_MAX, `buildInvoice: 1..${INVOICE_LINES_MAX} lines (BR-16)`);
  assert(input.seller.name.trim() !== "" && input.buyer.name.trim() !== "", "buildInvoice: seller and buyer have names (BR-6, BR-7)");
  assert(COUNTRY_PATTERN.test(input.seller.country), "buildInvoice: the seller's country is ISO 3166-1 alpha-2 (BR-9)");
  assert(input.buyer.country === null || COUNTRY_PATTERN.test(input.buyer.country), "buildInvoice: the buyer's country is ISO 3166-1 alpha-2");
  const rate = input.taxRateBps;
  assert(rate === null || (Number.isInteger(rate) && rate >= 0 && rate <= TAX_RATE_BPS_MAX), "buildInvoice: tax rate in 0..10000 bps");
  assert(input.timezone === undefined || isTimeZone(input.timezone), `buildInvoice: unknown time zone ${input.timezone}`);
  for (const l of input.lines) {
    assert(l.description.length >= 1 && l.description.length <= INVOICE_DESCRIPTION_LENGTH_MAX, "buildInvoice: line description length");
    const digits = l.quantityScaleDigits;
    assert(Number.isInteger(digits) && digits >= 0 && digits <= QUANTITY_SCALE_DIGITS_MAX, "buildInvoice: quantity scale digits");
    assert(l.unitPriceFine === null || l.unitPriceFine >= 0n, "buildInvoice: a unit price is never negative (BR-27)");
    assert(l.unitCode === undefined || UNIT_CODE_PATTERN.test(l.unitCode), `buildInvoice: unit code ${l.unitCode}`);
  }
}
