export { type Config, type DatabaseConfig, databaseConfigFrom, loadConfig, DEFAULT_SQLITE_PATH } from "./config.js";
export { type Database, type Engine, type SqliteHandle, openDatabase } from "./database.js";
export { migrateToLatest } from "./migrate.js";
export type * from "./tables.js";
