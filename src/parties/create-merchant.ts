import { recordAudit } from "../audit/index.js";
import type { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { ok, type Result } from "../core/result.js";
import { adminAccess, denied } from "./policy.js";
import { merchantRow } from "./rows.js";
import type { Actor, Merchant, MerchantId, Metadata, PartiesDeps } from "./types.js";

export interface CreateMerchantInput {
  readonly legalName: string;
  readonly country: string;
  readonly taxId: string | null;
  readonly category: string;
  readonly feeBps: number | null;
  readonly taxRateBps?: number | null;
  readonly invoicePrefix?: string | null;
  readonly metadata: Metadata;
}

/** An admin onboards a merchant. Its settlement account opens per currency on first use. */
export async function createMerchant(
  deps: PartiesDeps,
  actor: Actor,
  input: CreateMerchantInput,
): Promise<Result<Merchant, ApiError>> {
  const access = adminAccess(actor.principal);
  if (access !== "allow") return denied(access, "merchant", "");
  const merchant: Merchant = {
    id: newId("mer") as MerchantId,
    ...input,
    taxRateBps: input.taxRateBps ?? null,
    invoicePrefix: input.invoicePrefix ?? null,
    status: "active",
    createdAtMs: deps.clock.nowMs(),
  };
  await deps.database.transaction(async (trx) => {
    await trx.insertInto("merchants").values(merchantRow(merchant)).execute();
    await recordAudit(
      trx,
      {
        actor: actor.principal,
        action: "merchant.created",
        objectType: "merchant",
        objectId: merchant.id,
        afterStatus: merchant.status,
        requestId: actor.requestId,
        data: { country: merchant.country, category: merchant.category, fee_bps: merchant.feeBps },
      },
      merchant.createdAtMs,
    );
  });
  return ok(merchant);
}
