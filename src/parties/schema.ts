/**
 * Wire formats of the parties, as zod schemas reused by every transport. Objects follow Stripe:
 * a prefixed `id`, a literal `object`, snake_case fields, and `created` as an integer count of
 * seconds since the Unix epoch. Lists are `{object: "list", data, has_more}`, newest first,
 * paged with `limit` and `starting_after` (the last id of the previous page).
 */
import { z } from "zod";
import { type IdPrefix, isId } from "../core/ids.js";
import { OPERATOR_ROLES } from "../core/principal.js";
import type { CreateAgentInput } from "./create-agent.js";
import type { CreateMerchantInput } from "./create-merchant.js";
import type { CreateOperatorInput } from "./create-operator.js";
import type { CreateUserInput } from "./create-user.js";
import { INVOICE_PREFIX_PATTERN, TAX_RATE_BPS_MAX } from "../invoices/index.js";
import { isCountryCode } from "./countries.js";
import {
  EMAIL_LENGTH_MAX,
  FEE_BPS_MAX,
  KYC_LEVEL_MAX,
  METADATA_KEY_LENGTH_MAX,
  METADATA_KEYS_MAX,
  METADATA_VALUE_LENGTH_MAX,
  NAME_LENGTH_MAX,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  TAX_ID_LENGTH_MAX,
  TIMEZONE_LENGTH_MAX,
} from "./limits.js";
import {
  type Agent,
  AGENT_STATUSES,
  type Merchant,
  MERCHANT_STATUSES,
  type Operator,
  type Page,
  type PageRequest,
  type User,
  USER_STATUSES,
} from "./types.js";
import type { UpdateAgentInput } from "./update-agent.js";
import type { UpdateMerchantInput } from "./update-merchant.js";
import type { UpdateUserInput } from "./update-user.js";

// ---- fields -------------------------------------------------------------------------------

export const idOf = (prefix: IdPrefix) =>
  z
    .string()
    .max(64)
    .refine((v) => isId(v, prefix), { message: `must be an id of the form ${prefix}_<26 lower-case ULID characters>` });

export const userIdSchema = idOf("usr");
export const agentIdSchema = idOf("agt");
export const merchantIdSchema = idOf("mer");
export const operatorIdSchema = idOf("opr");

const nameSchema = z.string().trim().min(1).max(NAME_LENGTH_MAX);

export const metadataSchema = z
  .record(z.string().min(1).max(METADATA_KEY_LENGTH_MAX), z.string().max(METADATA_VALUE_LENGTH_MAX))
  .refine((m) => Object.keys(m).length <= METADATA_KEYS_MAX, { message: `at most ${METADATA_KEYS_MAX} keys` })
  .describe("Your own key-value pairs (strings). On update, replaces the whole object.");

/** The canonical name of an IANA time zone, or null if the runtime's ICU does not know it. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Names only (`Asia/Shanghai`, `UTC`); offsets like `+08:00` are not time zones. */
const TIMEZONE_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

export const timezoneSchema = z
  .string()
  .max(TIMEZONE_LENGTH_MAX)
  .regex(TIMEZONE_PATTERN, "must be an IANA time zone name such as Asia/Shanghai")
  .transform((value, ctx) => {
    const canonical = canonicalTimeZone(value);
    if (canonical !== null) return canonical;
    ctx.addIssue({ code: "custom", message: `'${value}' is not a known IANA time zone` });
    return z.NEVER;
  })
  .meta({ example: "Asia/Shanghai" });

export const kycLevelSchema = z.int().min(0).max(KYC_LEVEL_MAX).describe("0 (unverified) to 3 (fully verified).");

export const residencyRegionSchema = z
  .string()
  .regex(/^[a-z]{2}(-[a-z0-9]{1,16}){0,2}$/, "must be a lower-case region code such as cn, eu or us-east")
  .describe("Where the user's data must reside.");

export const countrySchema = z
  .string()
  .refine(isCountryCode, { message: "must be an ISO 3166-1 alpha-2 country code in upper case, e.g. CN" })
  .meta({ example: "CN" });

export const categorySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, "must be a lower-case slug or a 4-digit MCC, e.g. software or 5734")
  .describe("Merchant category; mandates may allow or exclude categories.");

const feeBpsSchema = z.int().min(0).max(FEE_BPS_MAX).describe("Platform fee override in basis points (0-10000).");
const taxRateBpsSchema = z
  .int()
  .min(0)
  .max(TAX_RATE_BPS_MAX)
  .describe("VAT/sales tax rate on the merchant's invoices in basis points (1900 = 19%); 0 = zero rated; null = not subject to VAT. Needs tax_id.");
const invoicePrefixSchema = z
  .string()
  .regex(INVOICE_PREFIX_PATTERN, "must be 1-12 of A-Z, 0-9 and '-', starting and ending with a letter or digit")
  .describe("Prefix of the merchant's sequential invoice numbers (ACME → ACME-000001); null = derived from the merchant id.");
const taxIdSchema = z.string().trim().min(1).max(TAX_ID_LENGTH_MAX);
const emailSchema = z.email().max(EMAIL_LENGTH_MAX);

/** RFC 8037 OKP key, Ed25519, public part only: a `d` (private key) is an unknown field and refused. */
export const ed25519PublicJwkSchema = z
  .strictObject({
    kty: z.literal("OKP"),
    crv: z.literal("Ed25519"),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be the 32-byte public key, base64url without padding"),
    alg: z.enum(["EdDSA", "Ed25519"]).optional(),
    use: z.literal("sig").optional(),
    kid: z.string().min(1).max(128).optional(),
  })
  .describe("The agent's Ed25519 public key as a JWK (kty OKP, crv Ed25519). Never send the private part.");

export const pageQuery = (cursor: z.ZodType<string>) =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
    starting_after: cursor.optional(),
  });

export const toPageRequest = (q: { limit: number; starting_after?: string | undefined }): PageRequest => ({
  limit: q.limit,
  startingAfter: q.starting_after ?? null,
});

// ---- request bodies ----------------------------------------------------------------------

export const createUserBody = z.strictObject({
  name: nameSchema,
  email: emailSchema.optional(),
  kyc_level: kycLevelSchema.default(0),
  residency_region: residencyRegionSchema,
  timezone: timezoneSchema.default("UTC"),
  metadata: metadataSchema.optional(),
});

export const updateUserBody = z
  .strictObject({
    name: nameSchema.optional(),
    email: emailSchema.nullable().optional(),
    kyc_level: kycLevelSchema.optional(),
    residency_region: residencyRegionSchema.optional(),
    timezone: timezoneSchema.optional(),
    status: z.enum(USER_STATUSES).optional(),
    metadata: metadataSchema.optional(),
  })
  .describe("Users may change name, email, timezone and metadata; admins also kyc_level, residency_region and status.");

export const createAgentBody = z.strictObject({
  user: userIdSchema.optional().describe("Owner; defaults to the calling user, required for operators."),
  display_name: nameSchema,
  public_key_jwk: ed25519PublicJwkSchema.optional(),
  metadata: metadataSchema.optional(),
});

export const updateAgentBody = z.strictObject({
  display_name: nameSchema.optional(),
  public_key_jwk: ed25519PublicJwkSchema.nullable().optional(),
  metadata: metadataSchema.optional(),
});

export const createMerchantBody = z.strictObject({
  legal_name: nameSchema,
  country: countrySchema,
  tax_id: taxIdSchema.optional(),
  category: categorySchema,
  fee_bps: feeBpsSchema.optional(),
  tax_rate_bps: taxRateBpsSchema.nullable().optional(),
  invoice_prefix: invoicePrefixSchema.nullable().optional(),
  metadata: metadataSchema.optional(),
});

export const updateMerchantBody = z.strictObject({
  legal_name: nameSchema.optional(),
  country: countrySchema.optional(),
  tax_id: taxIdSchema.nullable().optional(),
  category: categorySchema.optional(),
  fee_bps: feeBpsSchema.nullable().optional(),
  tax_rate_bps: taxRateBpsSchema.nullable().optional(),
  invoice_prefix: invoicePrefixSchema.nullable().optional(),
  status: z.enum(MERCHANT_STATUSES).optional(),
  metadata: metadataSchema.optional(),
});

export const createOperatorBody = z.strictObject({
  name: nameSchema,
  role: z.enum(OPERATOR_ROLES),
});

type Wire<S extends z.ZodType> = z.output<S>;

/** Copies the keys that are present, renamed: the update inputs tell "absent" from "null". */
function definedFields<W extends object, K extends keyof W & string>(wire: W, names: Record<K, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [wireKey, key] of Object.entries(names) as Array<[K, string]>) {
    if (wire[wireKey] !== undefined) out[key] = wire[wireKey];
  }
  return out;
}

const jwkOf = (j: Wire<typeof ed25519PublicJwkSchema>) => ({ kty: j.kty, crv: j.crv, x: j.x });

export function toCreateUserInput(w: Wire<typeof createUserBody>): CreateUserInput {
  return {
    name: w.name,
    email: w.email ?? null,
    kycLevel: w.kyc_level,
    residencyRegion: w.residency_region,
    timezone: w.timezone,
    metadata: w.metadata ?? {},
  };
}

export function toUpdateUserInput(w: Wire<typeof updateUserBody>): UpdateUserInput {
  return definedFields(w, {
    name: "name",
    email: "email",
    kyc_level: "kycLevel",
    residency_region: "residencyRegion",
    timezone: "timezone",
    status: "status",
    metadata: "metadata",
  }) as UpdateUserInput;
}

export function toCreateAgentInput(w: Wire<typeof createAgentBody>): CreateAgentInput {
  return {
    userId: w.user ?? null,
    displayName: w.display_name,
    publicKeyJwk: w.public_key_jwk === undefined ? null : jwkOf(w.public_key_jwk),
    metadata: w.metadata ?? {},
  };
}

export function toUpdateAgentInput(w: Wire<typeof updateAgentBody>): UpdateAgentInput {
  const rest = definedFields(w, { display_name: "displayName", metadata: "metadata" }) as UpdateAgentInput;
  if (w.public_key_jwk === undefined) return rest;
  return { ...rest, publicKeyJwk: w.public_key_jwk === null ? null : jwkOf(w.public_key_jwk) };
}

export function toCreateMerchantInput(w: Wire<typeof createMerchantBody>): CreateMerchantInput {
  return {
    legalName: w.legal_name,
    country: w.country,
    taxId: w.tax_id ?? null,
    category: w.category,
    feeBps: w.fee_bps ?? null,
    taxRateBps: w.tax_rate_bps ?? null,
    invoicePrefix: w.invoice_prefix ?? null,
    metadata: w.metadata ?? {},
  };
}

export function toUpdateMerchantInput(w: Wire<typeof updateMerchantBody>): UpdateMerchantInput {
  return definedFields(w, {
    legal_name: "legalName",
    country: "country",
    tax_id: "taxId",
    category: "category",
    fee_bps: "feeBps",
    tax_rate_bps: "taxRateBps",
    invoice_prefix: "invoicePrefix",
    status: "status",
    metadata: "metadata",
  }) as UpdateMerchantInput;
}

export function toCreateOperatorInput(w: Wire<typeof createOperatorBody>): CreateOperatorInput {
  return { name: w.name, role: w.role };
}

// ---- objects -----------------------------------------------------------------------------

const created = z.int().describe("Creation time in seconds since the Unix epoch.");
const metadataObject = z.record(z.string(), z.string());

export const userObject = z.object({
  id: z.string(),
  object: z.literal("user"),
  name: z.string(),
  email: z.string().nullable(),
  kyc_level: z.int(),
  residency_region: z.string(),
  timezone: z.string(),
  status: z.enum(USER_STATUSES),
  metadata: metadataObject,
  created,
});

export const agentObject = z.object({
  id: z.string(),
  object: z.literal("agent"),
  user: z.string().describe("The owning user."),
  display_name: z.string(),
  public_key_jwk: z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string() }).nullable(),
  status: z.enum(AGENT_STATUSES),
  metadata: metadataObject,
  created,
});

export const merchantObject = z.object({
  id: z.string(),
  object: z.literal("merchant"),
  legal_name: z.string(),
  country: z.string(),
  tax_id: z.string().nullable(),
  category: z.string(),
  fee_bps: z.int().nullable(),
  tax_rate_bps: z.int().nullable().describe("VAT rate on invoices in basis points; null = not subject to VAT."),
  invoice_prefix: z.string().nullable().describe("Invoice number prefix; null = derived from the merchant id."),
  status: z.enum(MERCHANT_STATUSES),
  metadata: metadataObject,
  created,
});

export const operatorObject = z.object({
  id: z.string(),
  object: z.literal("operator"),
  name: z.string(),
  role: z.enum(OPERATOR_ROLES),
  created,
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ object: z.literal("list"), data: z.array(item), has_more: z.boolean() });

export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);

export function presentUser(u: User): z.output<typeof userObject> {
  return {
    id: u.id,
    object: "user",
    name: u.name,
    email: u.email,
    kyc_level: u.kycLevel,
    residency_region: u.residencyRegion,
    timezone: u.timezone,
    status: u.status,
    metadata: { ...u.metadata },
    created: unixSeconds(u.createdAtMs),
  };
}

export function presentAgent(a: Agent): z.output<typeof agentObject> {
  return {
    id: a.id,
    object: "agent",
    user: a.userId,
    display_name: a.displayName,
    public_key_jwk: a.publicKeyJwk === null ? null : { ...a.publicKeyJwk },
    status: a.status,
    metadata: { ...a.metadata },
    created: unixSeconds(a.createdAtMs),
  };
}

export function presentMerchant(m: Merchant): z.output<typeof merchantObject> {
  return {
    id: m.id,
    object: "merchant",
    legal_name: m.legalName,
    country: m.country,
    tax_id: m.taxId,
    category: m.category,
    fee_bps: m.feeBps,
    tax_rate_bps: m.taxRateBps,
    invoice_prefix: m.invoicePrefix,
    status: m.status,
    metadata: { ...m.metadata },
    created: unixSeconds(m.createdAtMs),
  };
}

export function presentOperator(o: Operator): z.output<typeof operatorObject> {
  return { id: o.id, object: "operator", name: o.name, role: o.role, created: unixSeconds(o.createdAtMs) };
}

export function presentPage<T, W>(page: Page<T>, present: (item: T) => W): { object: "list"; data: W[]; has_more: boolean } {
  return { object: "list", data: page.data.map(present), has_more: page.hasMore };
}
