import { ApiError } from "../core/errors.js";
import { ReadBatcher } from "../core/read-batcher.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { type BudgetLevel, budgetLines } from "./budgets.js";
import type { MandateDeps } from "./deps.js";
import { mandateFromRow } from "./rows.js";
import type { Mandate, MandateStatus } from "./types.js";

export const MANDATE_PAGE_SIZE_MAX = 100;

export interface MandateView {
  readonly mandate: Mandate;
  readonly status: MandateStatus;
  readonly remaining: ReadonlyMap<BudgetLevel, bigint>;
}

/** Users see their mandates, agents the mandates granted to them, operators all. */
export function maySee(actor: Principal, m: Mandate): boolean {
  switch (actor.type) {
    case "operator":
      return true;
    case "user":
      return m.userId === actor.id;
    case "agent":
      return m.agentId === actor.id;
    case "merchant":
      return false;
  }
}

/** Every payment loads its mandate: concurrent loads share one query (ReadBatcher: nothing is cached). */
const mandateReads = new WeakMap<MandateDeps["database"], ReadBatcher<Mandate>>();

export async function loadMandate(deps: Pick<MandateDeps, "database">, id: string): Promise<Mandate | undefined> {
  const { database } = deps;
  let reads = mandateReads.get(database);
  if (reads === undefined) {
    reads = new ReadBatcher(async (ids) => {
      const rows = await database.db.selectFrom("mandates").selectAll().where("id", "in", ids).execute();
      return new Map(rows.map((r) => [r.id, mandateFromRow(r)]));
    });
    mandateReads.set(database, reads);
  }
  return reads.load(id);
}

/** The status a caller sees: stored status, unless the window has closed or a budget has run out. */
export function effectiveStatus(m: Mandate, nowMs: number, remaining: ReadonlyMap<BudgetLevel, bigint>): MandateStatus {
  if (m.status === "revoked") return "revoked";
  if (nowMs > m.notAfterMs) return "expired";
  if (m.status === "paused") return "paused";
  const total = remaining.get("total");
  const occurrences = remaining.get("occurrences");
  if ((total !== undefined && total < m.amountMin) || occurrences === 0n) return "exhausted";
  return "active";
}

export async function viewMandate(deps: MandateDeps, m: Mandate): Promise<MandateView> {
  const nowMs = deps.clock.nowMs();
  const ask = { amount: 0n, nowMs, sessionId: null, merchantId: null } as const;
  // Today's tip cap across recipients is shown too; per-recipient caps depend on the recipient.
  const tipDay = m.tips === null ? [] : budgetLines(m, { ...ask, purpose: "tip" }).filter((l) => l.level === "tip_day");
  const remaining = await deps.budgets.remaining([...budgetLines(m, { ...ask, purpose: "purchase" }), ...tipDay]);
  return { mandate: m, status: effectiveStatus(m, nowMs, remaining), remaining };
}

export async function getMandate(deps: MandateDeps, actor: Principal, id: string): Promise<Result<MandateView, ApiError>> {
  const m = await loadMandate(deps, id);
  if (m === undefined || !maySee(actor, m)) return err(new ApiError("not_found", `No mandate '${id}'.`, "id"));
  return ok(await viewMandate(deps, m));
}

export interface MandateListQuery {
  readonly limit: number;
  readonly startingAfter: string | undefined;
  readonly userId: string | undefined;
  readonly agentId: string | undefined;
}

/** Newest first; the id cursor works because ids sort by creation time. */
export async function listMandates(
  deps: MandateDeps,
  actor: Principal,
  q: MandateListQuery,
): Promise<Result<{ data: MandateView[]; hasMore: boolean }, ApiError>> {
  if (actor.type === "merchant") return err(new ApiError("forbidden", "Merchants cannot list mandates."));
  let query = deps.database.db.selectFrom("mandates").selectAll();
  if (actor.type === "user") query = query.where("user_id", "=", actor.id);
  if (actor.type === "agent") query = query.where("agent_id", "=", actor.id);
  if (q.userId !== undefined) query = query.where("user_id", "=", q.userId);
  if (q.agentId !== undefined) query = query.where("agent_id", "=", q.agentId);
  if (q.startingAfter !== undefined) query = query.where("id", "<", q.startingAfter);
  const rows = await query.orderBy("id", "desc").limit(q.limit + 1).execute();
  const views = await Promise.all(rows.slice(0, q.limit).map((r) => viewMandate(deps, mandateFromRow(r))));
  return ok({ data: views, hasMore: rows.length > q.limit });
}
