import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Clock } from "../core/clock.js";
import type { Principal } from "../core/principal.js";
import type { KeyId, Scope } from "../keys/index.js";
import type { Ledger } from "../ledger/index.js";
import type { MandateDeps } from "../mandates/index.js";
import type { Database } from "../store/index.js";

export interface AppDeps {
  readonly database: Database;
  readonly ledger: Ledger;
  readonly mandates: MandateDeps;
  /** Checks the database answers; throws if not. */
  readonly ping: () => Promise<void>;
  /** The bootstrap key (`AGENTPAY_OPERATOR_KEY`): a built-in admin operator. */
  readonly operatorKey: string;
  /** The system clock unless a test moves time. */
  readonly clock?: Clock;
}

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
