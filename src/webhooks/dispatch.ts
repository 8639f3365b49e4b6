/**
 * The audit trail is the outbox. Every state change already writes its audit event in the
 * transaction of the change, so an event exists exactly when its change committed, and the
 * payment path does no extra work for webhooks — with or without subscribers. This dispatcher
 * reads new audit events in `seq` order (see gaps.ts for commits that land out of order) and
 * turns those in the catalog into one delivery row per subscribed endpoint.
 *
 * One pass reads outside any transaction (audit events never change), then in one short
 * transaction locks the cursor row, checks that no other pass moved it meanwhile, writes the
 * deliveries and moves the cursor. On PostgreSQL the lock is `FOR UPDATE SKIP LOCKED`, so when
 * several AgentPay processes share the database one dispatches and the others skip; the unique
 * (endpoint, event) index makes a duplicate delivery impossible even so.
 */
import type { Kysely, Selectable } from "kysely";
import { newId } from "../core/ids.js";
import type { AuditEventRow as StoredAuditEvent, Tables, WebhookDispatchCursorRow } from "../store/index.js";
import { isWebhookEventType, type Owners, renderEvent, routeOf, type WebhookEventType } from "./events.js";
import { advance, fill, formatGaps, type GapRange, parseGaps, prune } from "./gaps.js";
import { GAP_RANGES_MAX } from "./settings.js";
import type { WebhookDeps } from "./types.js";

type AuditEventRow = Selectable<StoredAuditEvent>;

export const CURSOR_NAME = "audit";
/** Gap ranges looked up per query. */
const GAP_QUERY_RANGES_MAX = 100;
/** Delivery rows per INSERT statement (bounded by the engines' parameter limits). */
const INSERT_ROWS_MAX = 100;

interface Candidate {
  readonly row: AuditEventRow;
  readonly type: WebhookEventType;
  readonly owners: Owners;
}

export interface DispatchPass {
  /** Audit events read past the cursor: a full batch means there may be more. */
  readonly read: number;
  readonly created: number;
}

/**
 * One pass over at most `dispatchBatchMax` new events and the open gaps. While no endpoint is
 * enabled anywhere, a pass reads only sequence numbers: the cursor moves on, nothing else is done.
 */
export async function dispatchEvents(deps: WebhookDeps): Promise<DispatchPass> {
  const db = deps.database.db;
  const cursor = await db.selectFrom("webhook_dispatch_cursor").selectAll().where("name", "=", CURSOR_NAME).executeTakeFirstOrThrow();
  const nowMs = deps.clock.nowMs();
  const gaps = parseGaps(cursor.gaps);
  const subscribed = await anySubscriber(db);
  const fresh = await readEvents(db, cursor.next_seq, deps.settings.dispatchBatchMax, subscribed);
  const found = await gapEvents(db, gaps, subscribed);
  const moved = advance(Number(cursor.next_seq), fresh.seqs, nowMs);
  const nextGaps = prune([...fill(gaps, found.seqs), ...moved.gaps], nowMs, deps.settings.gapGraceMs, GAP_RANGES_MAX);
  const nextGapsText = formatGaps(nextGaps);
  if (fresh.seqs.length === 0 && found.seqs.length === 0 && nextGapsText === cursor.gaps) return { read: 0, created: 0 };
  const candidates = await candidatesOf(db, [...found.rows, ...fresh.rows]);
  const created = await deps.database.transaction(async (trx) => {
    if (!(await lockUnchanged(trx, deps, cursor))) return null;
    // An endpoint was registered since the check: read the events in full on the next pass.
    if (!subscribed && (await anySubscriber(trx))) return null;
    const n = await insertDeliveries(trx, candidates, nowMs);
    await trx
      .updateTable("webhook_dispatch_cursor")
      .set({ next_seq: BigInt(moved.next), gaps: nextGapsText, updated_at: BigInt(nowMs) })
      .where("name", "=", CURSOR_NAME)
      .execute();
    return n;
  });
  return created === null ? { read: 0, created: 0 } : { read: fresh.seqs.length, created };
}

async function anySubscriber(db: Kysely<Tables>): Promise<boolean> {
  return (await db.selectFrom("webhook_endpoints").select("id").where("status", "!=", "disabled").limit(1).executeTakeFirst()) !== undefined;
}

/** Events read: their sequence numbers, and the rows themselves when someone may subscribe. */
interface Read {
  readonly seqs: number[];
  readonly rows: AuditEventRow[];
}

async function readEvents(db: Kysely<Tables>, from: bigint, limit: number, full: boolean): Promise<Read> {
  const q = db.selectFrom("audit_events").where("seq", ">=", from).orderBy("seq").limit(limit);
  if (!full) return { seqs: (await q.select("seq").execute()).map((r) => Number(r.seq)), rows: [] };
  const rows = await q.selectAll().execute();
  return { seqs: rows.map((r) => Number(r.seq)), rows };
}

/** Locks the cursor (skipping if another process holds it) and checks no pass moved it since it was read. */
async function lockUnchanged(trx: Kysely<Tables>, deps: WebhookDeps, read: WebhookDispatchCursorRow): Promise<boolean> {
  const q = trx.selectFrom("webhook_dispatch_cursor").selectAll().where("name", "=", CURSOR_NAME);
  const now = await (deps.database.engine === "postgres" ? q.forUpdate().skipLocked() : q).executeTakeFirst();
  return now !== undefined && now.next_seq === read.next_seq && now.gaps === read.gaps;
}

async function gapEvents(db: Kysely<Tables>, gaps: readonly GapRange[], full: boolean): Promise<Read> {
  const read: Read = { seqs: [], rows: [] };
  for (let i = 0; i < gaps.length; i += GAP_QUERY_RANGES_MAX) {
    const chunk = gaps.slice(i, i + GAP_QUERY_RANGES_MAX);
    const q = db
      .selectFrom("audit_events")
      .where((eb) => eb.or(chunk.map((g) => eb.between("seq", BigInt(g.from), BigInt(g.to)))))
      .orderBy("seq");
    if (full) {
      const rows = await q.selectAll().execute();
      read.rows.push(...rows);
      read.seqs.push(...rows.map((r) => Number(r.seq)));
    } else {
      read.seqs.push(...(await q.select("seq").execute()).map((r) => Number(r.seq)));
    }
  }
  return read;
}

/** The catalog events among `rows`, each with the parties it concerns. */
async function candidatesOf(db: Kysely<Tables>, rows: readonly AuditEventRow[]): Promise<Candidate[]> {
  const typed = rows.flatMap((row) => (isWebhookEventType(row.action) ? [{ row, type: row.action }] : []));
  if (typed.length === 0) return [];
  const paymentIds = typed.filter((e) => routeOf(e.type) === "payment").map((e) => e.row.payment_id ?? e.row.object_id);
  const fundingIds = typed.filter((e) => routeOf(e.type) === "funding").map((e) => e.row.object_id);
  const payments = new Map(
    paymentIds.length === 0
      ? []
      : (await db.selectFrom("payments").select(["id", "user_id", "merchant_id"]).where("id", "in", unique(paymentIds)).execute()).map(
          (p) => [p.id, p] as const,
        ),
  );
  const funding = new Map(
    fundingIds.length === 0
      ? []
      : (await db.selectFrom("funding_transfers").select(["id", "party_id"]).where("id", "in", unique(fundingIds)).execute()).map(
          (f) => [f.id, f.party_id] as const,
        ),
  );
  return typed.map(({ row, type }) => {
    switch (routeOf(type)) {
      case "payment": {
        const p = payments.get(row.payment_id ?? row.object_id);
        return { row, type, owners: { userId: p?.user_id ?? row.user_id, merchantId: p?.merchant_id ?? null } };
      }
      case "funding": {
        const party = funding.get(row.object_id) ?? row.user_id;
        return { row, type, owners: { userId: party?.startsWith("usr_") ? party : null, merchantId: party?.startsWith("mer_") ? party : null } };
      }
      case "user":
        return { row, type, owners: { userId: row.user_id, merchantId: null } };
      case "billing": {
        const merchantId = row.data === null ? undefined : (JSON.parse(row.data) as { merchant_id?: unknown }).merchant_id;
        return { row, type, owners: { userId: row.user_id, merchantId: typeof merchantId === "string" ? merchantId : null } };
      }
    }
  });
}

/**
 * A delivery per (event, endpoint) where the endpoint belongs to a party of the event, is not
 * disabled, subscribes to the type, and existed when the event happened.
 */
async function insertDeliveries(trx: Kysely<Tables>, candidates: readonly Candidate[], nowMs: number): Promise<number> {
  const ownerIds = unique(candidates.flatMap((c) => [c.owners.userId, c.owners.merchantId].filter((id): id is string => id !== null)));
  if (ownerIds.length === 0) return 0;
  const endpoints = await trx
    .selectFrom("webhook_endpoints")
    .select(["id", "owner_id", "enabled_events", "created_at"])
    .where("owner_id", "in", ownerIds)
    .where("status", "!=", "disabled")
    .execute();
  if (endpoints.length === 0) return 0;
  const filters = new Map(endpoints.map((e) => [e.id, new Set(JSON.parse(e.enabled_events) as string[])]));
  const rows = candidates.flatMap((c) => {
    const payload = JSON.stringify(renderEvent(c.row, c.type, c.owners));
    return endpoints
      .filter((e) => (e.owner_id === c.owners.userId || e.owner_id === c.owners.merchantId) && e.created_at <= c.row.occurred_at)
      .filter((e) => filters.get(e.id)!.has("*") || filters.get(e.id)!.has(c.type))
      .map((e) => ({
        id: newId("whd"),
        endpoint_id: e.id,
        event_id: c.row.id,
        event_seq: c.row.seq,
        event_type: c.type,
        payload,
        status: "pending",
        attempts: 0n,
        next_attempt_at: BigInt(nowMs),
        last_attempt_at: null,
        last_response_status: null,
        last_error: null,
        created_at: BigInt(nowMs),
        updated_at: BigInt(nowMs),
      }));
  });
  let created = 0;
  for (let i = 0; i < rows.length; i += INSERT_ROWS_MAX) {
    const result = await trx
      .insertInto("webhook_deliveries")
      .values(rows.slice(i, i + INSERT_ROWS_MAX))
      .onConflict((oc) => oc.columns(["endpoint_id", "event_id"]).doNothing())
      .executeTakeFirst();
    created += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return created;
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
