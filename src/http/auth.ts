/**
 * Operator authentication for the low-level ledger door: a bearer key compared in constant time.
 * Per-principal API keys with scopes replace this in the parties issue (#3).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ApiError } from "../core/errors.js";

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();

export function operatorAuth(operatorKey: string) {
  const expected = digest(operatorKey);
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer (.+)$/.exec(header);
    if (match?.[1] === undefined) {
      throw new ApiError("unauthenticated", "Send the operator key as 'Authorization: Bearer <key>'.");
    }
    if (!timingSafeEqual(digest(match[1]), expected)) throw new ApiError("unauthenticated", "Invalid API key.");
  };
}
