/** Who may see and change meters: a merchant its own; finance and admin operators any (support reads). */
import type { Principal } from "../core/principal.js";
import type { Meter } from "./types.js";

export function maySeeMeter(actor: Principal, m: Meter): boolean {
  if (actor.type === "merchant") return actor.id === m.merchantId;
  return actor.type === "operator";
}

export function mayManageMeter(actor: Principal, m: Meter): boolean {
  if (actor.type === "merchant") return actor.id === m.merchantId;
  return actor.type === "operator" && (actor.role === "admin" || actor.role === "finance");
}
