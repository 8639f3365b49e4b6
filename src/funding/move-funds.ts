/**
 * Top-ups and payouts. The connector is called first; only money it confirmed enters (or leaves)
 * the ledger, through the connector's clearing account. The movement's id derives from the
 * caller's idempotency key, so a retry never collects or disburses twice on our side, and the
 * connector gets the same reference to dedupe on theirs.
 */
import { createHash } from "node:crypto";
import { auditRow } from "../audit/index.js";
import type { Clock } from "../core/clock.js";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import { err, ok, type Result } from "../core/result.js";
import { AccountFlag, type Ledger, NO_TAGS, type RowWrite, type TransferInput, TransferFlag } from "../ledger/index.js";
import { ensureMerchantAccount, ensureWallet, merchantAccountId } from "../parties/index.js";
import type { Database, FundingTransferRow } from "../store/index.js";
import type { FundingConnector } from "./connector.js";

export const CLEARING_ACCOUNT_CODE = 1100;
export const TOPUP_TRANSFER_CODE = 1101;
export const PAYOUT_TRANSFER_CODE = 1102;

export interface FundingDeps {
  readonly database: Database;
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly connector: FundingConnector;
}

export interface FundingMove {
  readonly id: string;
  readonly kind: "topup" | "payout";
  readonly partyId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly connector: string;
  readonly status: "succeeded" | "failed";
  readonly failureCode: string | null;
  readonly createdAtMs: number;
}

export interface FundingInput {
  readonly partyId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly source: string;
}

export const PAYOUT_PROBE_ACCOUNT_CODE = 1103;

export const clearingAccountId = (connector: string, currency: string): string => `clearing:${connector}:${currency}`;
const payoutProbeId = (currency: string): string => `payout-probe:${currency}`;

export async function moveFunds(
  deps: FundingDeps,
  actor: Principal,
  kind: "topup" | "payout",
  input: FundingInput,
  idempotencyKey: string,
  requestId: string | null,
): Promise<Result<FundingMove, ApiError>> {
  const prefix = kind === "topup" ? "top" : "pyo";
  const id = `${prefix}_${createHash("sha256").update(`${actor.type}:${actor.id}\n${idempotencyKey}`).digest("hex").slice(0, 26)}`;
  const earlier = await find(deps, id);
  if (earlier !== undefined) return ok(earlier);
  // Checked before any account is opened: a refused payout leaves nothing behind. A retry whose
  // earlier attempt already holds the money (and crashed before settling it) carries on instead.
  if (kind === "payout" && (await deps.ledger.transfer(`payout:${id}:hold`)) === undefined) {
    const [account] = await deps.ledger.accounts([merchantAccountId(input.partyId, input.currency)]);
    const available = account === undefined ? 0n : account.creditsPosted - account.debitsPosted - account.debitsPending;
    if (available < input.amount) return err(new ApiError("validation_error", `Only ${available} is available to pay out.`, "amount"));
  }
  const [partyAccount, clearing] = await accounts(deps, kind, input);
  // A payout holds the money in the ledger before the connector disburses it: payouts racing on
  // one balance cannot all pass the check above and pay out more than there is.
  if (kind === "payout" && !(await reservePayout(deps, id, partyAccount, clearing, input))) {
    return err(new ApiError("validation_error", "The balance no longer covers this payout.", "amount"));
  }
  const request = { reference: id, partyId: input.partyId, amount: input.amount, currency: input.currency, source: input.source };
  const outcome = kind === "topup" ? await deps.connector.collect(request) : await deps.connector.disburse(request);
  const nowMs = deps.clock.nowMs();
  const move: FundingMove = {
    id,
    kind,
    partyId: input.partyId,
    amount: input.amount,
    currency: input.currency,
    connector: deps.connector.name,
    status: outcome.ok ? "succeeded" : "failed",
    failureCode: outcome.ok ? null : outcome.code,
    createdAtMs: nowMs,
  };
  const rows = (): RowWrite[] => [
    { kind: "insert", table: "funding_transfers", values: toRow(move, outcome.ok ? outcome.externalId : null), onConflictDoNothing: true },
    {
      kind: "insert",
      table: "audit_events",
      values: auditRow(
        {
          actor,
          action: `${kind}.${move.status}`,
          objectType: kind,
          objectId: id,
          userId: kind === "topup" ? input.partyId : null,
          afterStatus: move.status,
          requestId,
          data: { amount: input.amount.toString(), currency: input.currency, connector: move.connector, failure_code: move.failureCode },
        },
        nowMs,
      ),
    },
  ];
  if (!outcome.ok) {
    // No money moved (a payout's hold is released); the failed attempt is still recorded, with
    // its audit event, in one commit.
    const release = kind === "payout" ? [settleHold(id, TransferFlag.voidPendingTransfer)] : [];
    await deps.ledger.submitTransfers(release, { effects: rows });
    return ok((await find(deps, id)) ?? move);
  }
  const transfer: TransferInput =
    kind === "topup"
      ? {
          id: `${kind}:${id}`,
          debitAccountId: clearing,
          creditAccountId: partyAccount,
          amount: input.amount,
          currency: input.currency,
          code: TOPUP_TRANSFER_CODE,
          pendingId: null,
          timeoutS: 0,
          flags: 0,
          tags: NO_TAGS,
          metadata: JSON.stringify({ [kind]: id }),
        }
      : settleHold(id, TransferFlag.postPendingTransfer);
  await deps.ledger.submitTransfers([transfer], { effects: (results) => (results[0]?.result === "ok" ? rows() : []) });
  return ok((await find(deps, id))!);
}

/**
 * Holds a payout's amount on the merchant's account if, and only if, its available balance
 * covers it, in one linked chain (TigerBeetle's balance-conditional transfer): a balancing
 * transfer to a probe account takes at most what is available, the probe account (whose debits
 * must not exceed its credits) gives back the full amount — which fails unless all of it was
 * available — and the hold follows. Probe and give-back cancel out. A retry finds them existing.
 */
async function reservePayout(deps: FundingDeps, id: string, merchantAccount: string, clearing: string, input: FundingInput): Promise<boolean> {
  const leg = (suffix: string, debit: string, credit: string, flags: number): TransferInput => ({
    id: `payout:${id}:${suffix}`,
    debitAccountId: debit,
    creditAccountId: credit,
    amount: input.amount,
    currency: input.currency,
    code: PAYOUT_TRANSFER_CODE,
    pendingId: null,
    timeoutS: 0,
    flags,
    tags: NO_TAGS,
    metadata: JSON.stringify({ payout: id }),
  });
  const probe = payoutProbeId(input.currency);
  const results = await deps.ledger.submitTransfers([
    leg("probe", merchantAccount, probe, TransferFlag.linked | TransferFlag.balancingDebit),
    leg("give-back", probe, merchantAccount, TransferFlag.linked),
    leg("hold", merchantAccount, clearing, TransferFlag.pending),
  ]);
  return results.every((r) => r.result === "ok" || r.result === "exists");
}

function settleHold(id: string, flag: number): TransferInput {
  return {
    id: `payout:${id}`,
    debitAccountId: null,
    creditAccountId: null,
    amount: null,
    currency: null,
    code: 0,
    pendingId: `payout:${id}:hold`,
    timeoutS: 0,
    flags: flag,
    tags: NO_TAGS,
    metadata: JSON.stringify({ payout: id }),
  };
}

async function accounts(deps: FundingDeps, kind: "topup" | "payout", input: FundingInput): Promise<[string, string]> {
  const clearing = clearingAccountId(deps.connector.name, input.currency);
  const created = await deps.ledger.createAccounts([
    { id: clearing, currency: input.currency, code: CLEARING_ACCOUNT_CODE, ownerRef: deps.connector.name, flags: 0, metadata: null },
    ...(kind === "payout"
      ? [{ id: payoutProbeId(input.currency), currency: input.currency, code: PAYOUT_PROBE_ACCOUNT_CODE, ownerRef: null, flags: AccountFlag.debitsMustNotExceedCredits, metadata: null }]
      : []),
  ]);
  for (const r of created) if (r.result !== "ok" && r.result !== "exists") throw new Error(`funding account: ${r.result}`);
  const party =
    kind === "topup"
      ? await ensureWallet(deps.ledger, input.partyId, input.currency)
      : await ensureMerchantAccount(deps.ledger, input.partyId, input.currency);
  return [party, clearing];
}

async function find(deps: FundingDeps, id: string): Promise<FundingMove | undefined> {
  const row = await deps.database.db.selectFrom("funding_transfers").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

function fromRow(r: FundingTransferRow): FundingMove {
  return {
    id: r.id,
    kind: r.kind as FundingMove["kind"],
    partyId: r.party_id,
    amount: r.amount,
    currency: r.currency,
    connector: r.connector,
    status: r.status as FundingMove["status"],
    failureCode: r.failure_code,
    createdAtMs: Number(r.created_at),
  };
}

function toRow(m: FundingMove, externalId: string | null): Record<string, string | bigint | null> {
  return {
    id: m.id,
    kind: m.kind,
    party_id: m.partyId,
    amount: m.amount,
    currency: m.currency,
    connector: m.connector,
    status: m.status,
    failure_code: m.failureCode,
    external_id: externalId,
    created_at: BigInt(m.createdAtMs),
  };
}
