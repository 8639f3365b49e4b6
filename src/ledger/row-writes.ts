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

/** PostgreSQL binds at most 65,535 parameters in one statement. */
export const PG_STATEMENT_PARAMS_MAX = 65_535;

function checked(names: readonly string[]): readonly string[] {
  for (const n of names) assert(IDENTIFIER.test(n), `not an identifier: ${n}`);
  return names;
}

/**
 * The statement shape of a row write: writes of one shape share their SQL text (a prepared
 * statement on SQLite, one multi-row statement on PostgreSQL). Object.keys follows insertion
 * order, so two rows of one shape list their values in the same order.
 */
function shapeOf(w: RowWrite): string {
  if (w.kind === "insert") return `i ${w.table} ${Object.keys(w.values).join(",")}${w.onConflictDoNothing === true ? " !" : ""}`;
  return `u ${w.table} ${Object.keys(w.set).join(",")} ${Object.keys(w.increment ?? {}).join(",")} ${Object.keys(w.where).join(",")}`;
}

function paramsOf(w: RowWrite): SqlValue[] {
  if (w.kind === "insert") return Object.values(w.values);
  return [...Object.values(w.set), ...Object.values(w.increment ?? {}), ...Object.values(w.where)];
}

function insertText(w: Extract<RowWrite, { kind: "insert" }>, rowCount: number, placeholder: (i: number) => string): string {
  checked([w.table]);
  const columns = checked(Object.keys(w.values));
  const tuples: string[] = [];
  for (let r = 0; r < rowCount; r++) tuples.push(`(${columns.map((_, i) => placeholder(r * columns.length + i)).join(", ")})`);
  const conflict = w.onConflictDoNothing === true ? " ON CONFLICT DO NOTHING" : "";
  return `INSERT INTO ${w.table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}${conflict}`;
}

function updateText(w: Extract<RowWrite, { kind: "update" }>, placeholder: (i: number) => string): string {
  checked([w.table]);
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
  return `UPDATE ${w.table} SET ${assignments} WHERE ${whereSql}`;
}

/**
 * SQLite: one prepared statement per shape, built once (the shapes repeat batch after batch), run
 * row by row in order. Multi-row statements would not help: the B-tree work dominates.
 */
export class SqliteRowWriter {
  private readonly statements = new Map<string, Statement>();
  constructor(private readonly sqlite: SqliteHandle) {}

  apply(rows: readonly RowWrite[]): void {
    for (const w of rows) {
      const shape = shapeOf(w);
      let stmt = this.statements.get(shape);
      if (stmt === undefined) {
        stmt = this.sqlite.prepare(w.kind === "insert" ? insertText(w, 1, () => "?") : updateText(w, () => "?"));
        this.statements.set(shape, stmt);
      }
      stmt.run(...paramsOf(w));
    }
  }
}

const pgValue = (v: SqlValue): string | number | null => (typeof v === "bigint" ? v.toString() : v);
const pgPlaceholder = (i: number): string => `$${i + 1}`;

interface RowGroup {
  readonly first: RowWrite;
  readonly rows: SqlValue[][];
  /** Update groups: the rows they target, each at most once (UPDATE … FROM applies one match per row). */
  readonly targets: Set<string>;
}

/**
 * PostgreSQL: every statement is a round trip, so the writes of one shape (table, columns, conflict
 * rule) become one multi-row statement, their rows in order: INSERT … VALUES (…), (…) and
 * UPDATE … FROM (VALUES (…), (…)). The grouping never reorders two writes that could see each
 * other: a table's inserts and updates are never pending together (a write of the other kind
 * first writes everything pending), nor are two updates of one row. Between such points the
 * groups are written in the order of their first row, so a row must not reference, by foreign
 * key, a row of another table that the same batch inserts after it (none does).
 */
export async function applyRowsPostgres(client: pg.PoolClient, rows: readonly RowWrite[]): Promise<void> {
  let groups = new Map<string, RowGroup>();
  let kinds = new Map<string, RowWrite["kind"]>();
  const flush = async (): Promise<void> => {
    for (const g of groups.values()) await writeGroup(client, g);
    groups = new Map();
    kinds = new Map();
  };
  for (const w of rows) {
    const shape = shapeOf(w);
    const target = w.kind === "update" ? Object.values(w.where).map(String).join("\u0000") : "";
    if ((kinds.get(w.table) ?? w.kind) !== w.kind || groups.get(shape)?.targets.has(target) === true) await flush();
    let group = groups.get(shape);
    if (group === undefined) groups.set(shape, (group = { first: w, rows: [], targets: new Set() }));
    kinds.set(w.table, w.kind);
    group.rows.push(paramsOf(w));
    if (w.kind === "update") group.targets.add(target);
  }
  await flush();
}

/** One group's rows in as few statements as PostgreSQL's parameter limit allows. */
async function writeGroup(client: pg.PoolClient, group: RowGroup): Promise<void> {
  const width = group.rows[0]!.length;
  const rowsPerStatement = Math.max(1, Math.floor(PG_STATEMENT_PARAMS_MAX / width));
  const types = group.first.kind === "update" ? await columnTypes(client, group.first.table) : null;
  for (let start = 0; start < group.rows.length; start += rowsPerStatement) {
    const chunk = group.rows.slice(start, start + rowsPerStatement);
    const params: Array<string | number | null> = [];
    for (const row of chunk) for (const v of row) params.push(pgValue(v));
    const w = group.first;
    await client.query(w.kind === "insert" ? insertText(w, chunk.length, pgPlaceholder) : multiUpdateText(w, chunk.length, types!), params);
  }
}

/**
 * `UPDATE t SET a = v.c0, n = t.n + v.c1 FROM (VALUES ($1::text, $2::int8, $3::text), …) AS
 * v(c0, c1, c2) WHERE t.id = v.c2`. Values in a FROM list take no type from the table, so each is
 * cast to its column's type; the VALUES columns are numbered, as set and where may name the same column.
 */
function multiUpdateText(w: Extract<RowWrite, { kind: "update" }>, rowCount: number, types: ReadonlyMap<string, string>): string {
  checked([w.table]);
  const sets = checked(Object.keys(w.set));
  const increments = checked(Object.keys(w.increment ?? {}));
  const keys = checked(Object.keys(w.where));
  assert(keys.length > 0, "an update names the rows it changes");
  assert(sets.length + increments.length > 0, "an update changes something");
  const columns = [...sets, ...increments, ...keys];
  const casts = columns.map((c) => {
    const type = types.get(c);
    assert(type !== undefined, `no column ${w.table}.${c}`);
    return type;
  });
  const tuples: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    tuples.push(`(${columns.map((_, i) => `${pgPlaceholder(r * columns.length + i)}::${casts[i]}`).join(", ")})`);
  }
  const assignments = [
    ...sets.map((c, i) => `${c} = v.c${i}`),
    ...increments.map((c, i) => `${c} = t.${c} + v.c${sets.length + i}`),
  ].join(", ");
  const first = sets.length + increments.length;
  const whereSql = keys.map((c, i) => `t.${c} = v.c${first + i}`).join(" AND ");
  const aliases = columns.map((_, i) => `c${i}`).join(", ");
  return `UPDATE ${w.table} AS t SET ${assignments} FROM (VALUES ${tuples.join(", ")}) AS v(${aliases}) WHERE ${whereSql}`;
}

/**
 * Column types per table, read from the catalog once per process: the tables' shapes change only
 * with migrations, which run before anything is written.
 */
const columnTypesByTable = new Map<string, ReadonlyMap<string, string>>();

async function columnTypes(client: pg.PoolClient, table: string): Promise<ReadonlyMap<string, string>> {
  let types = columnTypesByTable.get(table);
  if (types === undefined) {
    const { rows } = await client.query<{ name: string; type: string }>(
      "SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped",
      [table],
    );
    types = new Map(rows.map((r) => [r.name, r.type]));
    columnTypesByTable.set(table, types);
  }
  return types;
}
