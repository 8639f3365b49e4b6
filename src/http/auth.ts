/**
 * Authentication and coarse authorisation for /v1. Every request names a key as
 * `Authorization: Bearer <secret>`; the hook resolves it to `request.principal` and
 * `request.scopes` (401 if it is missing, unknown or revoked; 403 if its principal is
 * suspended). Routes then require a scope, and for some a principal type or operator role, with
 * `requireAccess` (403). Which objects a principal may touch is decided by the use cases.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { assert } from "../core/assert.js";
import { ApiError } from "../core/errors.js";
import type { OperatorRole, PrincipalType } from "../core/principal.js";
import { authenticate, type KeyCaller, type Scope } from "../keys/index.js";
import type { AppDeps } from "./types.js";

const BEARER = /^Bearer +(\S+) *$/i;

/** Registered inside the /v1 scope: decorates requests and authenticates each one. */
export const authPlugin = fp(async (app: FastifyInstance, opts: { deps: AppDeps }) => {
  const deps = { database: opts.deps.database, operatorKey: opts.deps.operatorKey };
  app.decorateRequest("principal", null);
  app.decorateRequest("scopes", null);
  app.decorateRequest("keyId", null);
  app.addHook("onRequest", async (request) => {
    const header = request.headers.authorization;
    const secret = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (secret === undefined) {
      throw new ApiError("unauthenticated", "Send your API key as 'Authorization: Bearer <key>'.");
    }
    const result = await authenticate(deps, secret);
    if (!result.ok) throw result.error;
    request.principal = result.value.principal;
    request.scopes = result.value.scopes;
    request.keyId = result.value.keyId;
  });
});

export interface AccessRule {
  readonly scope: Scope;
  /** Principal types that may call at all; all types when absent. */
  readonly types?: readonly PrincipalType[];
  /** For operators: the roles that may call; all roles when absent. */
  readonly operatorRoles?: readonly OperatorRole[];
}

/** A route hook: 403 unless the caller's key has the scope and its principal the type/role. */
export function requireAccess(rule: AccessRule) {
  return async (request: FastifyRequest): Promise<void> => {
    const { principal, scopes } = callerOf(request);
    if (rule.types !== undefined && !rule.types.includes(principal.type)) {
      throw new ApiError("forbidden", `A ${principal.type} may not call this endpoint.`);
    }
    if (rule.operatorRoles !== undefined && principal.type === "operator" && !rule.operatorRoles.includes(principal.role)) {
      throw new ApiError("forbidden", `An operator with role ${principal.role} may not call this endpoint.`);
    }
    if (!scopes.has(rule.scope)) throw new ApiError("forbidden", `This API key lacks the scope ${rule.scope}.`);
  };
}

/** The authenticated caller of a /v1 request, as the use cases take it. */
export function callerOf(request: FastifyRequest): KeyCaller {
  const { principal, scopes } = request;
  assert(principal !== null && scopes !== null, "callerOf is only called on authenticated /v1 routes");
  return { principal, scopes, requestId: request.id };
}
