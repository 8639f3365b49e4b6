/**
 * VAT identifiers and the EU's member states, for the reverse charge and BR-CO-09. An EU VAT id
 * starts with its state's code, which is the ISO 3166-1 code except for Greece (EL, not GR).
 */

/** The 27 member states of the European Union (ISO 3166-1 alpha-2), as of 2020-02-01. */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
  "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
]);

/** The country code that starts a VAT id of this country: EL for Greece, the ISO code otherwise. */
export function vatPrefixOf(country: string): string {
  return country === "GR" ? "EL" : country;
}

const PREFIX_PATTERN = /^[A-Z]{2}/;

/** With a country prefix as BR-CO-09 wants: "123456789" of a DE party → "DE123456789", of a GR party → "EL123456789". */
export function prefixedVatId(vatId: string, country: string | null): string {
  return PREFIX_PATTERN.test(vatId) || country === null ? vatId : `${vatPrefixOf(country)}${vatId}`;
}

/**
 * Whether the VAT id can be the country's: its prefix is the country's VAT prefix, or it has no
 * prefix and is read as the country's (as prefixedVatId prints it). Spaces, dots and case are
 * ignored, as people write them.
 */
export function isVatIdOf(vatId: string, country: string): boolean {
  const compact = vatId.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return compact !== "" && (!PREFIX_PATTERN.test(compact) || compact.startsWith(vatPrefixOf(country)));
}
