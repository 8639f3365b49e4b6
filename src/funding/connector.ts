/**
 * Funding connectors move money between AgentPay and the outside world: a top-up collects from
 * the user's external instrument into their wallet, a payout disburses a merchant's balance to
 * their bank. Real connectors (a card acquirer, a bank) plug in behind this interface.
 */
export type ConnectorOutcome =
  | { readonly ok: true; readonly externalId: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

export interface FundingRequest {
  /** Our id for the movement; a connector must treat it as its idempotency key. */
  readonly reference: string;
  readonly partyId: string;
  readonly amount: bigint;
  readonly currency: string;
  /** The instrument, as the connector names it. */
  readonly source: string;
}

export interface FundingConnector {
  readonly name: string;
  collect(request: FundingRequest): Promise<ConnectorOutcome>;
  disburse(request: FundingRequest): Promise<ConnectorOutcome>;
}

/** Sources the sandbox understands; anything else is refused. */
export const SANDBOX_SOURCES = ["sandbox_ok", "sandbox_decline", "sandbox_delay", "sandbox_error"] as const;
export const SANDBOX_DELAY_MS = 250;

/**
 * The sandbox connector — for tests, demos and local development; it moves no real money. Its
 * source picks the outcome: `sandbox_ok` settles at once, `sandbox_delay` after a delay,
 * `sandbox_decline` is refused by the "bank", `sandbox_error` fails like an unreachable bank.
 */
export function sandboxConnector(delayMs = SANDBOX_DELAY_MS): FundingConnector {
  const outcome = async (request: FundingRequest): Promise<ConnectorOutcome> => {
    switch (request.source) {
      case "sandbox_ok":
        return { ok: true, externalId: `sbx_${request.reference}` };
      case "sandbox_delay":
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return { ok: true, externalId: `sbx_${request.reference}` };
      case "sandbox_decline":
        return { ok: false, code: "source_declined", message: "The sandbox bank declined the transfer." };
      default:
        return { ok: false, code: "connector_unavailable", message: "The sandbox bank did not answer." };
    }
  };
  return { name: "sandbox", collect: outcome, disburse: outcome };
}
