/** Failures the SDK reports as exceptions, carrying the API's error object where there is one. */

/** The API's one error shape (`{ error: { type, code, message, param?, decline_code?, payment? } }`). */
export interface AgentPayErrorBody {
  readonly type: string;
  readonly code: string;
  readonly message: string;
  readonly param?: string;
  /** For declines (`code: payment_declined`): why, as a machine-readable code. */
  readonly decline_code?: string;
  readonly payment?: unknown;
}

export class AgentPayError extends Error {
  override name = "AgentPayError";
  constructor(
    /** The HTTP status AgentPay answered with. */
    readonly status: number,
    readonly body: AgentPayErrorBody,
  ) {
    super(`${body.code}${body.decline_code === undefined ? "" : ` (${body.decline_code})`}: ${body.message}`);
  }
  get code(): string {
    return this.body.code;
  }
  get declineCode(): string | undefined {
    return this.body.decline_code;
  }
}

/** The error object of an openapi-fetch failure, whatever shape the server answered with. */
export function agentPayError(response: Response, error: unknown): AgentPayError {
  const body = (error as { error?: AgentPayErrorBody } | undefined)?.error;
  if (body !== undefined && typeof body.code === "string") return new AgentPayError(response.status, body);
  return new AgentPayError(response.status, { type: "api_error", code: "unexpected_response", message: `AgentPay answered ${response.status}` });
}
