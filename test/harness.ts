/**
 * Test harness: every suite runs on both engines. SQLite gets a fresh file per database;
 * PostgreSQL a fresh database on the server at AGENTPAY_TEST_PG_URL. The PostgreSQL suite runs
 * when AGENTPAY_TEST_PG=1 or CI=true, and then fails (never skips) if the server is down.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, type Engine, migrateToLatest, openDatabase } from "../src/store/index.js";

export const PG_ADMIN_URL = process.env.AGENTPAY_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const pgEnabled = process.env.AGENTPAY_TEST_PG === "1" || process.env.CI === "true";
export const engines: Engine[] = pgEnabled ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  readonly engine: Engine;
  /** A DATABASE_URL that opens the same database (for child processes and second writers). */
  readonly url: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A new empty, migrated database on the given engine. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const name = `agentpay_t_${randomBytes(6).toString("hex")}`;
  if (engine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentpay-"));
    const url = `sqlite:${path.join(dir, `${name}.sqlite`)}`;
    const db = await openMigrated(url);
    await db.close();
    return { engine, url, open: () => openMigrated(url), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openMigrated(url.toString());
  await db.close();
  return {
    engine,
    url: url.toString(),
    open: () => openMigrated(url.toString()),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function openMigrated(url: string): Promise<Database> {
  const { databaseConfigFrom } = await import("../src/store/index.js");
  const db = openDatabase(databaseConfigFrom(url));
  await migrateToLatest(db);
  return db;
}
