/**
 * Moves a posting along as far as it can go now: reserving → open; closed → billing → settled,
 * uncollectible or requires_confirmation; credits → settled. Each step is idempotent and
 * guarded by the status it starts from, so the worker, a retried request and another process
 * may all push the same posting: each step happens once.
 */
import type { ApiError } from "../core/errors.js";
import { ok, type Result } from "../core/result.js";
import { collectPosting } from "./collect-posting.js";
import { payCredit } from "./credit.js";
import type { SubscriptionDeps } from "./deps.js";
import { freezePosting } from "./freeze-posting.js";
import { POSTING_STEPS_MAX } from "./limits.js";
import { placeHold } from "./place-hold.js";
import { findPosting } from "./store.js";

export async function advancePosting(deps: SubscriptionDeps, postingId: string): Promise<Result<boolean, ApiError>> {
  let moved = false;
  for (let step = 0; step < POSTING_STEPS_MAX; step++) {
    const p = await findPosting(deps.database.db, postingId);
    if (p === undefined) return ok(moved);
    let result: Result<boolean, ApiError>;
    if (p.kind === "credit") result = p.status === "billing" ? await payCredit(deps, p) : ok(false);
    else if (p.status === "reserving") result = await placeHold(deps, p);
    else if (p.status === "closed") result = await freezePosting(deps, p.id);
    else if (p.status === "billing" || p.status === "requires_confirmation") result = await collectPosting(deps, p);
    else result = ok(false);
    if (!result.ok) return result;
    if (!result.value) return ok(moved);
    moved = true;
  }
  return ok(moved);
}
