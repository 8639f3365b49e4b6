import { type Kysely, sql } from "kysely";
import type { Engine } from "../database.js";

/**
 * Parties (users, agents, merchants, operators), their API keys, and the audit trail.
 * Times are milliseconds since the Unix epoch; JSON columns are text.
 */
export function partiesMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("email", "text")
        .addColumn("kyc_level", "integer", (c) => c.notNull())
        .addColumn("residency_region", "text", (c) => c.notNull())
        .addColumn("timezone", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("agents")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("public_key_jwk", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("agents_user").on("agents").columns(["user_id", "id"]).execute();

      await db.schema
        .createTable("merchants")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("legal_name", "text", (c) => c.notNull())
        .addColumn("country", "text", (c) => c.notNull())
        .addColumn("tax_id", "text")
        .addColumn("category", "text", (c) => c.notNull())
        .addColumn("fee_bps", "integer")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("operators")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("api_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("prefix", "text", (c) => c.notNull())
        .addColumn("secret_hash", "text", (c) => c.notNull().unique())
        .addColumn("principal_type", "text", (c) => c.notNull())
        .addColumn("principal_id", "text", (c) => c.notNull())
        .addColumn("scopes", "text", (c) => c.notNull())
        .addColumn("name", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .execute();
      await db.schema.createIndex("api_keys_principal").on("api_keys").columns(["principal_id", "id"]).execute();

      // `seq` orders the trail (the Merkle tree of the audit issue is built over it).
      await db.schema
        .createTable("audit_events")
        .addColumn("seq", engine === "sqlite" ? "integer" : "bigserial", (c) =>
          engine === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn("id", "text", (c) => c.notNull().unique())
        .addColumn("occurred_at", "bigint", (c) => c.notNull())
        .addColumn("actor_type", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("object_type", "text", (c) => c.notNull())
        .addColumn("object_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("intent_id", "text")
        .addColumn("mandate_id", "text")
        .addColumn("payment_id", "text")
        .addColumn("before_status", "text")
        .addColumn("after_status", "text")
        .addColumn("request_id", "text")
        .addColumn("data", "text")
        .execute();
      await db.schema.createIndex("audit_events_object").on("audit_events").columns(["object_id", "seq"]).execute();
      await db.schema.createIndex("audit_events_user").on("audit_events").columns(["user_id", "seq"]).execute();
      await db.schema
        .createIndex("audit_events_payment")
        .on("audit_events")
        .columns(["payment_id", "seq"])
        .where(sql.ref("payment_id"), "is not", null)
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["audit_events", "api_keys", "operators", "merchants", "agents", "users"]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
