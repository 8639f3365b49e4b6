/**
 * Wire format of a tip, shared by HTTP and MCP. A tip is a payment with no cart: a recipient
 * (the merchant account of a creator or developer), an amount, an optional message the
 * recipient sees, and a reference to what is tipped.
 */
import { z } from "zod";
import { createPaymentBody } from "../payments/index.js";

/** A tweet's length: a thank-you note, not a letter. Counted in UTF-16 code units, as JSON strings are. */
export const TIP_MESSAGE_LENGTH_MAX = 280;
/** The payment's order reference holds it, so it has that field's limit. */
export const TIP_REFERENCE_LENGTH_MAX = 128;

const payment = createPaymentBody.shape;

/**
 * Characters a message must not carry because they hide or reorder what the recipient reads:
 * bidirectional embeddings and overrides (U+202A–202E) and isolates (U+2066–2069), zero-width
 * and direction marks (U+200B–200F) and the byte order mark / zero-width no-break space (U+FEFF).
 */
const HIDING_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

/** Line feed and tab are a message's own; other control characters would only hide text from the recipient. */
function hasOnlyPrintable(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code < 0x20 && ch !== "\n" && ch !== "\t") || (code >= 0x7f && code < 0xa0)) return false;
  }
  return !HIDING_CHARACTERS.test(text);
}

export const sendTipBody = z.strictObject({
  mandate_id: payment.mandate_id.describe("The mandate the user granted this agent; it must allow tips (its `tips` caps)."),
  recipient: z.string().min(1).max(64).describe("The merchant id (mer_…) of the creator or developer to tip."),
  amount: payment.amount,
  currency: payment.currency,
  message: z
    .string()
    .min(1)
    .max(TIP_MESSAGE_LENGTH_MAX)
    .refine(hasOnlyPrintable, {
      message: "must not contain control characters other than line feed and tab, bidirectional controls or invisible characters",
    })
    .optional()
    .describe("A note to the recipient, who sees it with the tip. It must not repeat the user's instruction."),
  reference: z
    .string()
    .min(1)
    .max(TIP_REFERENCE_LENGTH_MAX)
    .optional()
    .describe("What is tipped: a skill id, an article's URL or id. Stored as the payment's order_reference."),
  intent: payment.intent,
  tags: payment.tags,
  metadata: payment.metadata,
});

export type SendTipBody = z.output<typeof sendTipBody>;
