import { recordAudit } from "../audit/index.js";
import type { ApiError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { OperatorRole } from "../core/principal.js";
import { ok, type Result } from "../core/result.js";
import { adminAccess, denied } from "./policy.js";
import { operatorRow } from "./rows.js";
import type { Actor, Operator, OperatorId, PartiesDeps } from "./types.js";

export interface CreateOperatorInput {
  readonly name: string;
  readonly role: OperatorRole;
}

/** An admin adds an operator with one role; the operator then gets a key from an admin. */
export async function createOperator(
  deps: PartiesDeps,
  actor: Actor,
  input: CreateOperatorInput,
): Promise<Result<Operator, ApiError>> {
  const access = adminAccess(actor.principal);
  if (access !== "allow") return denied(access, "operator", "");
  const operator: Operator = { id: newId("opr") as OperatorId, ...input, createdAtMs: deps.clock.nowMs() };
  await deps.database.transaction(async (trx) => {
    await trx.insertInto("operators").values(operatorRow(operator)).execute();
    await recordAudit(
      trx,
      {
        actor: actor.principal,
        action: "operator.created",
        objectType: "operator",
        objectId: operator.id,
        requestId: actor.requestId,
        data: { role: operator.role },
      },
      operator.createdAtMs,
    );
  });
  return ok(operator);
}
