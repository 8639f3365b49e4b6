import { recordAudit } from "../audit/index.js";
import { ApiError } from "../core/errors.js";
import { err, ok, type Result } from "../core/result.js";
import { denied, notFound, USER_ADMIN_FIELDS, userWriteAccess } from "./policy.js";
import { changesOf, userRow } from "./rows.js";
import { findUser } from "./store.js";
import type { Actor, Metadata, PartiesDeps, User, UserStatus } from "./types.js";

export interface UpdateUserInput {
  readonly name?: string;
  readonly email?: string | null;
  readonly kycLevel?: number;
  readonly residencyRegion?: string;
  readonly timezone?: string;
  readonly status?: UserStatus;
  /** Replaces the whole metadata object. */
  readonly metadata?: Metadata;
}

const WIRE_NAMES = {
  name: "name",
  email: "email",
  kycLevel: "kyc_level",
  residencyRegion: "residency_region",
  timezone: "timezone",
  status: "status",
  metadata: "metadata",
} as const;

/** A user edits its own profile; an admin may also change KYC level, residency and status. */
export async function updateUser(
  deps: PartiesDeps,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<Result<User, ApiError>> {
  const access = userWriteAccess(actor.principal, id, false);
  if (access !== "allow") return denied(access, "user", id, "id");
  const adminField = USER_ADMIN_FIELDS.find((f) => input[f] !== undefined);
  if (adminField !== undefined && userWriteAccess(actor.principal, id, true) !== "allow") {
    const wire = WIRE_NAMES[adminField];
    return err(new ApiError("forbidden", `Only an admin operator may change ${wire}.`, wire));
  }
  return deps.database.transaction(async (trx): Promise<Result<User, ApiError>> => {
    const before = await findUser(trx, id, deps.database.engine);
    if (before === undefined) return err(notFound("user", id, "id"));
    const after: User = { ...before, ...input };
    const { changed, values } = changesOf(before, after, WIRE_NAMES, ["kycLevel", "residencyRegion", "status"]);
    if (changed.length === 0) return ok(before);
    await trx.updateTable("users").set(userRow(after)).where("id", "=", id).execute();
    await recordAudit(
      trx,
      {
        actor: actor.principal,
        action: "user.updated",
        objectType: "user",
        objectId: id,
        userId: id,
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
