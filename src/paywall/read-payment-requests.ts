import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import type { PaymentDeps } from "../payments/index.js";
import type { Database } from "../store/index.js";
import { requestFromRow } from "./rows.js";
import type { PaymentRequest } from "./types.js";

export async function findPaymentRequest(database: Database, id: string): Promise<PaymentRequest | undefined> {
  const row = await database.db.selectFrom("payment_requests").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : requestFromRow(row);
}

/**
 * Its merchant, operators, and the agent paying or having paid it. Other agents pay a request
 * by presenting its JWS (which they got from the merchant), never by looking it up, so they
 * get 404 here like everyone else: ids are not a way to discover other merchants' prices.
 */
export function maySeeRequest(actor: Principal, r: PaymentRequest): boolean {
  switch (actor.type) {
    case "operator":
      return true;
    case "merchant":
      return r.merchantId === actor.id;
    case "agent":
      return r.payerAgentId === actor.id;
    case "user":
      return false;
  }
}

export async function getPaymentRequest(deps: PaymentDeps, actor: Principal, id: string): Promise<Result<PaymentRequest, ApiError>> {
  const r = await findPaymentRequest(deps.database, id);
  if (r === undefined || !maySeeRequest(actor, r)) return err(new ApiError("not_found", `No payment request '${id}'.`, "id"));
  return ok(r);
}
