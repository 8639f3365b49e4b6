import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Ledger } from "../ledger/index.js";
import type { Database } from "../store/index.js";

export interface AppDeps {
  readonly database: Database;
  readonly ledger: Ledger;
  /** Checks the database answers; throws if not. */
  readonly ping: () => Promise<void>;
  readonly operatorKey: string;
}

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
> & { deps: AppDeps };
