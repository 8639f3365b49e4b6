/** Reads of payments, approvals and refunds. */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { ReadBatcher } from "../core/read-batcher.js";
import type { Database, PaymentRow } from "../store/index.js";
import { approvalFromRow, paymentFromRow, refundFromRow } from "./rows.js";
import type { Approval, Payment, Refund } from "./types.js";

export async function findPayment(database: Database, id: string): Promise<Payment | undefined> {
  const row = await database.db.selectFrom("payments").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : paymentFromRow(row);
}

/** Per database, the lookups of payments by (agent, idempotency key) asked for in one turn. */
const byKeyReads = new WeakMap<Database, ReadBatcher<PaymentRow>>();

/**
 * Every payment request starts with this lookup, so concurrent ones share one query (see
 * ReadBatcher: nothing is cached). Batch keys are `<agent id>\n<idempotency key>`: agent ids hold
 * no line feed.
 */
export async function findPaymentByKey(database: Database, agentId: string, key: string): Promise<Payment | undefined> {
  let reads = byKeyReads.get(database);
  if (reads === undefined) byKeyReads.set(database, (reads = new ReadBatcher((keys) => paymentsByKeys(database, keys))));
  const row = await reads.load(`${agentId}\n${key}`);
  return row === undefined ? undefined : paymentFromRow(row);
}

async function paymentsByKeys(database: Database, keys: readonly string[]): Promise<Map<string, PaymentRow>> {
  const pairs = keys.map((k) => {
    const split = k.indexOf("\n");
    return sql`(${k.slice(0, split)}, ${k.slice(split + 1)})`;
  });
  const rows = await database.db
    .selectFrom("payments")
    .selectAll()
    .where(sql<boolean>`(agent_id, idempotency_key) IN (VALUES ${sql.join(pairs)})`)
    .execute();
  return new Map(rows.map((r) => [`${r.agent_id}\n${r.idempotency_key}`, r]));
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
