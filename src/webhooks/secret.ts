import { randomBytes } from "node:crypto";

/** Standard Webhooks secrets: `whsec_` and the base64 of 24 to 64 random bytes; we use 32. */
export const SECRET_BYTES = 32;
export const SECRET_PREFIX = "whsec_";

export const newSecret = (): string => `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString("base64")}`;
