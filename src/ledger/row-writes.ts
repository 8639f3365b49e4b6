/**
 * Rows other modules write in the same database transaction as a batch of transfers: a payment
 * and its audit event commit together with the money they move, or not at all. Table and column
 * names come from code, never from input; they are still checked, because they are spliced into
 * SQL text.
 */
import type { Statement } from "better-sqlite3";
import type pg from "pg";
import { assert } from "../core/assert.js";
import type { SqliteHandle } from "../store/index.js";

export type SqlValue = string | number | bigint | null;

export type RowWrite =
  | {
      readonly kind: "insert";
      readonly table: string;
      readonly values: Readonly<Record<string, SqlValue>>;
      /** Skip the row if its key exists (a concurrent writer recorded the same thing). */
      readonly onConflictDoNothing?: boolean;
    }
  | {
      readonly kind: "update";
      readonly table: string;
      readonly set: Readonly<Record<string, SqlValue>>;
      /** Columns increased by the value: concurrent writers add up instead of overwriting. */
      readonly increment?: Readonly<Record<string, bigint>>;
      readonly where: Readonly<Record<string, SqlValue>>;
    };

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checked(names: readonly string[]): readonly string[] {
  for (const n of names) assert(IDENTIFIER.test(n), `not an identifier: ${n}`);
  return names;
}

function sqlOf(w: RowWrite, placeholder: (i: number) => string): { text: string; params: SqlValue[] } {
  checked([w.table]);
  if (w.kind === "insert") {
    const columns = checked(Object.keys(w.values));
    const conflict = w.onConflictDoNothing === true ? " ON CONFLICT DO NOTHING" : "";
    return {
      text: `INSERT INTO ${w.table} (${columns.join(", ")}) VALUES (${columns.map((_, i) => placeholder(i)).join(", ")})${conflict}`,
      params: Object.values(w.values),
    };
  }
  const sets = checked(Object.keys(w.set));
  const increments = checked(Object.keys(w.increment ?? {}));
  const keys = checked(Object.keys(w.where));
  assert(keys.length > 0, "an update names the rows it changes");
  assert(sets.length + increments.length > 0, "an update changes something");
  const assignments = [
    ...sets.map((c, i) => `${c} = ${placeholder(i)}`),
    ...increments.map((c, i) => `${c} = ${c} + ${placeholder(sets.length + i)}`),
  ].join(", ");
  const first = sets.length + increments.length;
  const whereSql = keys.map((c, i) => `${c} = ${placeholder(first + i)}`).join(" AND ");
  return {
    text: `UPDATE ${w.table} SET ${assignments} WHERE ${whereSql}`,
    params: [...Object.values(w.set), ...Object.values(w.increment ?? {}), ...Object.values(w.where)],
  };
}

/** SQLite: prepared statements cached by their text (the shapes repeat batch after batch). */
export class SqliteRowWriter {
  private readonly statements = new Map<string, Statement>();
  constructor(private readonly sqlite: SqliteHandle) {}

  apply(rows: readonly RowWrite[]): void {
    for (const w of rows) {
      const { text, params } = sqlOf(w, () => "?");
      let stmt = this.statements.get(text);
      if (stmt === undefined) {
        stmt = this.sqlite.prepare(text);
        this.statements.set(text, stmt);
      }
      stmt.run(...params);
    }
  }
}

export async function applyRowsPostgres(client: pg.PoolClient, rows: readonly RowWrite[]): Promise<void> {
  for (const w of rows) {
    const { text, params } = sqlOf(w, (i) => `$${i + 1}`);
    await client.query(text, params.map((p) => (typeof p === "bigint" ? p.toString() : p)));
  }
}
