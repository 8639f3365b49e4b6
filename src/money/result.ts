// The closed set of ways a money input can be wrong. Transports map each code to an HTTP
// status in one exhaustive switch, so adding a code here is a compile error until mapped.
export type MoneyErrorCode = "invalid_amount" | "amount_too_large" | "invalid_currency" | "too_many_decimals";

export type MoneyResult<T> = { ok: true; value: T } | { ok: false; code: MoneyErrorCode; message: string };

export function ok<T>(value: T): MoneyResult<T> {
  return { ok: true, value };
}

export function fail(code: MoneyErrorCode, message: string): MoneyResult<never> {
  return { ok: false, code, message };
}
