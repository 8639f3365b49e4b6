import fs from "node:fs";

export interface InvoiceSettings {
  /** A TrueType/OpenType font for invoice PDFs; null = built-in Helvetica (Windows-1252 only). */
  readonly pdfFontFile: string | null;
}

export const DEFAULT_INVOICE_SETTINGS: InvoiceSettings = { pdfFontFile: null };

/**
 * `AGENTPAY_INVOICE_FONT=/path/to/NotoSansCJK.ttf` renders names in any script the font has.
 * Read once, where the invoices module is configured, from the environment given; a missing file
 * fails at start-up rather than on the first PDF.
 */
export function loadInvoiceSettings(env: NodeJS.ProcessEnv): InvoiceSettings {
  const file = env.AGENTPAY_INVOICE_FONT;
  if (file === undefined || file === "") return DEFAULT_INVOICE_SETTINGS;
  if (!fs.existsSync(file)) throw new Error(`AGENTPAY_INVOICE_FONT: no font file at ${file}`);
  return { pdfFontFile: file };
}
