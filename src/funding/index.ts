export { type ConnectorOutcome, type FundingConnector, type FundingRequest, SANDBOX_SOURCES, sandboxConnector } from "./connector.js";
export { clearingAccountId, type FundingDeps, type FundingInput, type FundingMove, moveFunds } from "./move-funds.js";
