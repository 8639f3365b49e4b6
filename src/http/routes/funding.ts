import { z } from "zod";
import { ApiError } from "../../core/errors.js";
import { moveFunds, SANDBOX_SOURCES } from "../../funding/index.js";
import { MANDATE_AMOUNT_MAX } from "../../mandates/index.js";
import { findMerchant, findUser } from "../../parties/index.js";
import { isCurrency } from "../../money/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { unwrap } from "../context.js";
import { requireIdempotencyKey } from "../idempotency.js";
import type { AppInstance } from "../types.js";

const fundingObject = z.object({
  id: z.string(),
  object: z.enum(["topup", "payout"]),
  party_id: z.string(),
  amount: z.int(),
  currency: z.string(),
  connector: z.string(),
  status: z.enum(["succeeded", "failed"]),
  failure_code: z.string().nullable(),
  created: z.int(),
});

const body = (party: "user_id" | "merchant_id") =>
  z.strictObject({
    [party]: z.string().min(1).max(64).optional(),
    amount: z.int().min(1).max(MANDATE_AMOUNT_MAX),
    currency: z.string().refine(isCurrency, { message: "must be an ISO 4217 currency code in upper case" }),
    source: z.enum(SANDBOX_SOURCES).default("sandbox_ok").describe("The funding instrument; the sandbox connector's outcomes."),
  });

export function fundingRoutes(app: AppInstance): void {
  for (const kind of ["topup", "payout"] as const) {
    const party = kind === "topup" ? "user_id" : "merchant_id";
    app.post(
      kind === "topup" ? "/v1/topups" : "/v1/payouts",
      {
        onRequest: requireAccess({
          scope: "funding:write",
          types: kind === "topup" ? ["user", "operator"] : ["merchant", "operator"],
          operatorRoles: ["admin", "finance"],
        }),
        schema: {
          summary: kind === "topup" ? "Top up a wallet through the funding connector" : "Pay out a merchant's balance",
          description: `Requires an Idempotency-Key. Operators name the ${party}; users and merchants act on their own account.`,
          tags: ["funding"],
          body: body(party),
          response: { 200: fundingObject },
        },
      },
      async (request) => {
        const { principal, requestId } = callerOf(request);
        const key = requireIdempotencyKey(request);
        const b = request.body as { amount: number; currency: string; source: string } & Record<string, string | undefined>;
        const partyId = principal.type === "operator" ? b[party] : principal.id;
        if (partyId === undefined) throw new ApiError("validation_error", `An operator must name the ${party}.`, party);
        if (principal.type !== "operator" && b[party] !== undefined && b[party] !== principal.id) {
          throw new ApiError("not_found", `No ${party === "user_id" ? "user" : "merchant"} '${b[party]}' of yours.`, party);
        }
        // An operator names the party: money must not flow into (or out of) an account of nobody.
        const found = kind === "topup" ? await findUser(app.deps.database.db, partyId) : await findMerchant(app.deps.database.db, partyId);
        if (found === undefined) throw new ApiError("not_found", `No ${party === "user_id" ? "user" : "merchant"} '${partyId}'.`, party);
        const input = { partyId, amount: BigInt(b.amount), currency: b.currency, source: b.source };
        const move = unwrap(await moveFunds(app.deps.funding, principal, kind, input, key, requestId));
        return {
          id: move.id,
          object: move.kind,
          party_id: move.partyId,
          amount: Number(move.amount),
          currency: move.currency,
          connector: move.connector,
          status: move.status,
          failure_code: move.failureCode,
          created: Math.floor(move.createdAtMs / 1000),
        };
      },
    );
  }
}
