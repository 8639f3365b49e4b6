/**
 * Invoice rows: parties, lines and tax lines are JSON text with amounts as decimal strings
 * (bigint-safe), everything else a column. Reading a row checks the stored codes against their
 * closed sets: a row that fails is corruption, not input, and throws.
 */
import type { Insertable, Selectable } from "kysely";
import { assert } from "../core/assert.js";
import type { InvoiceRow } from "../store/index.js";
import {
  INVOICE_STATUSES,
  INVOICE_TYPE_CODES,
  type Invoice,
  type InvoiceLine,
  type InvoiceParty,
  type InvoiceSeller,
  type InvoiceStatus,
  type InvoiceTypeCode,
  TAX_CATEGORIES,
  type TaxCategory,
  type TaxLine,
} from "./types.js";

interface PartyJson {
  name: string;
  vat_id: string | null;
  country: string | null;
}

interface LineJson {
  description: string;
  meter_id: string | null;
  quantity: string;
  quantity_scale_digits: number;
  unit_code: string;
  unit_price_fine: string | null;
  amount_fine: string;
  amount: string;
}

interface TaxLineJson {
  category: string;
  rate_bps: number | null;
  taxable_amount: string;
  tax_amount: string;
  exemption_reason: string | null;
  exemption_reason_code: string | null;
}

function oneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  assert((values as readonly string[]).includes(value), `invoice row: unknown ${what} '${value}'`);
  return value as T;
}

const partyJson = (p: InvoiceParty): PartyJson => ({ name: p.name, vat_id: p.vatId, country: p.country });
const partyOf = (j: PartyJson): InvoiceParty => ({ name: j.name, vatId: j.vat_id, country: j.country });

function sellerOf(j: PartyJson): InvoiceSeller {
  const party = partyOf(j);
  assert(party.country !== null, "invoice row: the seller has a country");
  return { ...party, country: party.country };
}

const lineJson = (l: InvoiceLine): LineJson => ({
  description: l.description,
  meter_id: l.meterId,
  quantity: l.quantity.toString(),
  quantity_scale_digits: l.quantityScaleDigits,
  unit_code: l.unitCode,
  unit_price_fine: l.unitPriceFine === null ? null : l.unitPriceFine.toString(),
  amount_fine: l.amountFine.toString(),
  amount: l.amountMinor.toString(),
});

const lineOf = (j: LineJson): InvoiceLine => ({
  description: j.description,
  meterId: j.meter_id,
  quantity: BigInt(j.quantity),
  quantityScaleDigits: j.quantity_scale_digits,
  unitCode: j.unit_code,
  unitPriceFine: j.unit_price_fine === null ? null : BigInt(j.unit_price_fine),
  amountFine: BigInt(j.amount_fine),
  amountMinor: BigInt(j.amount),
});

const taxLineJson = (t: TaxLine): TaxLineJson => ({
  category: t.category,
  rate_bps: t.rateBps,
  taxable_amount: t.taxableAmountMinor.toString(),
  tax_amount: t.taxAmountMinor.toString(),
  exemption_reason: t.exemptionReason,
  exemption_reason_code: t.exemptionReasonCode,
});

const taxLineOf = (j: TaxLineJson): TaxLine => ({
  category: oneOf<TaxCategory>(TAX_CATEGORIES, j.category, "tax category"),
  rateBps: j.rate_bps,
  taxableAmountMinor: BigInt(j.taxable_amount),
  taxAmountMinor: BigInt(j.tax_amount),
  exemptionReason: j.exemption_reason,
  exemptionReasonCode: j.exemption_reason_code,
});

const msOrNull = (v: bigint | null): number | null => (v === null ? null : Number(v));
const bigOrNull = (v: number | null): bigint | null => (v === null ? null : BigInt(v));

export function invoiceRow(i: Invoice): Insertable<InvoiceRow> {
  return {
    id: i.id,
    number: i.number,
    merchant_id: i.merchantId,
    subscription_id: i.subscriptionId,
    user_id: i.userId,
    posting_id: i.postingId,
    payment_id: i.paymentId,
    status: i.status,
    type_code: i.typeCode,
    currency: i.currency,
    period_start: bigOrNull(i.periodStartMs),
    period_end: bigOrNull(i.periodEndMs),
    issued_at: BigInt(i.issuedAtMs),
    seller: JSON.stringify(partyJson(i.seller)),
    buyer: JSON.stringify(partyJson(i.buyer)),
    lines: JSON.stringify(i.lines.map(lineJson)),
    tax_lines: JSON.stringify(i.taxLines.map(taxLineJson)),
    subtotal_amount: i.subtotalMinor,
    tax_amount: i.taxMinor,
    total_amount: i.totalMinor,
    reverse_charge: i.reverseCharge ? 1n : 0n,
    preceding_invoice_id: i.precedingInvoiceId,
    preceding_invoice_number: i.precedingInvoiceNumber,
    preceding_invoice_issued_at: bigOrNull(i.precedingInvoiceIssuedAtMs),
    note: i.note,
    timezone: i.timezone,
    created_at: BigInt(i.createdAtMs),
    updated_at: BigInt(i.updatedAtMs),
  };
}

export function invoiceFromRow(r: Selectable<InvoiceRow>): Invoice {
  return {
    id: r.id,
    number: r.number,
    merchantId: r.merchant_id,
    userId: r.user_id,
    subscriptionId: r.subscription_id,
    postingId: r.posting_id,
    paymentId: r.payment_id,
    status: oneOf<InvoiceStatus>(INVOICE_STATUSES, r.status, "invoice status"),
    typeCode: oneOf<InvoiceTypeCode>(INVOICE_TYPE_CODES, r.type_code, "type code"),
    currency: r.currency,
    seller: sellerOf(JSON.parse(r.seller) as PartyJson),
    buyer: partyOf(JSON.parse(r.buyer) as PartyJson),
    lines: (JSON.parse(r.lines) as LineJson[]).map(lineOf),
    taxLines: (JSON.parse(r.tax_lines) as TaxLineJson[]).map(taxLineOf),
    subtotalMinor: r.subtotal_amount,
    taxMinor: r.tax_amount,
    totalMinor: r.total_amount,
    reverseCharge: r.reverse_charge !== 0n,
    note: r.note,
    issuedAtMs: Number(r.issued_at),
    periodStartMs: msOrNull(r.period_start),
    periodEndMs: msOrNull(r.period_end),
    timezone: r.timezone,
    precedingInvoiceId: r.preceding_invoice_id,
    precedingInvoiceNumber: r.preceding_invoice_number,
    precedingInvoiceIssuedAtMs: msOrNull(r.preceding_invoice_issued_at),
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}
