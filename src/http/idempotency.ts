/**
 * `Idempotency-Key` on POST requests, Stripe's contract: the same key with the same body answers
 * the stored response (marked `Idempotent-Replayed: true`); the same key with a different body
 * is 422; the same key while the first request is still running is 409. Responses are kept for
 * IDEMPOTENCY_RETENTION_MS; server errors (5xx) are not kept, so the request can be retried.
 *
 * Money-moving use cases do not rely on this cache alone: they derive their ledger ids from the
 * key, so a retry after a crash, or a duplicate racing on another process, converges on the
 * same payment instead of making a second one. This layer adds the exact replay of responses.
 */
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { sql } from "kysely";
import { ApiError } from "../core/errors.js";
import { ReadBatcher } from "../core/read-batcher.js";
import type { IdempotencyKeyRow } from "../store/index.js";
import type { AppDeps } from "./types.js";

export const IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;
export const IDEMPOTENCY_KEY_LENGTH_MAX = 255;
/** Requests in flight per process that carry a key; beyond it new keyed requests get 503. */
export const IN_FLIGHT_KEYS_MAX = 100_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/**
 * Keys AgentPay derives on the server, which callers may not forge: `mcp:` MCP tool calls, `prq:`
 * payments of 402 payment requests, `sub:` a subscription's period charges (a forged one would
 * stall that period's renewal).
 */
export const RESERVED_KEY_PREFIXES = ["mcp:", "prq:", "sub:"] as const;

declare module "fastify" {
  interface FastifyRequest {
    /** The request's Idempotency-Key, once it is known to be new; null without one. */
    idempotencyKey: string | null;
    idempotencySlot: string | null;
  }
}

const fingerprintOf = (request: FastifyRequest): string =>
  createHash("sha256")
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest("hex");

/**
 * The stored, unexpired responses of slots (`<scope>\n<key>`), concurrent lookups sharing one
 * query (ReadBatcher: nothing is cached). Scopes (`<type>:<id>`) hold no line feed.
 */
function storedResponses(database: AppDeps["database"]): ReadBatcher<IdempotencyKeyRow> {
  return new ReadBatcher(async (slots) => {
    const pairs = slots.map((slot) => {
      const split = slot.indexOf("\n");
      return sql`(${slot.slice(0, split)}, ${slot.slice(split + 1)})`;
    });
    const rows = await database.db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where(sql<boolean>`(scope, key) IN (VALUES ${sql.join(pairs)})`)
      .where("expires_at", ">", BigInt(Date.now()))
      .execute();
    return new Map(rows.map((r) => [`${r.scope}\n${r.key}`, r]));
  });
}

export const idempotencyPlugin = fp(async (app: FastifyInstance, opts: { deps: AppDeps }) => {
  const { database, ledger } = opts.deps;
  const stored = storedResponses(database);
  const inFlight = new Set<string>();
  app.decorateRequest("idempotencyKey", null);
  app.decorateRequest("idempotencySlot", null);

  app.addHook("preHandler", async (request, reply) => {
    const key = request.headers["idempotency-key"];
    if (request.method !== "POST" || key === undefined) return;
    if (typeof key === "string" && RESERVED_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) {
      throw new ApiError("validation_error", `Idempotency-Key may not start with ${RESERVED_KEY_PREFIXES.join(" or ")}: AgentPay derives those keys itself.`, "Idempotency-Key");
    }
    if (typeof key !== "string" || !KEY_PATTERN.test(key)) {
      throw new ApiError("validation_error", `Idempotency-Key must be 1-${IDEMPOTENCY_KEY_LENGTH_MAX} printable characters.`, "Idempotency-Key");
    }
    const principal = request.principal!;
    const scope = `${principal.type}:${principal.id}`;
    const slot = `${scope}\n${key}`;
    if (inFlight.has(slot)) throw new ApiError("idempotency_key_in_use", "A request with this Idempotency-Key is still in progress.");
    if (inFlight.size >= IN_FLIGHT_KEYS_MAX) throw new ApiError("overloaded", "Too many requests in flight; retry shortly.");
    // Claimed before the lookup: requests with the same key arriving while it runs are in flight too.
    inFlight.add(slot);
    let earlier;
    try {
      earlier = await stored.load(slot);
    } catch (error) {
      inFlight.delete(slot);
      throw error;
    }
    if (earlier !== undefined) {
      inFlight.delete(slot);
      if (earlier.fingerprint !== fingerprintOf(request)) {
        throw new ApiError("idempotency_key_reused", "This Idempotency-Key was used with a different request.");
      }
      return reply
        .status(Number(earlier.status_code))
        .header("content-type", "application/json; charset=utf-8")
        .header("idempotent-replayed", "true")
        .send(earlier.response);
    }
    request.idempotencyKey = key;
    request.idempotencySlot = slot;
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const slot = request.idempotencySlot;
    if (slot === null) return payload;
    request.idempotencySlot = null;
    try {
      if (reply.statusCode < 500 && typeof payload === "string") {
        const principal = request.principal!;
        const nowMs = Date.now();
        const row = {
          scope: `${principal.type}:${principal.id}`,
          key: request.idempotencyKey!,
          fingerprint: fingerprintOf(request),
          status_code: reply.statusCode,
          response: payload,
          created_at: BigInt(nowMs),
          expires_at: BigInt(nowMs + IDEMPOTENCY_RETENTION_MS),
        };
        // Group-committed with the ledger's batches: no fsync of its own.
        await ledger.submitTransfers([], { effects: () => [{ kind: "insert", table: "idempotency_keys", values: row, onConflictDoNothing: true }] });
      }
    } finally {
      inFlight.delete(slot);
    }
    return payload;
  });
});

/** For routes that move money: the key is required, not optional. */
export function requireIdempotencyKey(request: FastifyRequest): string {
  if (request.idempotencyKey === null) {
    throw new ApiError("idempotency_key_required", "Send an Idempotency-Key header: this request moves money.", "Idempotency-Key");
  }
  return request.idempotencyKey;
}

/** Deletes stored responses past their retention; returns how many. */
export async function purgeIdempotencyKeys(database: AppDeps["database"], nowMs: number): Promise<number> {
  const result = await database.db.deleteFrom("idempotency_keys").where("expires_at", "<=", BigInt(nowMs)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
