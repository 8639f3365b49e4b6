/**
 * The invoice as the API shows it, Stripe-like: amounts are JSON integers in minor units in the
 * document's sign (a credit note's are positive), quantities and unit prices decimal strings
 * (exact: quantities in meter units, unit prices in major units with fine precision), times
 * Unix seconds.
 */
import { z } from "zod";
import { assert } from "../core/assert.js";
import { formatFine } from "../money/index.js";
import { formatScaledInteger } from "./format.js";
import { INVOICE_STATUSES, INVOICE_TYPE_CODES, INVOICE_TYPES, type Invoice, type InvoiceParty, TAX_CATEGORIES } from "./types.js";

const partyObject = z.object({
  name: z.string(),
  vat_id: z.string().nullable().describe("VAT identifier (BT-31 / BT-48)."),
  country: z.string().nullable().describe("ISO 3166-1 alpha-2."),
});

const minor = z.int().describe("Minor units.");

export const invoiceLineObject = z.object({
  description: z.string(),
  meter_id: z.string().nullable(),
  quantity: z.string().describe("Decimal, in the meter's units."),
  unit_code: z.string().describe("UN/ECE Rec. 20 unit code, C62 for plain units."),
  unit_price: z.string().nullable().describe("Price of one unit in major units, with up to 6 more decimals than the currency; null for tiered or package prices."),
  amount: minor.describe("The line's net amount in minor units; lines add up to `subtotal`."),
});

export const taxLineObject = z.object({
  category: z.enum(TAX_CATEGORIES).describe("S standard rate, Z zero rated, O not subject to VAT, AE reverse charge."),
  rate_bps: z.int().nullable().describe("Basis points; null for O."),
  taxable_amount: minor,
  tax_amount: minor,
  exemption_reason: z.string().nullable().describe("The mandatory mention for AE and O (BT-120)."),
  exemption_reason_code: z.string().nullable().describe("VATEX code (BT-121)."),
});

export const invoiceObject = z.object({
  id: z.string(),
  object: z.literal("invoice"),
  number: z.string().describe("Sequential per merchant, no gaps: <prefix>-<sequence>."),
  status: z.enum(INVOICE_STATUSES),
  type: z.enum(INVOICE_TYPES),
  type_code: z.enum(INVOICE_TYPE_CODES).describe("UNTDID 1001: 380 commercial invoice, 381 credit note."),
  currency: z.string(),
  merchant_id: z.string(),
  user_id: z.string(),
  period_start: z.int().nullable(),
  period_end: z.int().nullable().describe("Exclusive end of the billed period."),
  issued: z.int(),
  seller: partyObject,
  buyer: partyObject,
  lines: z.array(invoiceLineObject),
  tax_lines: z.array(taxLineObject),
  subtotal: minor,
  tax: minor,
  total: minor,
  reverse_charge: z.boolean(),
  subscription_id: z.string().nullable(),
  payment_id: z.string().nullable(),
  posting_id: z.string().nullable(),
  preceding_invoice_id: z.string().nullable().describe("For a credit note: the invoice it corrects."),
  preceding_invoice_number: z.string().nullable(),
  note: z.string().nullable(),
  created: z.int(),
});

export type InvoiceObject = z.output<typeof invoiceObject>;

/** Amounts go out as JSON numbers; one beyond 2^53 would lose digits, which is a bug upstream. */
function int(value: bigint): number {
  const n = Number(value);
  assert(Number.isSafeInteger(n), `invoice amount ${value} is beyond JSON's exact integers`);
  return n;
}

const secs = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / 1000));
const party = (p: InvoiceParty) => ({ name: p.name, vat_id: p.vatId, country: p.country });

export function presentInvoice(i: Invoice): InvoiceObject {
  return {
    id: i.id,
    object: "invoice",
    number: i.number,
    status: i.status,
    type: i.typeCode === "381" ? "credit_note" : "invoice",
    type_code: i.typeCode,
    currency: i.currency,
    merchant_id: i.merchantId,
    user_id: i.userId,
    period_start: secs(i.periodStartMs),
    period_end: secs(i.periodEndMs),
    issued: Math.floor(i.issuedAtMs / 1000),
    seller: party(i.seller),
    buyer: party(i.buyer),
    lines: i.lines.map((l) => ({
      description: l.description,
      meter_id: l.meterId,
      quantity: formatScaledInteger(l.quantity, l.quantityScaleDigits),
      unit_code: l.unitCode,
      unit_price: l.unitPriceFine === null ? null : formatFine(l.unitPriceFine, i.currency),
      amount: int(l.amountMinor),
    })),
    tax_lines: i.taxLines.map((t) => ({
      category: t.category,
      rate_bps: t.rateBps,
      taxable_amount: int(t.taxableAmountMinor),
      tax_amount: int(t.taxAmountMinor),
      exemption_reason: t.exemptionReason,
      exemption_reason_code: t.exemptionReasonCode,
    })),
    subtotal: int(i.subtotalMinor),
    tax: int(i.taxMinor),
    total: int(i.totalMinor),
    reverse_charge: i.reverseCharge,
    subscription_id: i.subscriptionId,
    payment_id: i.paymentId,
    posting_id: i.postingId,
    preceding_invoice_id: i.precedingInvoiceId,
    preceding_invoice_number: i.precedingInvoiceNumber,
    note: i.note,
    created: Math.floor(i.createdAtMs / 1000),
  };
}
