/**
 * Reads of the party tables. Lists are newest first: ids are ULIDs, so ordering by id is
 * ordering by creation, and the cursor `starting_after` is simply an id.
 */
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import { ReadBatcher } from "../core/read-batcher.js";
import type { Engine, Tables } from "../store/index.js";
import { agentFromRow, merchantFromRow, operatorFromRow, userFromRow } from "./rows.js";
import type { Agent, Merchant, Operator, Page, PageRequest, User } from "./types.js";

type Db = Kysely<Tables>;
type PartyTable = "users" | "agents" | "merchants" | "operators";

/**
 * Inside a write transaction the row is locked on PostgreSQL so that two updates of one object
 * serialise; SQLite transactions are serialised by the process's write lock already.
 */
function maybeLocked<T extends PartyTable, O>(
  q: SelectQueryBuilder<Tables, T, O>,
  lockFor: Engine | null,
): SelectQueryBuilder<Tables, T, O> {
  return lockFor === "postgres" ? q.forUpdate() : q;
}

/**
 * Outside transactions, concurrent reads by id share one query per table and turn of the event
 * loop (every payment reads its agent, user and merchant). Nothing is cached: see ReadBatcher.
 */
interface ByIdReads {
  readonly users: ReadBatcher<User>;
  readonly agents: ReadBatcher<Agent>;
  readonly merchants: ReadBatcher<Merchant>;
}

const byIdReads = new WeakMap<Db, ByIdReads>();

function readsOf(db: Db): ByIdReads {
  let reads = byIdReads.get(db);
  if (reads === undefined) {
    reads = {
      users: new ReadBatcher(async (ids) => byId(await db.selectFrom("users").selectAll().where("id", "in", ids).execute(), userFromRow)),
      agents: new ReadBatcher(async (ids) => byId(await db.selectFrom("agents").selectAll().where("id", "in", ids).execute(), agentFromRow)),
      merchants: new ReadBatcher(async (ids) =>
        byId(await db.selectFrom("merchants").selectAll().where("id", "in", ids).execute(), merchantFromRow),
      ),
    };
    byIdReads.set(db, reads);
  }
  return reads;
}

function byId<R extends { id: string }, T>(rows: readonly R[], map: (row: R) => T): Map<string, T> {
  return new Map(rows.map((r) => [r.id, map(r)]));
}

/** A transaction's reads (and locking reads) stay in it: only plain reads of the database are batched. */
const batchable = (db: Db, lockFor: Engine | null): boolean => lockFor === null && !db.isTransaction;

export async function findUser(db: Db, id: string, lockFor: Engine | null = null): Promise<User | undefined> {
  if (batchable(db, lockFor)) return readsOf(db).users.load(id);
  const row = await maybeLocked(db.selectFrom("users").selectAll().where("id", "=", id), lockFor).executeTakeFirst();
  return row === undefined ? undefined : userFromRow(row);
}

export async function findAgent(db: Db, id: string, lockFor: Engine | null = null): Promise<Agent | undefined> {
  if (batchable(db, lockFor)) return readsOf(db).agents.load(id);
  const row = await maybeLocked(db.selectFrom("agents").selectAll().where("id", "=", id), lockFor).executeTakeFirst();
  return row === undefined ? undefined : agentFromRow(row);
}

export async function findMerchant(db: Db, id: string, lockFor: Engine | null = null): Promise<Merchant | undefined> {
  if (batchable(db, lockFor)) return readsOf(db).merchants.load(id);
  const row = await maybeLocked(db.selectFrom("merchants").selectAll().where("id", "=", id), lockFor).executeTakeFirst();
  return row === undefined ? undefined : merchantFromRow(row);
}

export async function findOperator(db: Db, id: string): Promise<Operator | undefined> {
  const row = await db.selectFrom("operators").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : operatorFromRow(row);
}

function toPage<R, T>(rows: readonly R[], limit: number, map: (row: R) => T): Page<T> {
  return { data: rows.slice(0, limit).map(map), hasMore: rows.length > limit };
}

function paged<T extends PartyTable, O>(q: SelectQueryBuilder<Tables, T, O>, page: PageRequest) {
  const id = sql.ref<string>("id");
  const ordered = q.orderBy(id, "desc").limit(page.limit + 1);
  return page.startingAfter === null ? ordered : ordered.where(id, "<", page.startingAfter);
}

export async function listUsers(db: Db, page: PageRequest): Promise<Page<User>> {
  return toPage(await paged(db.selectFrom("users").selectAll(), page).execute(), page.limit, userFromRow);
}

export async function listAgents(db: Db, userId: string | null, page: PageRequest): Promise<Page<Agent>> {
  const all = db.selectFrom("agents").selectAll();
  const q = userId === null ? all : all.where("user_id", "=", userId);
  return toPage(await paged(q, page).execute(), page.limit, agentFromRow);
}

export async function listMerchants(db: Db, page: PageRequest): Promise<Page<Merchant>> {
  return toPage(await paged(db.selectFrom("merchants").selectAll(), page).execute(), page.limit, merchantFromRow);
}

export async function listOperators(db: Db, page: PageRequest): Promise<Page<Operator>> {
  return toPage(await paged(db.selectFrom("operators").selectAll(), page).execute(), page.limit, operatorFromRow);
}
