/** Wire formats of API keys, reused by HTTP and the CLI. Times are Unix seconds, as for parties. */
import { z } from "zod";
import { idOf, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, principalPrefixOf, unixSeconds } from "../parties/index.js";
import type { CreateKeyInput } from "./create-key.js";
import { SCOPES } from "./scopes.js";
import type { ApiKey, CreatedKey } from "./types.js";

export const KEY_NAME_LENGTH_MAX = 100;

export const keyIdSchema = idOf("key");

export const principalIdSchema = z
  .string()
  .max(64)
  .refine((v) => principalPrefixOf(v) !== null, { message: "must be the id of a user, agent, merchant or operator" });

export const scopeSchema = z.enum(SCOPES);

export const createKeyBody = z.strictObject({
  principal: principalIdSchema.describe("The user, agent, merchant or operator the key acts as."),
  scopes: z
    .array(scopeSchema)
    .min(1)
    .max(SCOPES.length)
    .optional()
    .describe("Defaults to every scope the principal may have (for a key you issue yourself: those your key holds)."),
  name: z.string().trim().min(1).max(KEY_NAME_LENGTH_MAX).optional(),
});

export const listKeysQuery = z.strictObject({
  principal: principalIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  starting_after: keyIdSchema.optional(),
});

export function toCreateKeyInput(w: z.output<typeof createKeyBody>): CreateKeyInput {
  return { principalId: w.principal, scopes: w.scopes ?? null, name: w.name ?? null };
}

export const apiKeyObject = z.object({
  id: z.string(),
  object: z.literal("api_key"),
  name: z.string().nullable(),
  prefix: z.string().describe("The first characters of the secret, to recognise the key."),
  principal: z.string(),
  principal_type: z.enum(["user", "agent", "merchant", "operator"]),
  scopes: z.array(scopeSchema),
  status: z.enum(["active", "revoked"]),
  created: z.int(),
  revoked: z.int().nullable().describe("When the key was revoked, in Unix seconds."),
});

export const createdKeyObject = apiKeyObject.extend({
  secret: z.string().describe("The secret, shown this once: store it now. AgentPay keeps only its hash."),
});

export function presentKey(k: ApiKey): z.output<typeof apiKeyObject> {
  return {
    id: k.id,
    object: "api_key",
    name: k.name,
    prefix: k.prefix,
    principal: k.principalId,
    principal_type: k.principalType,
    scopes: [...k.scopes],
    status: k.revokedAtMs === null ? "active" : "revoked",
    created: unixSeconds(k.createdAtMs),
    revoked: k.revokedAtMs === null ? null : unixSeconds(k.revokedAtMs),
  };
}

export function presentCreatedKey(c: CreatedKey): z.output<typeof createdKeyObject> {
  return { ...presentKey(c.key), secret: c.secret };
}
