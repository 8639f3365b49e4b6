/**
 * Principals that exist without a row: the operator behind the `AGENTPAY_OPERATOR_KEY` bootstrap
 * key, and the local command line (which has the database in hand anyway). Their ids are not
 * ULIDs, so they can never collide with a stored operator, and keys cannot be issued to them.
 */
import type { Principal } from "../core/principal.js";
import { SCOPES, type Scope } from "./scopes.js";
import type { KeyCaller } from "./types.js";

export const BOOTSTRAP_OPERATOR: Principal = { type: "operator", id: "opr_bootstrap", role: "admin" };
export const CLI_OPERATOR: Principal = { type: "operator", id: "opr_cli", role: "admin" };

export const ALL_SCOPES: ReadonlySet<Scope> = new Set(SCOPES);

export const cliCaller: KeyCaller = { principal: CLI_OPERATOR, requestId: null, scopes: ALL_SCOPES };
