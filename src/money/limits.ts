// Every bound the money module enforces, named once. The relations between them are
// asserted below when the module loads, so a bad edit fails at start-up, not in a payment.

// The largest value of a signed 64-bit integer: the storage limit of amount, balance and
// price columns (SQLite INTEGER, PostgreSQL bigint).
export const I64_MAX = 9_223_372_036_854_775_807n;

// Transfer amounts are positive and must fit the storage column.
export const AMOUNT_MAX_MINOR = 9_223_372_036_854_775_807n;
export const AMOUNT_MIN_MINOR = 1n;

// One fine unit is 10⁻⁶ of a minor unit, so prices such as ¥0.0001 per call are exact.
export const FINE_SCALE = 1_000_000n;
export const FINE_SCALE_DIGITS = 6;

// Unit prices are stored as signed 64-bit fine units; a price of zero is opted into.
export const FINE_PRICE_MAX = I64_MAX;
export const FINE_PRICE_MIN = 1n;

function assertLimits(): void {
  const relations: ReadonlyArray<readonly [boolean, string]> = [
    [I64_MAX === 2n ** 63n - 1n, "I64_MAX is 2^63 - 1"],
    [AMOUNT_MAX_MINOR <= I64_MAX, "AMOUNT_MAX_MINOR fits a signed 64-bit column"],
    [AMOUNT_MIN_MINOR >= 1n && AMOUNT_MIN_MINOR <= AMOUNT_MAX_MINOR, "AMOUNT_MIN_MINOR is positive and below the max"],
    [FINE_SCALE === 10n ** BigInt(FINE_SCALE_DIGITS), "FINE_SCALE is 10^FINE_SCALE_DIGITS"],
    [FINE_PRICE_MAX <= I64_MAX, "FINE_PRICE_MAX fits a signed 64-bit column"],
    [FINE_PRICE_MIN >= 1n && FINE_PRICE_MIN <= FINE_PRICE_MAX, "FINE_PRICE_MIN is positive and below the max"],
  ];
  for (const [holds, relation] of relations) {
    if (!holds) throw new Error(`money limits: expected ${relation}`);
  }
}

assertLimits();
