/**
 * Wire formats of the ledger, as zod schemas reused by every transport (HTTP now, CLI and MCP
 * later). Amounts and balances travel as strings of digits: they are signed 64-bit integers and
 * JSON numbers lose precision past 2^53. Inputs accept a safe integer or a digit string.
 */
import { z } from "zod";
import { isCurrency, parseMinorUnits } from "../money/index.js";
import {
  CODE_MAX,
  ID_LENGTH_MAX,
  METADATA_BYTES_MAX,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  REQUEST_ACCOUNTS_MAX,
  REQUEST_TRANSFERS_MAX,
  TAG_LENGTH_MAX,
  TIMEOUT_S_MAX,
} from "./limits.js";
import {
  type Account,
  ACCOUNT_RESULTS,
  AccountFlag,
  type AccountInput,
  type AccountResult,
  type BalanceSnapshot,
  hasFlag,
  type Transfer,
  TRANSFER_RESULTS,
  TransferFlag,
  type TransferInput,
  type TransferResult,
} from "./types.js";

export const ledgerIdSchema = z
  .string()
  .min(1)
  .max(ID_LENGTH_MAX)
  .regex(/^[A-Za-z0-9_:.-]+$/, "ids are 1-128 characters of letters, digits, '_', ':', '.', '-'");

const currencySchema = z
  .string()
  .refine(isCurrency, { message: "must be an ISO 4217 currency code in upper case, e.g. CNY" })
  .meta({ example: "CNY" });

const amountSchema = z
  .union([z.int(), z.string()])
  .transform((value, ctx) => {
    const parsed = parseMinorUnits(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  })
  .meta({ description: "Positive integer amount in minor units; a string of digits above 2^53-1." });

const metadataSchema = z
  .record(z.string().max(64), z.unknown())
  .refine((m) => Buffer.byteLength(JSON.stringify(m)) <= METADATA_BYTES_MAX, {
    message: `metadata must serialise to at most ${METADATA_BYTES_MAX} bytes`,
  });

const tagSchema = z.string().min(1).max(TAG_LENGTH_MAX);

const transferFlagsSchema = z.strictObject({
  linked: z.boolean().optional(),
  pending: z.boolean().optional(),
  post_pending_transfer: z.boolean().optional(),
  void_pending_transfer: z.boolean().optional(),
  balancing_debit: z.boolean().optional(),
  balancing_credit: z.boolean().optional(),
  closing_debit: z.boolean().optional(),
  closing_credit: z.boolean().optional(),
});

const tagsSchema = z.strictObject({
  business_unit: tagSchema.optional(),
  cost_centre: tagSchema.optional(),
  session_id: tagSchema.optional(),
  intent_id: tagSchema.optional(),
});

export const transferInputSchema = z.strictObject({
  id: ledgerIdSchema.describe("Client-chosen, unique: the transfer's idempotency key."),
  debit_account_id: ledgerIdSchema.optional(),
  credit_account_id: ledgerIdSchema.optional(),
  amount: amountSchema.optional(),
  currency: currencySchema.optional(),
  code: z.int().min(0).max(CODE_MAX).optional().describe("Reason code; required except for post/void."),
  pending_id: ledgerIdSchema.optional(),
  timeout: z.int().min(0).max(TIMEOUT_S_MAX).optional().describe("Seconds a pending transfer stays open."),
  flags: transferFlagsSchema.optional(),
  tags: tagsSchema.optional(),
  metadata: metadataSchema.optional(),
}).refine((t) => t.debit_account_id === undefined || t.debit_account_id !== t.credit_account_id, {
  message: "debit_account_id and credit_account_id must be different accounts",
  path: ["credit_account_id"],
});

export const submitTransfersBody = z.strictObject({
  transfers: z.array(transferInputSchema).min(1).max(REQUEST_TRANSFERS_MAX),
});

const accountFlagsSchema = z.strictObject({
  debits_must_not_exceed_credits: z.boolean().optional(),
  credits_must_not_exceed_debits: z.boolean().optional(),
  history: z.boolean().optional(),
});

export const accountInputSchema = z.strictObject({
  id: ledgerIdSchema,
  currency: currencySchema,
  code: z.int().min(1).max(CODE_MAX).describe("Chart-of-accounts code."),
  owner_ref: z.string().min(1).max(TAG_LENGTH_MAX).optional(),
  flags: accountFlagsSchema.optional(),
  metadata: metadataSchema.optional(),
});

export const createAccountsBody = z.strictObject({
  accounts: z.array(accountInputSchema).min(1).max(REQUEST_ACCOUNTS_MAX),
});

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  starting_after: ledgerIdSchema.optional(),
});

type Flags<K extends string> = { readonly [P in K]?: boolean | undefined };

function bits<K extends string>(flags: Flags<K> | undefined, table: Partial<Record<K, number>> & Record<string, number>): number {
  let value = 0;
  if (flags === undefined) return value;
  for (const key of Object.keys(table) as K[]) if (flags[key] === true) value |= table[key];
  return value;
}

const TRANSFER_FLAG_BITS = {
  linked: TransferFlag.linked,
  pending: TransferFlag.pending,
  post_pending_transfer: TransferFlag.postPendingTransfer,
  void_pending_transfer: TransferFlag.voidPendingTransfer,
  balancing_debit: TransferFlag.balancingDebit,
  balancing_credit: TransferFlag.balancingCredit,
  closing_debit: TransferFlag.closingDebit,
  closing_credit: TransferFlag.closingCredit,
};

const ACCOUNT_FLAG_BITS = {
  debits_must_not_exceed_credits: AccountFlag.debitsMustNotExceedCredits,
  credits_must_not_exceed_debits: AccountFlag.creditsMustNotExceedDebits,
  history: AccountFlag.history,
  closed: AccountFlag.closed,
};

function flagObject<K extends string>(value: number, table: Record<K, number>): Record<K, boolean> {
  const out = {} as Record<K, boolean>;
  for (const key of Object.keys(table) as K[]) out[key] = hasFlag(value, table[key]);
  return out;
}

export function toTransferInput(w: z.output<typeof transferInputSchema>): TransferInput {
  return {
    id: w.id,
    debitAccountId: w.debit_account_id ?? null,
    creditAccountId: w.credit_account_id ?? null,
    amount: w.amount ?? null,
    currency: w.currency ?? null,
    code: w.code ?? 0,
    pendingId: w.pending_id ?? null,
    timeoutS: w.timeout ?? 0,
    flags: bits(w.flags, TRANSFER_FLAG_BITS),
    tags: {
      businessUnit: w.tags?.business_unit ?? null,
      costCentre: w.tags?.cost_centre ?? null,
      sessionId: w.tags?.session_id ?? null,
      intentId: w.tags?.intent_id ?? null,
    },
    metadata: w.metadata === undefined ? null : JSON.stringify(w.metadata),
  };
}

export function toAccountInput(w: z.output<typeof accountInputSchema>): AccountInput {
  return {
    id: w.id,
    currency: w.currency,
    code: w.code,
    ownerRef: w.owner_ref ?? null,
    flags: bits(w.flags, ACCOUNT_FLAG_BITS),
    metadata: w.metadata === undefined ? null : JSON.stringify(w.metadata),
  };
}

const digits = z.string().regex(/^-?[0-9]+$/);
const isoTime = z.string().describe("ISO 8601 time with microseconds truncated to milliseconds.");

export const accountObject = z.object({
  id: z.string(),
  object: z.literal("ledger_account"),
  currency: z.string(),
  code: z.int(),
  owner_ref: z.string().nullable(),
  flags: z.object(
    Object.fromEntries(Object.keys(ACCOUNT_FLAG_BITS).map((k) => [k, z.boolean()])) as Record<
      keyof typeof ACCOUNT_FLAG_BITS,
      z.ZodBoolean
    >,
  ),
  debits_pending: digits,
  debits_posted: digits,
  credits_pending: digits,
  credits_posted: digits,
  metadata: z.record(z.string(), z.unknown()).nullable(),
  timestamp: digits.describe("Microseconds since the Unix epoch."),
  created_at: isoTime,
});

export const transferObject = z.object({
  id: z.string(),
  object: z.literal("ledger_transfer"),
  debit_account_id: z.string(),
  credit_account_id: z.string(),
  amount: digits,
  currency: z.string(),
  code: z.int(),
  pending_id: z.string().nullable(),
  timeout: z.int(),
  flags: z.object(
    Object.fromEntries(Object.keys(TRANSFER_FLAG_BITS).map((k) => [k, z.boolean()])) as Record<
      keyof typeof TRANSFER_FLAG_BITS,
      z.ZodBoolean
    >,
  ),
  pending_status: z.enum(["pending", "posted", "voided", "expired"]).nullable(),
  expires_at: isoTime.nullable(),
  tags: z.object({
    business_unit: z.string().nullable(),
    cost_centre: z.string().nullable(),
    session_id: z.string().nullable(),
    intent_id: z.string().nullable(),
  }),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  timestamp: digits.describe("Microseconds since the Unix epoch; orders an account's history."),
  created_at: isoTime,
});

export const transferResultObject = z.object({
  object: z.literal("ledger_transfer_result"),
  index: z.int(),
  id: z.string(),
  result: z.enum(TRANSFER_RESULTS),
  transfer: transferObject.nullable(),
});

export const accountResultObject = z.object({
  object: z.literal("ledger_account_result"),
  index: z.int(),
  id: z.string(),
  result: z.enum(ACCOUNT_RESULTS),
  account: accountObject.nullable(),
});

export const balanceObject = z.object({
  object: z.literal("ledger_balance"),
  account_id: z.string(),
  at: isoTime,
  transfer_id: z.string().nullable().describe("The last transfer at or before `at`, if any."),
  debits_pending: digits,
  debits_posted: digits,
  credits_pending: digits,
  credits_posted: digits,
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ object: z.literal("list"), data: z.array(item), has_more: z.boolean() });

const isoFromMicros = (us: bigint): string => new Date(Number(us / 1_000n)).toISOString();
const parseMetadata = (m: string | null): Record<string, unknown> | null =>
  m === null ? null : (JSON.parse(m) as Record<string, unknown>);

export function presentAccount(a: Account): z.output<typeof accountObject> {
  return {
    id: a.id,
    object: "ledger_account",
    currency: a.currency,
    code: a.code,
    owner_ref: a.ownerRef,
    flags: flagObject(a.flags, ACCOUNT_FLAG_BITS),
    debits_pending: a.debitsPending.toString(),
    debits_posted: a.debitsPosted.toString(),
    credits_pending: a.creditsPending.toString(),
    credits_posted: a.creditsPosted.toString(),
    metadata: parseMetadata(a.metadata),
    timestamp: a.timestamp.toString(),
    created_at: isoFromMicros(a.timestamp),
  };
}

export function presentTransfer(t: Transfer): z.output<typeof transferObject> {
  return {
    id: t.id,
    object: "ledger_transfer",
    debit_account_id: t.debitAccountId,
    credit_account_id: t.creditAccountId,
    amount: t.amount.toString(),
    currency: t.currency,
    code: t.code,
    pending_id: t.pendingId,
    timeout: t.timeoutS,
    flags: flagObject(t.flags, TRANSFER_FLAG_BITS),
    pending_status: t.pendingStatus,
    expires_at: t.expiresAt === null ? null : isoFromMicros(t.expiresAt),
    tags: {
      business_unit: t.tags.businessUnit,
      cost_centre: t.tags.costCentre,
      session_id: t.tags.sessionId,
      intent_id: t.tags.intentId,
    },
    metadata: parseMetadata(t.metadata),
    timestamp: t.timestamp.toString(),
    created_at: isoFromMicros(t.timestamp),
  };
}

export function presentTransferResult(r: TransferResult, index: number): z.output<typeof transferResultObject> {
  return {
    object: "ledger_transfer_result",
    index,
    id: r.id,
    result: r.result,
    transfer: r.transfer === null ? null : presentTransfer(r.transfer),
  };
}

export function presentAccountResult(r: AccountResult, index: number): z.output<typeof accountResultObject> {
  return {
    object: "ledger_account_result",
    index,
    id: r.id,
    result: r.result,
    account: r.account === null ? null : presentAccount(r.account),
  };
}

export function presentBalance(
  accountId: string,
  atUs: bigint,
  s: BalanceSnapshot | undefined,
): z.output<typeof balanceObject> {
  return {
    object: "ledger_balance",
    account_id: accountId,
    at: isoFromMicros(atUs),
    transfer_id: s?.transferId ?? null,
    debits_pending: (s?.debitsPending ?? 0n).toString(),
    debits_posted: (s?.debitsPosted ?? 0n).toString(),
    credits_pending: (s?.creditsPending ?? 0n).toString(),
    credits_posted: (s?.creditsPosted ?? 0n).toString(),
  };
}
