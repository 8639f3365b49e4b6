import { assert } from "../core/assert.js";
import { FINE_SCALE } from "../money/index.js";

/** Floor division for bigint (bigint `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  assert(b > 0n, "floorDiv: the divisor is positive");
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/**
 * Splits `totalMinor` over lines whose exact amounts are `amountsFine`, so that the line amounts
 * add up to the total exactly (EN 16931 BR-CO-10) and each line moves as little as the total
 * allows. `priced` says which lines state a unit price (none when omitted).
 *
 * Every line starts at the floor of its exact amount. The units still missing, or in excess (a
 * negative carried residual can make the total smaller than Σ floors), are handed out one at a
 * time, each to the line that comes first in this order:
 * 1. a move within the line's own rounding (an amount with a fraction going from its floor to its
 *    ceiling) before any move beyond it: the first keeps the line within a unit of its value;
 * 2. beyond that, a line with a fraction before an exact one (divisible by FINE_SCALE): an exact
 *    line is usually a fixed price the buyer knows, and a plan fee of 100 must not read 99;
 * 3. a line without a unit price (tiers, packages, adjustments) before a priced one, whose amount
 *    a reader checks against quantity × price (Peppol R120);
 * 4. the largest fraction when adding and the smallest when taking, the line that moves least;
 * 5. the larger line (its relative error grows least), then the earlier one, so the result is
 *    deterministic.
 * A zero line (an unused meter) never takes or gives a unit, and no line crosses zero: a charge
 * stays ≥ 0 and a credit ≤ 0. Floors (not truncation) keep the rule the same for negative amounts.
 *
 * buildInvoice's total is Σ exact amounts plus a carried residual under one unit, truncated, so
 * it lies within [Σ floors − 1, Σ ceilings + 1]: at most lines + 1 units move, and at most one
 * line ends a unit beyond its floor or ceiling. A total further off is a bug in the caller.
 */
export function allocateMinor(amountsFine: readonly bigint[], totalMinor: bigint, priced: readonly boolean[] = []): bigint[] {
  assert(amountsFine.length > 0, "allocateMinor: at least one line");
  assert(priced.length === 0 || priced.length === amountsFine.length, "allocateMinor: one priced flag per line");
  const out = amountsFine.map((f) => floorDiv(f, FINE_SCALE));
  const missing = totalMinor - out.reduce((sum, b) => sum + b, 0n);
  const step = missing > 0n ? 1n : -1n;
  const units = missing * step;
  assert(units <= BigInt(amountsFine.length) + 1n, `allocateMinor: the total is ${missing} units from Σ floors, beyond lines + 1`);
  const lines = amountsFine.map((amountFine, i) => ({ amountFine, priced: priced[i] ?? false }));
  for (let k = 0n; k < units; k += 1n) {
    const i = lineForUnit(lines, out, step);
    assert(i !== undefined, "allocateMinor: no line can take the unit without crossing zero");
    out[i] = (out[i] ?? 0n) + step;
  }
  return out;
}

interface AllocatedLine {
  readonly amountFine: bigint;
  readonly priced: boolean;
}

/** The line that takes the next unit (`step` is +1 or −1), or undefined when none may. */
function lineForUnit(lines: readonly AllocatedLine[], current: readonly bigint[], step: bigint): number | undefined {
  let best: number | undefined;
  let bestRank: readonly bigint[] = [];
  lines.forEach((line, i) => {
    const rank = rankOf(line, current[i] ?? 0n, step);
    if (rank !== null && (best === undefined || comesBefore(rank, bestRank))) {
      best = i;
      bestRank = rank;
    }
  });
  return best;
}

/** The line's place in allocateMinor's order (lower first), or null when it may not move. */
function rankOf(line: AllocatedLine, current: bigint, step: bigint): readonly bigint[] | null {
  const f = line.amountFine;
  const next = current + step;
  if (f === 0n || (f > 0n && next < 0n) || (f < 0n && next > 0n)) return null;
  const distanceFine = next * FINE_SCALE - f;
  const withinRounding = distanceFine > -FINE_SCALE && distanceFine < FINE_SCALE;
  const tier = withinRounding ? 0n : f % FINE_SCALE === 0n ? 2n : 1n;
  const fraction = f - floorDiv(f, FINE_SCALE) * FINE_SCALE;
  const moveFine = step > 0n ? FINE_SCALE - fraction : fraction;
  const magnitude = f < 0n ? -f : f;
  return [tier, line.priced ? 1n : 0n, moveFine, -magnitude];
}

function comesBefore(a: readonly bigint[], b: readonly bigint[]): boolean {
  for (let k = 0; k < a.length; k++) {
    const x = a[k] ?? 0n;
    const y = b[k] ?? 0n;
    if (x !== y) return x < y;
  }
  return false;
}

/**
 * amount × rateBps / 10,000 rounded half away from zero: half-up for the usual positive amounts,
 * and a negative amount gets exactly the negated tax of its positive counterpart, so a credit
 * never differs from the charge it reverses by a rounding unit.
 */
export function taxOf(amountMinor: bigint, rateBps: number): bigint {
  const magnitude = amountMinor < 0n ? -amountMinor : amountMinor;
  const tax = (magnitude * BigInt(rateBps) + 5_000n) / 10_000n;
  return amountMinor < 0n ? -tax : tax;
}
