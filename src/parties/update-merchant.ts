import { recordAudit } from "../audit/index.js";
import type { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { denied, merchantWriteAccess, notFound } from "./policy.js";
import { taxSettingsError } from "./create-merchant.js";
import { changesOf, merchantRow } from "./rows.js";
import { findMerchant } from "./store.js";
import type { Actor, Merchant, MerchantStatus, Metadata, PartiesDeps } from "./types.js";

export interface UpdateMerchantInput {
  readonly legalName?: string;
  readonly country?: string;
  readonly taxId?: string | null;
  readonly category?: string;
  readonly feeBps?: number | null;
  /** Tax on the merchant's invoices; null = not subject to VAT. Needs a tax id. */
  readonly taxRateBps?: number | null;
  /** Prefix of new invoice numbers; null = derived from the merchant id. The sequence carries on. */
  readonly invoicePrefix?: string | null;
  readonly status?: MerchantStatus;
  /** Replaces the whole metadata object. */
  readonly metadata?: Metadata;
}

const WIRE_NAMES = {
  legalName: "legal_name",
  country: "country",
  taxId: "tax_id",
  category: "category",
  feeBps: "fee_bps",
  taxRateBps: "tax_rate_bps",
  invoicePrefix: "invoice_prefix",
  status: "status",
  metadata: "metadata",
} as const;

/** An admin edits a merchant's business data, fee override, tax settings or status. */
export async function updateMerchant(
  deps: PartiesDeps,
  actor: Actor,
  id: string,
  input: UpdateMerchantInput,
): Promise<Result<Merchant, ApiError>> {
  const access = merchantWriteAccess(actor.principal, id);
  if (access !== "allow") return denied(access, "merchant", id, "id");
  return deps.database.transaction(async (trx): Promise<Result<Merchant, ApiError>> => {
    const before = await findMerchant(trx, id, deps.database.engine);
    if (before === undefined) return err(notFound("merchant", id, "id"));
    const after: Merchant = { ...before, ...input };
    const taxTouched = input.taxRateBps !== undefined || input.taxId !== undefined;
    const invalid = taxTouched ? taxSettingsError(after) : null;
    if (invalid !== null) return err(invalid);
    const logged = ["legalName", "country", "taxId", "category", "feeBps", "taxRateBps", "invoicePrefix", "status"] as const;
    const { changed, values } = changesOf(before, after, WIRE_NAMES, logged);
    if (changed.length === 0) return ok(before);
    await trx.updateTable("merchants").set(merchantRow(after)).where("id", "=", id).execute();
    await recordAudit(
      trx,
      {
        actor: actor.principal,
        action: "merchant.updated",
        objectType: "merchant",
        objectId: id,
        beforeStatus: before.status,
        afterStatus: after.status,
        requestId: actor.requestId,
        data: { changed, ...values },
      },
      deps.clock.nowMs(),
    );
    return ok(after);
  });
}
