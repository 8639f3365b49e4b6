import { assert } from "../core/assert.js";
import { FINE_SCALE, I64_MAX, roundFine, type FineRounding } from "../money/index.js";

// Usage accumulates in fine units; the ledger moves minor units. Each posting rounds the
// amount due plus the residual carried from the previous posting, with src/money's rule
// (toward zero: whole minor units are posted, the fraction is carried). Hence, over any
// sequence, Σ postMinor × FINE_SCALE + final residualFine = Σ amountFine exactly: nothing
// is lost and nothing is invented, however many postings there are.

/**
 * The posting for `amountFine` newly due (a credit when negative), given the residual the
 * previous posting of the same stream (subscription × currency) carried. Start a stream
 * with a residual of 0n and store the returned residual with the posting.
 */
export function postWithResidual(carriedResidualFine: bigint, amountFine: bigint): FineRounding {
  assert(
    carriedResidualFine > -FINE_SCALE && carriedResidualFine < FINE_SCALE,
    `postWithResidual: a carried residual is less than one minor unit, got ${carriedResidualFine}`,
  );
  assert(amountFine >= -I64_MAX && amountFine <= I64_MAX, "postWithResidual: amount outside the 64-bit range");
  return roundFine(carriedResidualFine + amountFine);
}
