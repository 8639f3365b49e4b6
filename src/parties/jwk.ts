import { importJWK } from "jose";
import { ApiError } from "../core/errors.js";
import type { Ed25519PublicJwk } from "./types.js";

/**
 * The schema has already checked the JWK's shape (OKP, Ed25519, no `d`); importing it checks
 * that `x` really is an Ed25519 public key, so a key that cannot verify anything is never stored.
 */
export async function checkAgentKey(jwk: Ed25519PublicJwk | null): Promise<ApiError | null> {
  if (jwk === null) return null;
  try {
    await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, "EdDSA");
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new ApiError("validation_error", `public_key_jwk is not a usable Ed25519 public key (${reason}).`, "public_key_jwk");
  }
}
