import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { err, ok, type Result } from "../core/result.js";
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

/**
 * A merchant that charges VAT (any rate, zero included) must state its VAT id: EN 16931 wants
 * the seller's VAT identifier on every invoice with a standard, zero or reverse-charge line
 * (BR-S-02, BR-Z-02, BR-AE-02). A merchant without a rate is not subject to VAT.
 */
export function taxSettingsError(m: { readonly taxRateBps: number | null; readonly taxId: string | null }): ApiError | null {
  if (m.taxRateBps === null || m.taxId !== null) return null;
  return new ApiError("validation_error", "tax_rate_bps needs the merchant's VAT id in tax_id (invoices must show it).", "tax_rate_bps");
}

/** An admin onboards a merchant. Its settlement account opens per currency on first use. */
export async function createMerchant(
  deps: PartiesDeps,
  actor: Actor,
  input: CreateMerchantInput,
): Promise<Result<Merchant, ApiError>> {
  const access = adminAccess(actor.principal);
  if (access !== "allow") return denied(access, "merchant", "");
  const invalid = taxSettingsError({ taxRateBps: input.taxRateBps ?? null, taxId: input.taxId });
  if (invalid !== null) return err(invalid);
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
        data: {
          country: merchant.country,
          category: merchant.category,
          fee_bps: merchant.feeBps,
          tax_rate_bps: merchant.taxRateBps,
          invoice_prefix: merchant.invoicePrefix,
        },
      },
      merchant.createdAtMs,
    );
  });
  return ok(merchant);
}
