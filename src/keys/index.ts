/** API keys: issued to one principal with scopes, shown once, stored hashed, revocable at once. */
export * from "./types.js";
export * from "./scopes.js";
export * from "./schema.js";
export { KEY_PREFIX_LENGTH, SECRET_PATTERN, SECRET_RANDOM_LENGTH } from "./secret.js";
export { ALL_SCOPES, BOOTSTRAP_OPERATOR, CLI_OPERATOR, cliCaller } from "./builtin.js";
export { type AuthenticateDeps, authenticate } from "./authenticate.js";
export { type CreateKeyInput, createKey } from "./create-key.js";
export { getKey } from "./get-key.js";
export { listKeys } from "./list-keys.js";
export { revokeKey } from "./revoke-key.js";
