import type { Brand } from "../core/ids.js";
import type { Principal, PrincipalType } from "../core/principal.js";
import type { Actor, PartiesDeps } from "../parties/index.js";
import type { Scope } from "./scopes.js";

export type KeyId = Brand<string, "KeyId">;

/** An API key as stored and listed: never the secret, which is shown once at creation. */
export interface ApiKey {
  readonly id: KeyId;
  /** The first characters of the secret, to recognise the key. */
  readonly prefix: string;
  readonly principalType: PrincipalType;
  readonly principalId: string;
  readonly scopes: readonly Scope[];
  readonly name: string | null;
  readonly createdAtMs: number;
  readonly revokedAtMs: number | null;
}

/** A key together with its secret, as returned once by createKey. */
export interface CreatedKey {
  readonly key: ApiKey;
  readonly secret: string;
}

/** The caller of a key use case: an actor and the scopes of the key it called with. */
export interface KeyCaller extends Actor {
  readonly scopes: ReadonlySet<Scope>;
}

export type KeysDeps = PartiesDeps;

/** Who a request acts as, once its bearer key is checked. */
export interface Authenticated {
  readonly principal: Principal;
  readonly scopes: ReadonlySet<Scope>;
  /** Null for the built-in bootstrap operator, which has no stored key. */
  readonly keyId: KeyId | null;
}
