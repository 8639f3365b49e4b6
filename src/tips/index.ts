/**
 * Tips: an agent tips a creator or developer (a merchant) under a mandate that allows tips, with
 * the user's per-recipient and per-day caps enforced as ledger budgets. Tips are payments of
 * purpose `tip`; they are read and listed as payments (`GET /v1/payments?purpose=tip`).
 */
export { sendTipBody, type SendTipBody, TIP_MESSAGE_LENGTH_MAX, TIP_REFERENCE_LENGTH_MAX } from "./schema.js";
export { sendTip } from "./send-tip.js";
export { checkTipRetry, type TipIdentity } from "./retry-tip.js";
