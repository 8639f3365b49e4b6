/**
 * buildInvoice against hand-computed cases: one rounding per document with the carried residual,
 * the subtotal spread over the lines so they add up exactly (zero and fixed-price lines kept, no
 * line across zero), the tax categories (standard, zero, not subject, the EU reverse charge vs
 * domestic B2B, B2C, non-EU and mismatched VAT ids), the buyer's presumed country and credit
 * notes. Pure: no database, so there is nothing engine-specific to run twice.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AssertionError } from "../src/core/assert.js";
import {
  allocateMinor,
  buildInvoice,
  type BuildInvoiceInput,
  EU_MEMBER_STATES,
  type InvoiceLineInput,
  isReverseCharge,
  NOT_SUBJECT_MENTION,
  REVERSE_CHARGE_MENTION,
  taxOf,
} from "../src/invoices/index.js";
import { FINE_SCALE } from "../src/money/index.js";

/** Floor division by FINE_SCALE: the whole minor units below an exact amount. */
const floorOf = (fine: bigint): bigint => (fine < 0n && fine % FINE_SCALE !== 0n ? fine / FINE_SCALE - 1n : fine / FINE_SCALE);

const line = (amountFine: bigint, over: Partial<InvoiceLineInput> = {}): InvoiceLineInput => ({
  description: "Usage",
  meterId: "mtr_calls",
  quantity: 1n,
  quantityScaleDigits: 0,
  unitPriceFine: null,
  amountFine,
  ...over,
});

const DE_SELLER = { name: "Acme GmbH", vatId: "DE123456789", country: "DE" } as const;

function input(over: Partial<BuildInvoiceInput> = {}): BuildInvoiceInput {
  return {
    seller: { name: "Shop Ltd", vatId: "CN91110000", country: "CN" },
    buyer: { name: "Li Lei", vatId: null, country: "CN" },
    currency: "CNY",
    typeCode: "380",
    lines: [line(1_000_000n)],
    carriedResidualFine: 0n,
    taxRateBps: 1300,
    issuedAtMs: Date.UTC(2025, 1, 1),
    periodStartMs: Date.UTC(2025, 0, 1),
    periodEndMs: Date.UTC(2025, 1, 1),
    ...over,
  };
}

describe("rounding and allocation", () => {
  it("rounds the whole document once and spreads the subtotal over the lines", () => {
    // 12,345 calls at ¥0.0001 = 123.45 fen, plus a ¥9.99 fee = 1,122.45 fen → 1,122 fen, 0.45 fen carried.
    const d = buildInvoice(
      input({
        lines: [
          line(123_450_000n, { description: "API calls", quantity: 12_345n, unitPriceFine: 10_000n }),
          line(999_000_000n, { description: "Plan fee", meterId: null, unitPriceFine: 999_000_000n }),
        ],
      }),
    );
    expect(d.lines.map((l) => l.amountMinor)).toEqual([123n, 999n]);
    expect(d.subtotalMinor).toBe(1_122n);
    expect(d.residualAfterFine).toBe(450_000n);
    // 13 % of 1,122 = 145.86 → 146 (half up).
    expect(d.taxMinor).toBe(146n);
    expect(d.totalMinor).toBe(1_268n);
    expect(d.ledgerNetMinor).toBe(1_122n);
    expect(d.ledgerTotalMinor).toBe(1_268n);
    expect(d.taxLines).toEqual([
      { category: "S", rateBps: 1300, taxableAmountMinor: 1_122n, taxAmountMinor: 146n, exemptionReason: null, exemptionReasonCode: null },
    ]);
  });

  it("adds the carried residual before rounding, and the line with the largest fraction takes the unit", () => {
    // 0.6 fen carried + 0.3 + 0.5 fen = 1.4 fen → 1 fen posted, 0.4 fen carried on.
    const d = buildInvoice(input({ carriedResidualFine: 600_000n, lines: [line(300_000n), line(500_000n)] }));
    expect(d.subtotalMinor).toBe(1n);
    expect(d.residualAfterFine).toBe(400_000n);
    expect(d.lines.map((l) => l.amountMinor)).toEqual([0n, 1n]);
  });

  it("breaks ties toward the earlier of equal lines", () => {
    const d = buildInvoice(input({ carriedResidualFine: 1n, lines: [line(333_333n), line(333_333n), line(333_333n)] }));
    expect(d.subtotalMinor).toBe(1n);
    expect(d.residualAfterFine).toBe(0n);
    expect(d.lines.map((l) => l.amountMinor)).toEqual([1n, 0n, 0n]);
  });

  it("takes a unit back from the largest line when a negative residual leaves less than Σ floors", () => {
    // -0.5 fen carried + 1 fen + 0 fen = 0.5 fen → 0 posted; the 1-fen line gives its unit back, the empty line stays 0.
    const d = buildInvoice(input({ carriedResidualFine: -500_000n, lines: [line(1_000_000n), line(0n)] }));
    expect(d.subtotalMinor).toBe(0n);
    expect(d.residualAfterFine).toBe(500_000n);
    expect(d.lines.map((l) => l.amountMinor)).toEqual([0n, 0n]);
  });

  it("spreads a negative subtotal (credits inside an invoice) with floors", () => {
    // 5.5 fen charged, 8.25 fen credited: -2.75 fen → -2 posted (toward zero), -0.75 fen carried.
    const d = buildInvoice(input({ lines: [line(5_500_000n), line(-8_250_000n, { description: "Reversed tickets" })] }));
    expect(d.subtotalMinor).toBe(-2n);
    expect(d.residualAfterFine).toBe(-750_000n);
    expect(d.lines.map((l) => l.amountMinor)).toEqual([6n, -8n]);
    // Symmetric rounding: 13 % of -2 = -0.26 → -0.
    expect(d.taxMinor).toBe(0n);
  });

  it("keeps a zero line at zero and takes the excess unit from a line that has it (repro)", () => {
    // Σ floors = 10 but the total is 9: the unit comes off the 10.2 line, never off the empty one.
    expect(allocateMinor([0n, 10_200_000n], 9n)).toEqual([0n, 9n]);
    expect(allocateMinor([10_200_000n, 0n], 9n)).toEqual([9n, 0n]);
  });

  it("keeps a fixed fee and an unused meter as they are when a negative residual takes a unit (repro)", () => {
    // 100 fee + 0 unused + 3.4 usage − 0.5 carried = 102.9 → 102: the usage line gives the unit.
    const d = buildInvoice(
      input({
        carriedResidualFine: -500_000n,
        lines: [
          line(100_000_000n, { description: "Plan fee", meterId: null, unitPriceFine: 100_000_000n }),
          line(0n, { description: "Unused meter", meterId: "mtr_unused", quantity: 0n, unitPriceFine: 10_000n }),
          line(3_400_000n, { description: "Usage (tiers)" }),
        ],
      }),
    );
    expect(d.subtotalMinor).toBe(102n);
    expect(d.lines.map((l) => l.amountMinor)).toEqual([100n, 0n, 2n]);
  });

  it("prefers a line without a unit price, and takes from a fixed-price line only when nothing else can give", () => {
    // Both lines have a fraction; the unpriced one moves though the priced one's fraction is larger.
    expect(allocateMinor([1_200_000n, 1_900_000n], 2n, [true, false])).toEqual([1n, 1n]);
    expect(allocateMinor([1_900_000n, 1_200_000n], 3n, [true, false])).toEqual([1n, 2n]);
    // Only exact lines and a zero: the larger exact line gives the unit.
    expect(allocateMinor([5_000_000n, 0n, 2_000_000n], 6n, [true, true, true])).toEqual([4n, 0n, 2n]);
  });

  it("never pushes a line across zero: a small charge or credit cannot give or take the unit", () => {
    // 0.3 + 0.4 with −0.8 carried = −0.1 → 0 posted; Σ floors is 0 already.
    expect(allocateMinor([300_000n, 400_000n], 0n)).toEqual([0n, 0n]);
    // A credit of −0.5 cannot go to +1: the charge takes the unit instead.
    expect(allocateMinor([-500_000n, 1_000_000n], 1n)).toEqual([0n, 1n]);
    expect(allocateMinor([-500_000n, 1_000_000n], 2n)).toEqual([0n, 2n]);
  });

  it("asserts that the total is reachable: at most lines + 1 units from Σ floors", () => {
    expect(() => allocateMinor([1_000_000n], 4n)).toThrow(AssertionError);
    expect(() => allocateMinor([0n], 1n)).toThrow(AssertionError);
  });

  it("keeps Σ lines = subtotal, every line at its floor or ceiling (one at most a unit beyond), zeros and signs, for any lines", () => {
    const amountFine = fc.oneof(
      fc.constant(0n),
      fc.bigInt({ min: -1_000n, max: 1_000n }).map((units) => units * FINE_SCALE),
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.bigInt({ min: -3n * FINE_SCALE, max: 3n * FINE_SCALE }),
    );
    const lines = fc.array(fc.record({ amountFine, priced: fc.boolean() }), { minLength: 1, maxLength: 30 });
    const residual = fc.bigInt({ min: -(FINE_SCALE - 1n), max: FINE_SCALE - 1n });
    fc.assert(
      fc.property(lines, residual, fc.constantFrom("380" as const, "381" as const), (given, carried, typeCode) => {
        const inputLines = given.map((g) => line(g.amountFine, { unitPriceFine: g.priced ? FINE_SCALE : null }));
        const d = buildInvoice(input({ typeCode, carriedResidualFine: carried, lines: inputLines }));
        expect(d.lines.reduce((s, l) => s + l.amountMinor, 0n)).toBe(d.subtotalMinor);
        let beyond = 0;
        let floors = 0n;
        let ceilings = 0n;
        for (const l of d.lines) {
          const floor = floorOf(l.amountFine);
          const ceiling = l.amountFine % FINE_SCALE === 0n ? floor : floor + 1n;
          floors += floor;
          ceilings += ceiling;
          if (l.amountFine === 0n) expect(l.amountMinor).toBe(0n);
          if (l.amountFine > 0n) expect(l.amountMinor >= 0n).toBe(true);
          if (l.amountFine < 0n) expect(l.amountMinor <= 0n).toBe(true);
          expect(l.amountMinor >= floor - 1n && l.amountMinor <= ceiling + 1n).toBe(true);
          if (l.amountMinor < floor || l.amountMinor > ceiling) beyond += 1;
        }
        // Within one unit of its exact value whenever the total allows it; one line beyond otherwise.
        expect(beyond).toBe(d.subtotalMinor >= floors && d.subtotalMinor <= ceilings ? 0 : 1);
        expect(d.ledgerNetMinor * FINE_SCALE + d.residualAfterFine).toBe(carried + d.amountFine);
      }),
      { numRuns: 1_000 },
    );
  });

  it("allocates deterministically: the same lines give the same split", () => {
    const fines = [250_000n, 750_000n, 250_000n, 750_000n];
    expect(allocateMinor(fines, 2n)).toEqual([0n, 1n, 0n, 1n]);
    expect(allocateMinor(fines, 2n)).toEqual(allocateMinor([...fines], 2n));
    expect(allocateMinor([0n, 0n], 0n)).toEqual([0n, 0n]);
  });

  it("carries the residual over a long run of invoices with nothing lost or invented (exact arithmetic)", () => {
    // 10,000 monthly invoices of k calls at ¥0.0001 plus ¥0.000037 of compute each: the posted
    // fen plus the last residual equal the exact fine total, and no residual ever reaches a fen.
    let carried = 0n;
    let postedMinor = 0n;
    let exactFine = 0n;
    for (let k = 1n; k <= 10_000n; k++) {
      const lines = [line(k * 10_000n, { quantity: k, unitPriceFine: 10_000n }), line(37n * (k % 7n))];
      const d = buildInvoice(input({ carriedResidualFine: carried, lines }));
      postedMinor += d.subtotalMinor;
      exactFine += lines.reduce((s, l) => s + l.amountFine, 0n);
      carried = d.residualAfterFine;
      expect(carried >= 0n && carried < FINE_SCALE).toBe(true);
    }
    expect(postedMinor * FINE_SCALE + carried).toBe(exactFine);
  });
});

describe("tax categories", () => {
  it("standard rate S: half-up rounding of subtotal × rate", () => {
    expect(taxOf(50n, 1000)).toBe(5n);
    expect(taxOf(5n, 1000)).toBe(1n); // 0.5 → 1
    expect(taxOf(4n, 1000)).toBe(0n); // 0.4 → 0
    expect(taxOf(-5n, 1000)).toBe(-1n); // symmetric
    expect(taxOf(1_000n, 1950)).toBe(195n);
    expect(taxOf(99n, 2000)).toBe(20n); // 19.8 → 20
  });

  it("zero rate Z: category Z at 0 %, no tax, no exemption reason", () => {
    const d = buildInvoice(input({ taxRateBps: 0 }));
    expect(d.taxLines).toEqual([
      { category: "Z", rateBps: 0, taxableAmountMinor: 1n, taxAmountMinor: 0n, exemptionReason: null, exemptionReasonCode: null },
    ]);
    expect(d.reverseCharge).toBe(false);
    expect(d.note).toBeNull();
  });

  it("not subject O (merchant without a rate): no rate, no tax, the mention, and never reverse charge", () => {
    const crossBorderB2B = { name: "Client SARL", vatId: "FR12345678901", country: "FR" };
    const d = buildInvoice(input({ seller: DE_SELLER, buyer: crossBorderB2B, taxRateBps: null }));
    expect(d.taxLines).toEqual([
      { category: "O", rateBps: null, taxableAmountMinor: 1n, taxAmountMinor: 0n, exemptionReason: NOT_SUBJECT_MENTION, exemptionReasonCode: "VATEX-EU-O" },
    ]);
    expect(d.reverseCharge).toBe(false);
    expect(d.totalMinor).toBe(1n);
  });

  const lines = [line(10_000_000_000n)]; // ¥100.00 / €100.00
  it("cross-border B2B (buyer VAT id, other country): reverse charge AE, 0 %, the Article 196 mention", () => {
    const d = buildInvoice(input({ seller: DE_SELLER, currency: "EUR", buyer: { name: "Client SARL", vatId: "FR12345678901", country: "FR" }, taxRateBps: 1900, lines }));
    expect(d.reverseCharge).toBe(true);
    expect(d.taxLines).toEqual([
      {
        category: "AE",
        rateBps: 0,
        taxableAmountMinor: 10_000n,
        taxAmountMinor: 0n,
        exemptionReason: REVERSE_CHARGE_MENTION,
        exemptionReasonCode: "VATEX-EU-AE",
      },
    ]);
    expect(d.note).toBe(REVERSE_CHARGE_MENTION);
    expect(REVERSE_CHARGE_MENTION).toContain("Article 196");
    expect(d.totalMinor).toBe(10_000n);
  });

  it("domestic B2B (buyer VAT id, same country): standard rate", () => {
    const d = buildInvoice(input({ seller: DE_SELLER, currency: "EUR", buyer: { name: "Kunde AG", vatId: "DE999999999", country: "DE" }, taxRateBps: 1900, lines }));
    expect(d.reverseCharge).toBe(false);
    expect(d.taxLines[0]).toMatchObject({ category: "S", rateBps: 1900, taxAmountMinor: 1_900n });
    expect(d.totalMinor).toBe(11_900n);
  });

  it("cross-border B2C (no buyer VAT id): standard rate, no reverse charge", () => {
    const d = buildInvoice(input({ seller: DE_SELLER, currency: "EUR", buyer: { name: "Jean Dupont", vatId: null, country: "FR" }, taxRateBps: 1900, lines }));
    expect(d.reverseCharge).toBe(false);
    expect(d.taxLines[0]).toMatchObject({ category: "S", taxAmountMinor: 1_900n });
  });

  it("a buyer VAT id without a country is not enough for reverse charge", () => {
    const d = buildInvoice(input({ seller: DE_SELLER, currency: "EUR", buyer: { name: "X", vatId: "FR1", country: null }, taxRateBps: 1900, lines }));
    expect(d.taxLines[0]?.category).toBe("S");
  });

  const b2b = (country: string, vatId: string) => ({ name: "Client", vatId, country });
  it.each([
    ["EU cross-border B2B", "AE", DE_SELLER, b2b("FR", "FR12345678901")],
    ["EU cross-border B2B, VAT id written without its prefix", "AE", DE_SELLER, b2b("FR", "12345678901")],
    ["EU cross-border B2B to Greece (VAT prefix EL)", "AE", DE_SELLER, b2b("GR", "EL123456789")],
    ["EU cross-border B2B from Greece", "AE", { name: "Ακμή ΑΕ", vatId: "EL123456789", country: "GR" }, b2b("DE", "DE999999999")],
    ["EU domestic B2B", "S", DE_SELLER, b2b("DE", "DE999999999")],
    ["EU cross-border B2C", "S", DE_SELLER, { name: "Jean Dupont", vatId: null, country: "FR" }],
    ["non-EU cross-border B2B (CN seller, JP buyer)", "S", { name: "Shop Ltd", vatId: "CN91110000", country: "CN" }, b2b("JP", "T1234567890123")],
    ["EU seller, non-EU business buyer", "S", DE_SELLER, b2b("CH", "CHE123456789")],
    ["non-EU seller, EU business buyer", "S", { name: "Shop Ltd", vatId: "CN91110000", country: "CN" }, b2b("DE", "DE999999999")],
    ["a VAT id of another country than the buyer's", "S", DE_SELLER, b2b("FR", "DE999999999")],
    ["a Greek buyer's VAT id with the ISO prefix GR instead of EL", "S", DE_SELLER, b2b("GR", "GR123456789")],
    ["a United Kingdom buyer (not a member state)", "S", DE_SELLER, b2b("GB", "GB123456789")],
  ])("%s: category %s", (_name, category, seller, buyer) => {
    const d = buildInvoice(input({ seller, buyer, currency: "EUR", taxRateBps: 1900, lines }));
    expect(d.taxLines[0]?.category).toBe(category);
    expect(d.reverseCharge).toBe(category === "AE");
    expect(d.note).toBe(category === "AE" ? REVERSE_CHARGE_MENTION : null);
    expect(d.taxMinor).toBe(category === "AE" ? 0n : 1_900n);
    expect(isReverseCharge(seller, buyer)).toBe(category === "AE");
  });

  it("knows the 27 member states, Greece as GR", () => {
    expect(EU_MEMBER_STATES.size).toBe(27);
    expect(EU_MEMBER_STATES.has("GR") && !EU_MEMBER_STATES.has("EL") && !EU_MEMBER_STATES.has("GB")).toBe(true);
  });
});

describe("the buyer's country (BR-10, BR-11)", () => {
  it("presumes a buyer without a stated country in the seller's country, and taxes it as domestic", () => {
    const d = buildInvoice(input({ seller: DE_SELLER, currency: "EUR", buyer: { name: "Max", vatId: null, country: null }, taxRateBps: 1900 }));
    expect(d.buyer).toEqual({ name: "Max", vatId: null, country: "DE" });
    expect(d.taxLines[0]?.category).toBe("S");
  });

  it("keeps a stated country", () => {
    const d = buildInvoice(input({ seller: DE_SELLER, currency: "EUR", buyer: { name: "Jean", vatId: null, country: "FR" }, taxRateBps: 1900 }));
    expect(d.buyer.country).toBe("FR");
  });
});

describe("credit notes (381)", () => {
  // 1.5 fen credited with 0.3 fen carried: the stream sees -1.5 + 0.3 = -1.2 fen → -1 fen posted, -0.2 carried.
  const base = input({ typeCode: "381", carriedResidualFine: 300_000n, taxRateBps: 1000, lines: [line(1_500_000n)] });

  it("shows what it credits as positive amounts, while the ledger side is negative", () => {
    const d = buildInvoice(base);
    expect(d.subtotalMinor).toBe(1n);
    expect(d.lines.map((l) => l.amountMinor)).toEqual([1n]);
    expect(d.lines[0]?.amountFine).toBe(1_500_000n);
    expect(d.taxMinor).toBe(0n); // 10 % of 1 fen = 0.1 → 0
    expect(d.amountFine).toBe(-1_500_000n);
    expect(d.ledgerNetMinor).toBe(-1n);
    expect(d.ledgerTotalMinor).toBe(-1n);
    expect(d.residualAfterFine).toBe(-200_000n);
  });

  it("accepts the lines with the posting's sign (negative) and reads them the same way", () => {
    const negated = buildInvoice({ ...base, lines: [line(-1_500_000n)] });
    expect(negated).toEqual(buildInvoice(base));
  });

  it("taxes a credit note with the same rounding as the invoice it reverses", () => {
    const charged = buildInvoice(input({ taxRateBps: 1950, lines: [line(2_345_000_000n)] }));
    const credited = buildInvoice(input({ typeCode: "381", taxRateBps: 1950, lines: [line(2_345_000_000n)] }));
    expect(credited.taxMinor).toBe(charged.taxMinor);
    expect(credited.ledgerTotalMinor).toBe(-charged.ledgerTotalMinor);
  });
});

describe("programmer errors are caught", () => {
  it.each([
    ["no lines", input({ lines: [] })],
    ["an unknown currency", input({ currency: "XXY" })],
    ["a rate above 100 %", input({ taxRateBps: 10_001 })],
    ["a negative unit price", input({ lines: [line(1n, { unitPriceFine: -1n })] })],
    ["a residual of a whole unit", input({ carriedResidualFine: FINE_SCALE })],
    ["an unknown time zone", input({ timezone: "Mars/Olympus" })],
  ])("%s throws", (_name, bad) => {
    expect(() => buildInvoice(bad)).toThrow(AssertionError);
  });
});
