/**
 * What a posting bills, as invoice lines: the flat fee, one line per plan charge with the
 * period's confirmed quantity, and — in reserve mode only, should usage ever exceed what the
 * reservation covers — a line taking the excess back off (the payer never pays past the holds).
 * Prices and pricing rules are the billing core's (planChargeFine); rounding and tax are the
 * invoices module's (buildInvoice), so that the payment, the posting and the invoice agree.
 */
import { DateTime } from "luxon";
import { billableQuantity, type PlanCharge, planChargeFine } from "../billing/index.js";
import { buildInvoice, type InvoiceDraft, type InvoiceParty } from "../invoices/index.js";
import type { Merchant, User } from "../parties/index.js";
import type { Database } from "../store/index.js";
import type { MeterUsage } from "./usage.js";
import type { DocumentLine, Plan, PostingDocument, PostingQuantity, Subscription } from "./types.js";

interface MeterInfo {
  readonly name: string;
  readonly scaleDigits: number;
}

export async function metersOf(database: Database, plan: Plan): Promise<Map<string, MeterInfo>> {
  if (plan.charges.length === 0) return new Map();
  const rows = await database.db
    .selectFrom("meters")
    .select(["id", "name", "value_scale_digits"])
    .where(
      "id",
      "in",
      plan.charges.map((c) => c.meterId),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, scaleDigits: Number(r.value_scale_digits) }]));
}

const ZERO: MeterUsage = { quantity: 0n, pendingQuantity: 0n, eventCount: 0n };

/** A single unit price applies to per-unit prices only; it is quoted per whole meter unit. */
function unitPriceOf(c: PlanCharge, scaleDigits: number): bigint | null {
  return c.price.model === "per_unit" ? c.price.unitPriceFine * 10n ** BigInt(scaleDigits) : null;
}

export interface UsageBill {
  readonly quantities: PostingQuantity[];
  readonly lines: DocumentLine[];
  readonly usageFine: bigint;
}

/** The usage charges of a period, one line per plan charge (a zero line documents "none used"). */
export function usageBill(plan: Plan, usage: ReadonlyMap<string, MeterUsage>, meters: ReadonlyMap<string, MeterInfo>): UsageBill {
  const quantities: PostingQuantity[] = [];
  const lines: DocumentLine[] = [];
  let usageFine = 0n;
  for (const c of plan.charges) {
    const u = usage.get(c.meterId) ?? ZERO;
    const meter = meters.get(c.meterId) ?? { name: c.meterId, scaleDigits: 0 };
    const chargeFine = planChargeFine(c, u.quantity);
    const billed = billableQuantity(c, u.quantity);
    usageFine += chargeFine;
    quantities.push({
      meterId: c.meterId,
      quantity: u.quantity,
      includedQuantity: c.includedQuantity,
      billedQuantity: billed,
      chargeFine,
      eventCount: u.eventCount,
    });
    const included = c.includedQuantity > 0n ? ` beyond the ${c.includedQuantity} included` : "";
    lines.push({
      kind: "usage",
      description: `${meter.name}${included}`,
      meterId: c.meterId,
      quantity: billed,
      quantityScaleDigits: meter.scaleDigits,
      unitPriceFine: unitPriceOf(c, meter.scaleDigits),
      amountFine: chargeFine,
    });
  }
  return { quantities, lines, usageFine };
}

/** The flat fee line of the period [startMs, endMs); none when the fee is 0. */
export function feeLines(plan: Plan, feeFine: bigint, startMs: number, endMs: number, timezone: string): DocumentLine[] {
  if (feeFine === 0n) return [];
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: timezone }).toISODate() ?? "";
  const prorated = feeFine !== plan.flatFeeFine ? ", prorated" : "";
  const every = { day: "daily", week: "weekly", month: "monthly", year: "yearly" }[plan.interval];
  return [
    {
      kind: "fee",
      description: `${plan.name}: ${every} fee, ${day(startMs)} to ${day(endMs - 1)}${prorated}`,
      meterId: null,
      quantity: 1n,
      quantityScaleDigits: 0,
      unitPriceFine: feeFine,
      amountFine: feeFine,
    },
  ];
}

/** Reserve mode: usage past what the holds cover is taken back off the bill. */
export function capLines(usageFine: bigint, capFine: bigint | null): DocumentLine[] {
  if (capFine === null || usageFine <= capFine) return [];
  return [
    {
      kind: "adjustment",
      description: "Usage beyond the reservation, not billed",
      meterId: null,
      quantity: 1n,
      quantityScaleDigits: 0,
      unitPriceFine: null,
      amountFine: capFine - usageFine,
    },
  ];
}

export function sellerOf(m: Merchant): PostingDocument["seller"] {
  return { name: m.legalName, vatId: m.taxId, country: m.country };
}

export function buyerOf(s: Subscription, user: User | undefined): InvoiceParty {
  return s.buyer ?? { name: user?.name ?? s.userId, vatId: null, country: null };
}

/** The invoice of a frozen document (pure: the same document always gives the same invoice). */
export function draftOf(d: PostingDocument): InvoiceDraft {
  return buildInvoice({
    seller: d.seller,
    buyer: d.buyer,
    currency: d.currency,
    typeCode: d.typeCode,
    lines: d.lines.map(({ kind: _kind, ...line }) => line),
    carriedResidualFine: d.carriedResidualFine,
    taxRateBps: d.taxRateBps,
    issuedAtMs: d.issuedAtMs,
    periodStartMs: d.periodStartMs,
    periodEndMs: d.periodEndMs,
    timezone: d.timezone,
  });
}
