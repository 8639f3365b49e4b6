/** What route handlers share: the use cases' dependencies and turning a failure into the error shape. */
import type { ApiError } from "../core/errors.js";
import type { Result } from "../core/result.js";
import type { PartiesDeps } from "../parties/index.js";
import type { AppInstance } from "./types.js";

export function partiesDepsOf(app: AppInstance): PartiesDeps {
  return { database: app.deps.database, clock: app.deps.clock };
}

/** The value of a use case's result; its failure is thrown to the error handler as is. */
export function unwrap<T>(result: Result<T, ApiError>): T {
  if (!result.ok) throw result.error;
  return result.value;
}
