import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Principal } from "../core/principal.js";
import type { KeyId, Scope } from "../keys/index.js";
import type { Services } from "../runtime.js";

/** The services the routes adapt, and the bootstrap key (`AGENTPAY_OPERATOR_KEY`): a built-in admin operator. */
export type AppDeps = Services & { readonly operatorKey: string };

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
> & { deps: AppDeps };

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling: set by the /v1 authentication hook, null before it (and outside /v1). */
    principal: Principal | null;
    /** The calling key's scopes; null before authentication. */
    scopes: ReadonlySet<Scope> | null;
    /** The calling key's id; null for the bootstrap operator key and before authentication. */
    keyId: KeyId | null;
  }
}
