export * from "./types.js";
export * from "./schema.js";
export { type MandateDeps, type PartiesPort } from "./deps.js";
export { BudgetAccounts, type BudgetAsk, type BudgetLevel, type BudgetLine, budgetLines, budgetSpend, COUNT_CURRENCY } from "./budgets.js";
export { createMandate, mandateClaims, MANDATE_JWS_TYPE } from "./create-mandate.js";
export { effectiveStatus, getMandate, listMandates, loadMandate, MANDATE_PAGE_SIZE_MAX, maySee, type MandateView, viewMandate } from "./read-mandates.js";
export { changeMandateStatus, type MandateAction } from "./change-mandate-status.js";
export { isTimeZone, periodKey, type Period } from "./periods.js";
