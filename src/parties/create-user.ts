import { recordAudit } from "../audit/index.js";
import type { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { ok, type Result } from "../core/result.js";
import { adminAccess, denied } from "./policy.js";
import { userRow } from "./rows.js";
import type { Actor, Metadata, PartiesDeps, User, UserId } from "./types.js";

export interface CreateUserInput {
  readonly name: string;
  readonly email: string | null;
  readonly kycLevel: number;
  readonly residencyRegion: string;
  readonly timezone: string;
  readonly metadata: Metadata;
}

/** An admin registers a user. No ledger account yet: wallets open per currency on first use. */
export async function createUser(deps: PartiesDeps, actor: Actor, input: CreateUserInput): Promise<Result<User, ApiError>> {
  const access = adminAccess(actor.principal);
  if (access !== "allow") return denied(access, "user", "");
  const user: User = { id: newId("usr") as UserId, ...input, status: "active", createdAtMs: deps.clock.nowMs() };
  await deps.database.transaction(async (trx) => {
    await trx.insertInto("users").values(userRow(user)).execute();
    await recordAudit(
      trx,
      {
        actor: actor.principal,
        action: "user.created",
        objectType: "user",
        objectId: user.id,
        userId: user.id,
        afterStatus: user.status,
        requestId: actor.requestId,
        data: { kyc_level: user.kycLevel, residency_region: user.residencyRegion },
      },
      user.createdAtMs,
    );
  });
  return ok(user);
}
