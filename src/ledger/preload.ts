import type { LedgerOp } from "./plan.js";
import { TransferFlag } from "./types.js";

/**
 * Transfers a batch must read authoritatively before planning: every hold that is posted,
 * voided or expired, and the ids of the post/void transfers themselves (a retried post must
 * answer `exists`, not `pending_transfer_already_posted`).
 */
export function preloadIds(ops: readonly LedgerOp[]): Set<string> {
  const ids = new Set<string>();
  const twoPhase = TransferFlag.postPendingTransfer | TransferFlag.voidPendingTransfer;
  for (const op of ops) {
    if (op.kind === "expire") {
      for (const id of op.pendingIds) ids.add(id);
      continue;
    }
    for (const t of op.transfers) {
      if ((t.flags & twoPhase) === 0 || t.pendingId === null) continue;
      ids.add(t.pendingId);
      ids.add(t.id);
    }
  }
  return ids;
}
