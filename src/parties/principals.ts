/**
 * Turns a party id into the Principal that acts under it, and says whether it may act now.
 * Authentication calls this on every request (no cache), so a suspension takes effect for the
 * next request in every process.
 */
import { type IdPrefix, isId } from "../core/ids.js";
import { ReadBatcher } from "../core/read-batcher.js";
import type { Principal } from "../core/principal.js";
import type { Database } from "../store/index.js";
import { findMerchant, findOperator, findUser } from "./store.js";

export interface PrincipalRecord {
  readonly principal: Principal;
  /** Null when the principal may act; otherwise a sentence saying why not. */
  readonly inactiveReason: string | null;
}

const PRINCIPAL_PREFIXES: ReadonlyArray<IdPrefix> = ["usr", "agt", "mer", "opr"];

export function principalPrefixOf(id: string): "usr" | "agt" | "mer" | "opr" | null {
  const prefix = PRINCIPAL_PREFIXES.find((p) => isId(id, p));
  return prefix === undefined ? null : (prefix as "usr" | "agt" | "mer" | "opr");
}

export async function resolvePrincipal(database: Database, id: string): Promise<PrincipalRecord | undefined> {
  const db = database.db;
  switch (principalPrefixOf(id)) {
    case "usr": {
      const user = await findUser(db, id);
      if (user === undefined) return undefined;
      return { principal: { type: "user", id }, inactiveReason: user.status === "active" ? null : `User ${id} is ${user.status}.` };
    }
    case "agt":
      return resolveAgent(database, id);
    case "mer": {
      const merchant = await findMerchant(db, id);
      if (merchant === undefined) return undefined;
      const reason = merchant.status === "active" ? null : `Merchant ${id} is ${merchant.status}.`;
      return { principal: { type: "merchant", id }, inactiveReason: reason };
    }
    case "opr": {
      const operator = await findOperator(db, id);
      return operator === undefined ? undefined : { principal: { type: "operator", id, role: operator.role }, inactiveReason: null };
    }
    case null:
      return undefined;
  }
}

interface AgentStatusRow {
  readonly id: string;
  readonly userId: string;
  readonly agentStatus: string;
  readonly userStatus: string;
}

/** Every request of an agent resolves it: concurrent ones share one query (ReadBatcher: nothing is cached). */
const agentStatusReads = new WeakMap<Database, ReadBatcher<AgentStatusRow>>();

function agentStatusOf(database: Database, id: string): Promise<AgentStatusRow | undefined> {
  let reads = agentStatusReads.get(database);
  if (reads === undefined) {
    reads = new ReadBatcher(async (ids) => {
      const rows = await database.db
        .selectFrom("agents")
        .innerJoin("users", "users.id", "agents.user_id")
        .select(["agents.id as id", "agents.user_id as userId", "agents.status as agentStatus", "users.status as userStatus"])
        .where("agents.id", "in", ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r]));
    });
    agentStatusReads.set(database, reads);
  }
  return reads.load(id);
}

/** An agent acts only while both it and its owner are active: one query for both. */
async function resolveAgent(database: Database, id: string): Promise<PrincipalRecord | undefined> {
  const row = await agentStatusOf(database, id);
  if (row === undefined) return undefined;
  const reason =
    row.agentStatus !== "active"
      ? `Agent ${id} is ${row.agentStatus}.`
      : row.userStatus !== "active"
        ? `The owner of agent ${id} is ${row.userStatus}.`
        : null;
  return { principal: { type: "agent", id, userId: row.userId }, inactiveReason: reason };
}
