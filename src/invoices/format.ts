/** Decimal text for quantities and rates (money goes through src/money's formatters). */

/** value / 10^digits in plain decimal without trailing zeros: (125n, 1) → "12.5", (3n, 0) → "3". */
export function formatScaledInteger(value: bigint, digits: number): string {
  const magnitude = value < 0n ? -value : value;
  const text = magnitude.toString().padStart(digits + 1, "0");
  const integer = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, "");
  const sign = value < 0n ? "-" : "";
  return fraction === "" ? `${sign}${integer}` : `${sign}${integer}.${fraction}`;
}

/** A rate in basis points as a percentage: 1900 → "19", 2050 → "20.5", 0 → "0". */
export function percentOf(rateBps: number): string {
  return formatScaledInteger(BigInt(rateBps), 2);
}

// XML 1.0 allows tab, newline, carriage return and the characters from U+0020 up, except
// surrogates (handled by the string's own encoding) and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as an XML document or a PDF can carry it: characters XML forbids are dropped. */
export function printable(text: string): string {
  return text.replace(XML_INVALID, "");
}
