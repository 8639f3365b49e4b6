/**
 * Key secrets: `ap_<usr|agt|mer|opr>_<40 random base62 characters>` (about 238 bits). Only the
 * SHA-256 of a secret is stored, and keys are found by that hash through an index. Whatever the
 * index lookup's timing may leak is about hashes, and knowing part of SHA-256(secret) does not
 * help guess a 238-bit secret, so no constant-time comparison is needed here.
 */
import { createHash, randomBytes } from "node:crypto";

export const SECRET_RANDOM_LENGTH = 40;
/** Characters of the secret kept in clear to recognise a key in lists and logs: `ap_usr_Ab3dE`. */
export const KEY_PREFIX_LENGTH = 12;
export const SECRET_PATTERN = /^ap_(usr|agt|mer|opr)_[A-Za-z0-9]{40}$/;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 248 = 4 × 62: bytes at or above it are dropped so that every character is equally likely. */
const UNBIASED_BYTE_LIMIT = 248;

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function newSecret(principalPrefix: "usr" | "agt" | "mer" | "opr"): string {
  return `ap_${principalPrefix}_${randomBase62(SECRET_RANDOM_LENGTH)}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export const prefixOf = (secret: string): string => secret.slice(0, KEY_PREFIX_LENGTH);
