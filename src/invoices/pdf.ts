/**
 * The human-readable invoice: an A4 PDF with the seller and buyer (names, countries, VAT ids),
 * number, dates and period, the lines, the VAT breakdown, the totals and the mandatory mentions
 * (reverse charge, not subject to VAT, the corrected invoice of a credit note). It shows the same
 * numbers as the UBL document: a credit note's amounts are positive. It shows only what cannot
 * change after issue, so the same invoice always renders the same document: its status (paid,
 * void…) is in the API, not on the page.
 *
 * Fonts: the built-in Helvetica covers Windows-1252 (Latin scripts, ¥, €); text outside it is
 * drawn as "?". Give `fontFile` (a TrueType/OpenType font covering your scripts, e.g. Noto Sans
 * CJK) to render any name as written.
 */
import PDFDocument from "pdfkit";
import { formatFine, formatMinor } from "../money/index.js";
import { buyerCountryOf } from "./build-invoice.js";
import { dateOf, periodDates } from "./dates.js";
import { formatScaledInteger, percentOf, printable } from "./format.js";
import type { Invoice, InvoiceParty, TaxLine } from "./types.js";
import { paymentTermsOf } from "./ubl.js";
import { prefixedVatId } from "./vat.js";

export interface PdfOptions {
  /** pdfkit compresses page content by default; tests turn it off to read the text. */
  readonly compress?: boolean;
  /** A font file for text beyond Windows-1252. */
  readonly fontFile?: string | null;
}

// The layout, in points (1/72 inch) on A4.
const MARGIN_PT = 50;
const PAGE_WIDTH_PT = 595.28;
const CONTENT_WIDTH_PT = PAGE_WIDTH_PT - 2 * MARGIN_PT;
/** Space kept free at the bottom of a page: a table row that would start in it goes to the next page. */
const FOOTER_RESERVE_PT = 60;
/** Seller and buyer side by side, each in half the width less a gutter. */
const PARTY_GUTTER_PT = 10;
const PARTY_WIDTH_PT = CONTENT_WIDTH_PT / 2 - PARTY_GUTTER_PT;
type Column = readonly [xPt: number, widthPt: number];
/** Line table columns: description, quantity, unit price, amount (x offset and width). */
const COLUMNS = {
  description: [0, 235],
  quantity: [240, 80],
  unitPrice: [325, 90],
  amount: [420, 75],
  /** Under quantity and unit price together: the VAT breakdown's taxable amount, the totals' labels. */
  label: [240, 175],
} as const satisfies Record<string, Column>;
const FONT_SIZE_TITLE_PT = 20;
const FONT_SIZE_BODY_PT = 10;
const FONT_SIZE_SMALL_PT = 8;
const RULE_WIDTH_PT = 0.5;
// Vertical space: after a table row or a rule; under the title; after the line table, the VAT
// breakdown and the mentions; after the heading, the parties and the totals.
const ROW_GAP_PT = 4;
const TITLE_GAP_PT = 4;
const BLOCK_GAP_PT = 6;
const SECTION_GAP_PT = 12;

type Doc = PDFKit.PDFDocument;

/** Renders the invoice; resolves to the PDF bytes. */
export async function renderPdf(invoice: Invoice, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN_PT,
    compress: options.compress ?? true,
    info: { Title: `${titleOf(invoice)} ${invoice.number}`, Author: invoice.seller.name, CreationDate: new Date(invoice.issuedAtMs) },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  const fontFile = options.fontFile ?? null;
  if (fontFile !== null) doc.registerFont("Body", fontFile);
  const font = (bold: boolean) => (fontFile !== null ? "Body" : bold ? "Helvetica-Bold" : "Helvetica");
  const page = new Page(doc, fontFile !== null ? printable : winAnsi, font);
  heading(page, invoice);
  parties(page, invoice);
  lines(page, invoice);
  taxes(page, invoice);
  totals(page, invoice);
  mentions(page, invoice);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The drawing helpers, with the text filter and fonts of this document. */
class Page {
  constructor(
    readonly doc: Doc,
    readonly text: (s: string) => string,
    readonly font: (bold: boolean) => string,
  ) {}
  write(s: string, options: { bold?: boolean; size?: number; x?: number; width?: number; align?: "left" | "right" } = {}): void {
    this.doc.font(this.font(options.bold ?? false)).fontSize(options.size ?? FONT_SIZE_BODY_PT);
    const x = MARGIN_PT + (options.x ?? 0);
    this.doc.text(this.text(s), x, this.doc.y, { width: options.width ?? CONTENT_WIDTH_PT, align: options.align ?? "left" });
  }
  /** Cells written side by side from the same y; the row ends below the tallest. */
  row(cells: ReadonlyArray<{ text: string; column: Column; align?: "left" | "right"; bold?: boolean }>): void {
    if (this.doc.y > this.doc.page.height - MARGIN_PT - FOOTER_RESERVE_PT) this.doc.addPage();
    const top = this.doc.y;
    let bottom = top;
    for (const c of cells) {
      this.doc.y = top;
      this.write(c.text, { x: c.column[0], width: c.column[1], align: c.align ?? "left", bold: c.bold ?? false });
      bottom = Math.max(bottom, this.doc.y);
    }
    this.doc.y = bottom + ROW_GAP_PT;
  }
  rule(): void {
    this.doc.moveTo(MARGIN_PT, this.doc.y).lineTo(MARGIN_PT + CONTENT_WIDTH_PT, this.doc.y).lineWidth(RULE_WIDTH_PT).stroke();
    this.doc.y += ROW_GAP_PT;
  }
  gap(pt: number): void {
    this.doc.y += pt;
  }
}

const titleOf = (invoice: Invoice) => (invoice.typeCode === "381" ? "Credit note" : "Invoice");
const amount = (invoice: Invoice, minor: bigint) => `${invoice.currency} ${formatMinor(minor, invoice.currency)}`;

function heading(page: Page, invoice: Invoice): void {
  page.write(titleOf(invoice).toUpperCase(), { bold: true, size: FONT_SIZE_TITLE_PT });
  page.gap(TITLE_GAP_PT);
  page.write(`Number: ${invoice.number}`, { bold: true });
  page.write(`Issue date: ${dateOf(invoice.issuedAtMs, invoice.timezone)}`);
  if (invoice.periodStartMs !== null && invoice.periodEndMs !== null) {
    const period = periodDates(invoice.periodStartMs, invoice.periodEndMs, invoice.timezone);
    page.write(`Period: ${period.start} to ${period.end}`);
  }
  if (invoice.precedingInvoiceNumber !== null) {
    const date = invoice.precedingInvoiceIssuedAtMs === null ? "" : ` of ${dateOf(invoice.precedingInvoiceIssuedAtMs, invoice.timezone)}`;
    page.write(`Credit note for invoice ${invoice.precedingInvoiceNumber}${date}`, { bold: true });
  }
  page.gap(SECTION_GAP_PT);
}

function parties(page: Page, invoice: Invoice): void {
  const withVat = invoice.taxLines.every((t) => t.category !== "O");
  const top = page.doc.y;
  block(page, "Seller", invoice.seller, invoice.seller.country, withVat, 0);
  const sellerBottom = page.doc.y;
  page.doc.y = top;
  block(page, "Buyer", invoice.buyer, buyerCountryOf(invoice), withVat, CONTENT_WIDTH_PT / 2);
  page.doc.y = Math.max(sellerBottom, page.doc.y) + SECTION_GAP_PT;
}

function block(page: Page, label: string, p: InvoiceParty, country: string, withVat: boolean, x: number): void {
  const width = PARTY_WIDTH_PT;
  page.write(label, { bold: true, x, width });
  page.write(p.name, { x, width });
  page.write(`Country: ${country}`, { x, width });
  if (withVat && p.vatId !== null) page.write(`VAT id: ${prefixedVatId(p.vatId, country)}`, { x, width });
}

function lines(page: Page, invoice: Invoice): void {
  const header = [
    { text: "Description", column: COLUMNS.description, bold: true },
    { text: "Quantity", column: COLUMNS.quantity, align: "right" as const, bold: true },
    { text: "Unit price", column: COLUMNS.unitPrice, align: "right" as const, bold: true },
    { text: "Amount", column: COLUMNS.amount, align: "right" as const, bold: true },
  ];
  page.row(header);
  page.rule();
  for (const line of invoice.lines) {
    page.row([
      { text: line.meterId === null ? line.description : `${line.description} (${line.meterId})`, column: COLUMNS.description },
      { text: `${formatScaledInteger(line.quantity, line.quantityScaleDigits)} ${line.unitCode}`, column: COLUMNS.quantity, align: "right" },
      { text: line.unitPriceFine === null ? "-" : formatFine(line.unitPriceFine, invoice.currency), column: COLUMNS.unitPrice, align: "right" },
      { text: formatMinor(line.amountMinor, invoice.currency), column: COLUMNS.amount, align: "right" },
    ]);
  }
  page.rule();
  page.gap(BLOCK_GAP_PT);
}

const categoryName: Record<TaxLine["category"], string> = {
  S: "Standard rate",
  Z: "Zero rate",
  O: "Not subject to VAT",
  AE: "Reverse charge",
};

function taxes(page: Page, invoice: Invoice): void {
  page.write("VAT breakdown", { bold: true });
  for (const t of invoice.taxLines) {
    const rate = t.rateBps === null ? "" : ` ${percentOf(t.rateBps)}%`;
    page.row([
      { text: `${t.category} ${categoryName[t.category]}${rate}`, column: COLUMNS.description },
      { text: `taxable ${formatMinor(t.taxableAmountMinor, invoice.currency)}`, column: COLUMNS.label, align: "right" },
      { text: `VAT ${formatMinor(t.taxAmountMinor, invoice.currency)}`, column: COLUMNS.amount, align: "right" },
    ]);
  }
  page.gap(BLOCK_GAP_PT);
}

function totals(page: Page, invoice: Invoice): void {
  const label = COLUMNS.label;
  page.row([
    { text: "Subtotal (net)", column: label, align: "right" },
    { text: amount(invoice, invoice.subtotalMinor), column: COLUMNS.amount, align: "right" },
  ]);
  page.row([
    { text: "VAT", column: label, align: "right" },
    { text: amount(invoice, invoice.taxMinor), column: COLUMNS.amount, align: "right" },
  ]);
  page.row([
    { text: invoice.typeCode === "381" ? "Total credited" : "Total", column: label, align: "right", bold: true },
    { text: amount(invoice, invoice.totalMinor), column: COLUMNS.amount, align: "right", bold: true },
  ]);
  page.gap(SECTION_GAP_PT);
}

function mentions(page: Page, invoice: Invoice): void {
  if (invoice.note !== null) page.write(invoice.note, { bold: true });
  page.gap(BLOCK_GAP_PT);
  page.write(paymentTermsOf(invoice.typeCode), { size: FONT_SIZE_SMALL_PT });
  page.write(`Invoice id ${invoice.id}`, { size: FONT_SIZE_SMALL_PT });
}

/**
 * The built-in fonts encode Windows-1252: Latin-1 plus a few typographic characters. Anything
 * else would print as a wrong glyph, so it becomes "?" instead.
 */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

function winAnsi(s: string): string {
  let out = "";
  for (const ch of printable(s)) {
    const code = ch.codePointAt(0) ?? 0;
    out += (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === "\n" || WIN_ANSI_EXTRA.has(ch) ? ch : "?";
  }
  return out;
}
