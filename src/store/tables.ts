import type { Generated } from "kysely";


/** Row shapes as the query builder sees them. Integers are bigint on both engines. */
export interface LedgerAccountRow {
  id: string;
  currency: string;
  code: bigint;
  owner_ref: string | null;
  flags: bigint;
  debits_pending: bigint;
  debits_posted: bigint;
  credits_pending: bigint;
  credits_posted: bigint;
  metadata: string | null;
  timestamp: bigint;
}

export interface LedgerTransferRow {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: bigint;
  currency: string;
  code: bigint;
  pending_id: string | null;
  timeout_s: bigint;
  flags: bigint;
  expires_at: bigint | null;
  pending_status: string | null;
  business_unit: string | null;
  cost_centre: string | null;
  session_id: string | null;
  intent_id: string | null;
  metadata: string | null;
  timestamp: bigint;
}

export interface LedgerHistoryRow {
  account_id: string;
  timestamp: bigint;
  transfer_id: string;
  debits_pending: bigint;
  debits_posted: bigint;
  credits_pending: bigint;
  credits_posted: bigint;
}

export interface UserRow {
  id: string;
  name: string;
  email: string | null;
  kyc_level: bigint;
  residency_region: string;
  timezone: string;
  status: string;
  metadata: string | null;
  created_at: bigint;
}

export interface AgentRow {
  id: string;
  user_id: string;
  display_name: string;
  public_key_jwk: string | null;
  status: string;
  metadata: string | null;
  created_at: bigint;
}

export interface MerchantRow {
  id: string;
  legal_name: string;
  country: string;
  tax_id: string | null;
  category: string;
  fee_bps: bigint | null;
  status: string;
  metadata: string | null;
  created_at: bigint;
}

export interface OperatorRow {
  id: string;
  name: string;
  role: string;
  created_at: bigint;
}

export interface ApiKeyRow {
  id: string;
  prefix: string;
  secret_hash: string;
  principal_type: string;
  principal_id: string;
  scopes: string;
  name: string | null;
  created_at: bigint;
  revoked_at: bigint | null;
}

export interface AuditEventRow {
  seq: Generated<bigint>;
  id: string;
  occurred_at: bigint;
  actor_type: string;
  actor_id: string;
  action: string;
  object_type: string;
  object_id: string;
  user_id: string | null;
  intent_id: string | null;
  mandate_id: string | null;
  payment_id: string | null;
  before_status: string | null;
  after_status: string | null;
  request_id: string | null;
  data: string | null;
}

export interface SigningKeyRow {
  kid: string;
  public_jwk: string;
  private_jwk: string;
  created_at: bigint;
  retired_at: bigint | null;
}

export interface MandateRow {
  id: string;
  user_id: string;
  agent_id: string;
  status: string;
  instruction: string;
  currency: string;
  amount_min: bigint;
  amount_max: bigint;
  budget_total: bigint | null;
  budget_day: bigint | null;
  budget_week: bigint | null;
  budget_month: bigint | null;
  session_budget: bigint | null;
  allowed_merchants: string | null;
  allowed_categories: string | null;
  not_before: bigint;
  not_after: bigint;
  recurrence_frequency: string | null;
  recurrence_max: bigint | null;
  step_up_threshold: bigint | null;
  timezone: string;
  jws: string;
  metadata: string | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface PaymentRow {
  id: string;
  agent_id: string;
  user_id: string;
  mandate_id: string;
  merchant_id: string;
  status: string;
  amount: bigint;
  currency: string;
  amount_captured: bigint;
  amount_refunded: bigint;
  fee_amount: bigint;
  capture_method: string;
  description: string | null;
  line_items: string | null;
  order_reference: string | null;
  business_unit: string | null;
  cost_centre: string | null;
  session_id: string | null;
  intent_id: string;
  intent_hash: string | null;
  intent_at: bigint | null;
  decline_code: string | null;
  cancellation_reason: string | null;
  idempotency_key: string | null;
  approval_id: string | null;
  hold_expires_at: bigint | null;
  budget_lines: string;
  request_hash: string | null;
  receipt_jws: string | null;
  metadata: string | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface ApprovalRow {
  id: string;
  payment_id: string;
  user_id: string;
  status: string;
  reason: string;
  expires_at: bigint;
  decided_at: bigint | null;
  decided_by: string | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface RefundRow {
  id: string;
  payment_id: string;
  merchant_id: string;
  amount: bigint;
  currency: string;
  reason: string | null;
  status: string;
  created_by: string;
  created_at: bigint;
}

export interface IdempotencyKeyRow {
  scope: string;
  key: string;
  fingerprint: string;
  status_code: bigint;
  response: string;
  created_at: bigint;
  expires_at: bigint;
}

export interface FundingTransferRow {
  id: string;
  kind: string;
  party_id: string;
  amount: bigint;
  currency: string;
  connector: string;
  status: string;
  failure_code: string | null;
  external_id: string | null;
  created_at: bigint;
}

export interface PaymentRequestRow {
  id: string;
  merchant_id: string;
  amount: bigint;
  currency: string;
  resource: string;
  description: string | null;
  nonce: string;
  status: string;
  expires_at: bigint;
  payer_agent_id: string | null;
  payment_id: string | null;
  jws: string;
  metadata: string | null;
  paid_at: bigint | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface WebhookEndpointRow {
  id: string;
  owner_type: string;
  owner_id: string;
  url: string;
  description: string | null;
  enabled_events: string;
  status: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: bigint | null;
  consecutive_failures: bigint;
  probe_after: bigint | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface WebhookDeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_seq: bigint;
  event_type: string;
  payload: string;
  status: string;
  attempts: bigint;
  next_attempt_at: bigint | null;
  last_attempt_at: bigint | null;
  last_response_status: bigint | null;
  last_error: string | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface WebhookDispatchCursorRow {
  name: string;
  next_seq: bigint;
  gaps: string;
  updated_at: bigint;
}

export interface Tables {
  webhook_endpoints: WebhookEndpointRow;
  webhook_deliveries: WebhookDeliveryRow;
  webhook_dispatch_cursor: WebhookDispatchCursorRow;
  payment_requests: PaymentRequestRow;
  funding_transfers: FundingTransferRow;
  payments: PaymentRow;
  approvals: ApprovalRow;
  refunds: RefundRow;
  idempotency_keys: IdempotencyKeyRow;
  signing_keys: SigningKeyRow;
  mandates: MandateRow;
  users: UserRow;
  agents: AgentRow;
  merchants: MerchantRow;
  operators: OperatorRow;
  api_keys: ApiKeyRow;
  audit_events: AuditEventRow;
  ledger_accounts: LedgerAccountRow;
  ledger_transfers: LedgerTransferRow;
  ledger_account_history: LedgerHistoryRow;
}
