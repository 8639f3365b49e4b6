/** Parties: users, agents, merchants, operators, and the ledger accounts that belong to them. */
export * from "./types.js";
export * from "./limits.js";
export * from "./schema.js";
export { COUNTRY_CODES, isCountryCode } from "./countries.js";
export { type CreateUserInput, createUser } from "./create-user.js";
export { type UpdateUserInput, updateUser } from "./update-user.js";
export { getUser } from "./get-user.js";
export { listUsers } from "./list-users.js";
export { type CreateAgentInput, createAgent } from "./create-agent.js";
export { type UpdateAgentInput, updateAgent } from "./update-agent.js";
export { setAgentStatus } from "./set-agent-status.js";
export { getAgent } from "./get-agent.js";
export { listAgents } from "./list-agents.js";
export { type CreateMerchantInput, createMerchant } from "./create-merchant.js";
export { type UpdateMerchantInput, updateMerchant } from "./update-merchant.js";
export { getMerchant } from "./get-merchant.js";
export { listMerchants } from "./list-merchants.js";
export { type CreateOperatorInput, createOperator } from "./create-operator.js";
export { getOperator } from "./get-operator.js";
export { listOperators } from "./list-operators.js";
export { type Access, denied, notFound } from "./policy.js";
export { type PrincipalRecord, principalPrefixOf, resolvePrincipal } from "./principals.js";
export { findAgent, findMerchant, findUser } from "./store.js";
export {
  ensureMerchantAccount,
  ensureWallet,
  MERCHANT_PAYABLE_ACCOUNT_CODE,
  merchantAccountId,
  WALLET_ACCOUNT_CODE,
  walletAccountId,
  type WalletBalance,
  walletBalances,
} from "./wallets.js";
