/**
 * How much usage a reservation covers. A period's holds (and what was already captured from
 * them) must pay its whole bill: net + tax, where net = the flat fee plus usage, rounded with
 * the residual carried from the previous posting. The net usage budget handed to usage
 * ingestion (`subscriptions.reserved_fine`) is sized so that this can never exceed the money
 * held, whatever the residual (|r| < one minor unit) and with tax rounded up:
 *
 *   N = the largest net (minor units) with N + ⌈N × rate⌉ ≤ held
 *   budget = N × FINE_SCALE − (FINE_SCALE − 1) − fee
 *
 * so fee + usage + r < N × FINE_SCALE + 1, hence net ≤ N and net + tax ≤ held. Tax on an
 * invoice is rounded half-up once on the subtotal (src/invoices), never above the ceiling.
 */
import { FINE_SCALE } from "../money/index.js";

const BPS = 10_000n;

const taxCeil = (netMinor: bigint, rateBps: bigint): bigint => (netMinor * rateBps + BPS - 1n) / BPS;

/** The largest net amount (minor units) that, with its tax rounded up, fits in `heldMinor`. */
export function netCovered(heldMinor: bigint, taxRateBps: number | null): bigint {
  if (heldMinor <= 0n) return 0n;
  const rate = BigInt(taxRateBps ?? 0);
  let n = (heldMinor * BPS) / (BPS + rate);
  while (n > 0n && n + taxCeil(n, rate) > heldMinor) n -= 1n;
  while (n + 1n + taxCeil(n + 1n, rate) <= heldMinor) n += 1n;
  return n;
}

/** The net usage (fine units) that holds of `heldMinor` in all cover once the period's fee is paid; 0 at least. */
export function usageBudgetFine(heldMinor: bigint, feeFine: bigint, taxRateBps: number | null): bigint {
  const budget = netCovered(heldMinor, taxRateBps) * FINE_SCALE - (FINE_SCALE - 1n) - feeFine;
  return budget > 0n ? budget : 0n;
}

/** The smallest hold that covers the fee, its tax and the rounding margin (a usage budget of 0). */
export function minimumReservation(feeFine: bigint, taxRateBps: number | null): bigint {
  const net = (feeFine + 2n * (FINE_SCALE - 1n)) / FINE_SCALE;
  return net + taxCeil(net, BigInt(taxRateBps ?? 0));
}
