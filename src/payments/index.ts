/** Payments: agents pay merchants under mandates; holds, captures, step-up approvals, refunds, receipts. */
export * from "./types.js";
export * from "./schema.js";
export { DECLINE_CODES, DECLINE_MESSAGES, type DeclineCode } from "./declines.js";
export { HOLD_TIMEOUT_S_MAX } from "./authorize.js";
export { allowAllRisk, DEFAULT_PAYMENT_SETTINGS, type PaymentDeps, type PaymentSettings, type RiskDecision, type RiskHook } from "./deps.js";
export { createPayment, type PaymentPurposeOptions, recurrenceAtAccepted } from "./create-payment.js";
export { cancelPayment, capturePayment } from "./settle-payment.js";
export { decideApproval } from "./decide-approval.js";
export { refundPayment, type RefundOptions } from "./refund-payment.js";
export { findPaymentByKey } from "./store.js";
export { approvalsOf, getApproval, getPayment, listPayments, listRefunds, PAYMENT_PAGE_SIZE_MAX, paymentReceipt, RECEIPT_JWS_TYPE } from "./read-payments.js";
export { sweepPayments, SWEEP_INTERVAL_MS } from "./sweep.js";
export { KYC_LIMITS_MAJOR } from "./kyc.js";
