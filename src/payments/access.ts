/**
 * Who may see and act on a payment. Anyone who may not see it gets 404, exactly as if it did
 * not exist.
 */
import type { Principal } from "../core/principal.js";
import type { Payment } from "./types.js";

export function maySeePayment(actor: Principal, p: Payment): boolean {
  switch (actor.type) {
    case "operator":
      return true;
    case "user":
      return p.userId === actor.id;
    case "agent":
      return p.agentId === actor.id;
    case "merchant":
      return p.merchantId === actor.id;
  }
}

/** Capture and refund are the merchant's (or finance's) business, never the payer's. */
export function mayCollect(actor: Principal, p: Payment): boolean {
  if (actor.type === "merchant") return actor.id === p.merchantId;
  return actor.type === "operator" && (actor.role === "admin" || actor.role === "finance");
}
