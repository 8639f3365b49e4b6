/**
 * The platform's own ledger accounts for payments: fee revenue per currency and, per payment,
 * the refundable balance that caps its refunds.
 */
import { AccountFlag, type Ledger, NO_TAGS } from "../ledger/index.js";

export const FEE_REVENUE_CODE = 4100;
export const REFUND_CONTROL_CODE = 9200;
export const REFUNDABLE_CODE = 9201;

export const feeAccountId = (currency: string): string => `fees:${currency}`;
const refundSourceId = (currency: string): string => `refund-source:${currency}`;
const refundUsedId = (currency: string): string => `refund-used:${currency}`;
export const refundableAccountId = (paymentId: string): string => `refundable:${paymentId}`;

/** Fee accounts known to exist, per ledger (a process may open several, as tests do). */
const known = new WeakMap<Ledger, Set<string>>();

export async function ensureFeeAccount(ledger: Ledger, currency: string): Promise<string> {
  const id = feeAccountId(currency);
  let ids = known.get(ledger);
  if (ids?.has(id) === true) return id;
  const [r] = await ledger.createAccounts([{ id, currency, code: FEE_REVENUE_CODE, ownerRef: null, flags: 0, metadata: null }]);
  if (r?.result !== "ok" && r?.result !== "exists") throw new Error(`fee account ${id}: ${r?.result}`);
  if (ids === undefined) known.set(ledger, (ids = new Set()));
  ids.add(id);
  return id;
}

/**
 * A payment's refundable balance: an account funded once with the captured amount; every refund
 * debits it in the same chain as the money it returns, so concurrent refunds can never return
 * more than was captured.
 */
export async function ensureRefundable(ledger: Ledger, paymentId: string, currency: string, captured: bigint): Promise<string> {
  const id = refundableAccountId(paymentId);
  const created = await ledger.createAccounts([
    { id: refundSourceId(currency), currency, code: REFUND_CONTROL_CODE, ownerRef: null, flags: 0, metadata: null },
    { id: refundUsedId(currency), currency, code: REFUND_CONTROL_CODE, ownerRef: null, flags: 0, metadata: null },
    { id, currency, code: REFUNDABLE_CODE, ownerRef: paymentId, flags: AccountFlag.debitsMustNotExceedCredits, metadata: null },
  ]);
  for (const r of created) if (r.result !== "ok" && r.result !== "exists") throw new Error(`refundable ${id}: ${r.result}`);
  const [funded] = await ledger.submitTransfers([
    {
      id: `fund:${id}`,
      debitAccountId: refundSourceId(currency),
      creditAccountId: id,
      amount: captured,
      currency,
      code: REFUNDABLE_CODE,
      pendingId: null,
      timeoutS: 0,
      flags: 0,
      tags: NO_TAGS,
      metadata: null,
    },
  ]);
  if (funded?.result !== "ok" && funded?.result !== "exists") throw new Error(`refundable funding ${id}: ${funded?.result}`);
  return id;
}

export { refundUsedId };
