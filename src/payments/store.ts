/** Reads of payments, approvals and refunds. */
import { createHash } from "node:crypto";
import type { Database } from "../store/index.js";
import { approvalFromRow, paymentFromRow, refundFromRow } from "./rows.js";
import type { Approval, Payment, Refund } from "./types.js";

export async function findPayment(database: Database, id: string): Promise<Payment | undefined> {
  const row = await database.db.selectFrom("payments").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : paymentFromRow(row);
}

export async function findPaymentByKey(database: Database, agentId: string, key: string): Promise<Payment | undefined> {
  const row = await database.db
    .selectFrom("payments")
    .selectAll()
    .where("agent_id", "=", agentId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return row === undefined ? undefined : paymentFromRow(row);
}

export async function findApproval(database: Database, id: string): Promise<Approval | undefined> {
  const row = await database.db.selectFrom("approvals").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : approvalFromRow(row);
}

export async function refundsOf(database: Database, paymentId: string): Promise<Refund[]> {
  const rows = await database.db.selectFrom("refunds").selectAll().where("payment_id", "=", paymentId).orderBy("id").execute();
  return rows.map(refundFromRow);
}

/**
 * The prefix of every ledger transfer of a payment. It derives from the agent and its
 * idempotency key, not from the payment id, so that two processes racing on one request
 * submit the same transfer ids and the ledger lets only one of them move money.
 */
export function ledgerBase(agentId: string, idempotencyKey: string): string {
  return `pk:${agentId}:${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}`;
}
