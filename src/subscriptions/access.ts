/**
 * Who may see and act on plans, subscriptions and postings. Anyone who may not see an object
 * gets 404, exactly as if it did not exist.
 */
import type { Principal } from "../core/principal.js";
import type { BillingPosting, Plan, Subscription } from "./types.js";

/** A merchant sees its own plans; payers see active plans (they subscribe to them); operators all. */
export function maySeePlan(actor: Principal, p: Plan): boolean {
  switch (actor.type) {
    case "operator":
      return true;
    case "merchant":
      return p.merchantId === actor.id;
    case "agent":
    case "user":
      return p.status === "active";
  }
}

/** Renaming or archiving: the plan's merchant, or an admin or finance operator. */
export function mayManagePlan(actor: Principal, p: Plan): boolean {
  if (actor.type === "merchant") return actor.id === p.merchantId;
  return actor.type === "operator" && (actor.role === "admin" || actor.role === "finance");
}

/** An agent sees the subscriptions it made, a user theirs, a merchant those to its plans; operators all. */
export function maySeeSubscription(actor: Principal, s: Subscription): boolean {
  switch (actor.type) {
    case "operator":
      return true;
    case "user":
      return s.userId === actor.id;
    case "agent":
      return s.agentId === actor.id;
    case "merchant":
      return s.merchantId === actor.id;
  }
}

/** Cancelling: its agent, its user, its merchant, or an admin operator. */
export function mayCancel(actor: Principal, s: Subscription): boolean {
  return actor.type === "operator" ? actor.role === "admin" : maySeeSubscription(actor, s);
}

/** Topping up a reservation spends the user's money: only the payer's side. */
export function mayTopUp(actor: Principal, s: Subscription): boolean {
  return (actor.type === "agent" || actor.type === "user") && maySeeSubscription(actor, s);
}

/** A posting is visible to whoever sees its subscription. */
export function maySeePosting(actor: Principal, p: BillingPosting, s: Subscription): boolean {
  return p.subscriptionId === s.id && maySeeSubscription(actor, s);
}
