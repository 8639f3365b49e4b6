/** Reads and guarded writes of plans, subscriptions and postings. */
import type { Kysely } from "kysely";
import type { Database, Tables } from "../store/index.js";
import { planFromRow, postingFromRow, postingToRow, subscriptionFromRow } from "./rows.js";
import type { BillingPosting, Plan, PostingKind, PostingStatus, Subscription } from "./types.js";

export async function findPlan(db: Kysely<Tables>, id: string): Promise<Plan | undefined> {
  const row = await db.selectFrom("plans").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : planFromRow(row);
}

export async function findSubscription(db: Kysely<Tables>, id: string): Promise<Subscription | undefined> {
  const row = await db.selectFrom("subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : subscriptionFromRow(row);
}

export async function findSubscriptionByKey(db: Kysely<Tables>, agentId: string, key: string): Promise<Subscription | undefined> {
  const row = await db
    .selectFrom("subscriptions")
    .selectAll()
    .where("agent_id", "=", agentId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return row === undefined ? undefined : subscriptionFromRow(row);
}

/**
 * The subscription inside a write transaction, locked against the other writers of its residual
 * and period: on PostgreSQL a row lock; on SQLite the process write lock the transaction holds.
 */
export async function lockSubscription(database: Database, trx: Kysely<Tables>, id: string): Promise<Subscription> {
  const query = trx.selectFrom("subscriptions").selectAll().where("id", "=", id);
  const row = await (database.engine === "postgres" ? query.forUpdate() : query).executeTakeFirstOrThrow();
  return subscriptionFromRow(row);
}

export async function findPosting(db: Kysely<Tables>, id: string): Promise<BillingPosting | undefined> {
  const row = await db.selectFrom("billing_postings").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : postingFromRow(row);
}

/** The posting of a given kind and period (credits excepted: a period may have several). */
export async function periodPosting(
  db: Kysely<Tables>,
  subscriptionId: string,
  kind: Exclude<PostingKind, "credit">,
  periodNumber: number,
): Promise<BillingPosting | undefined> {
  const row = await db
    .selectFrom("billing_postings")
    .selectAll()
    .where("subscription_id", "=", subscriptionId)
    .where("kind", "=", kind)
    .where("period_number", "=", BigInt(periodNumber))
    .executeTakeFirst();
  return row === undefined ? undefined : postingFromRow(row);
}

export async function postingsWithStatus(
  db: Kysely<Tables>,
  subscriptionId: string,
  statuses: readonly PostingStatus[],
): Promise<BillingPosting[]> {
  const rows = await db
    .selectFrom("billing_postings")
    .selectAll()
    .where("subscription_id", "=", subscriptionId)
    .where("status", "in", [...statuses])
    .orderBy("id")
    .execute();
  return rows.map(postingFromRow);
}

export async function insertPosting(trx: Kysely<Tables>, p: BillingPosting): Promise<void> {
  await trx.insertInto("billing_postings").values(postingToRow(p)).execute();
}

/** Replaces a posting's state if it is still in `from`; false when another writer moved it first. */
export async function movePosting(trx: Kysely<Tables>, next: BillingPosting, from: readonly PostingStatus[]): Promise<boolean> {
  const { id, ...set } = postingToRow(next);
  const result = await trx.updateTable("billing_postings").set(set).where("id", "=", id).where("status", "in", [...from]).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A payment of a subscription, as settlement reads it (the payments module owns the row). */
export interface HoldView {
  readonly id: string;
  readonly purpose: string;
  readonly status: string;
  readonly amount: bigint;
  readonly amountCaptured: bigint;
  readonly amountRefunded: bigint;
  readonly holdExpiresAtMs: number | null;
  readonly createdAtMs: number;
}

/**
 * The payments made for one posting (its order reference): a period's holds and top-ups, or an
 * arrears charge. The period's first hold comes first, then top-ups in the order placed.
 */
export async function paymentsOfPosting(db: Kysely<Tables>, subscriptionId: string, postingId: string): Promise<HoldView[]> {
  const rows = await db
    .selectFrom("payments")
    .select(["id", "purpose", "status", "amount", "amount_captured", "amount_refunded", "hold_expires_at", "created_at"])
    .where("subscription_id", "=", subscriptionId)
    .where("order_reference", "=", postingId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const views = rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    status: r.status,
    amount: r.amount,
    amountCaptured: r.amount_captured,
    amountRefunded: r.amount_refunded,
    holdExpiresAtMs: r.hold_expires_at === null ? null : Number(r.hold_expires_at),
    createdAtMs: Number(r.created_at),
  }));
  return [...views.filter((v) => v.purpose === "subscription"), ...views.filter((v) => v.purpose !== "subscription")];
}
