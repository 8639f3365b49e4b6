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
  tax_rate_bps: bigint | null;
  invoice_prefix: string | null;
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
  tip_recipient_day_max: bigint | null;
  tip_day_max: bigint | null;
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
  purpose: string;
  subscription_id: string | null;
  tip_message: string | null;
  /** The moment a recurring charge was due: the recurrence slot it takes (014). */
  recurrence_at: bigint | null;
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

export interface MeterRow {
  id: string;
  merchant_id: string;
  name: string;
  event_type: string;
  aggregation: string;
  value_property: string | null;
  value_scale_digits: bigint;
  group_by: string;
  outcome_based: bigint;
  dispute_window_s: bigint | null;
  status: string;
  metadata: string | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface PlanRow {
  id: string;
  merchant_id: string;
  name: string;
  description: string | null;
  currency: string;
  interval: string;
  billing_anchor: string;
  charging_mode: string;
  flat_fee_fine: bigint;
  reservation_amount: bigint | null;
  charges: string;
  status: string;
  metadata: string | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface SubscriptionRow {
  id: string;
  merchant_id: string;
  plan_id: string;
  user_id: string;
  agent_id: string;
  mandate_id: string;
  currency: string;
  status: string;
  charging_mode: string;
  billing_anchor: string;
  timezone: string;
  anchor_at: bigint;
  period_number: bigint;
  current_period_start: bigint;
  current_period_end: bigint;
  cancel_at_period_end: bigint;
  cancel_reason: string | null;
  canceled_at: bigint | null;
  ended_at: bigint | null;
  reservation_amount: bigint | null;
  reserved_fine: bigint;
  consumed_fine: bigint;
  residual_fine: bigint;
  intent_id: string;
  intent_hash: string | null;
  idempotency_key: string;
  request_hash: string;
  buyer: string | null;
  metadata: string | null;
  created_at: bigint;
  updated_at: bigint;
}

export interface UsageEventRow {
  subscription_id: string;
  event_id: string;
  meter_id: string;
  timestamp: bigint;
  period_start: bigint;
  quantity: bigint;
  group_key: string;
  status: string;
  properties: string | null;
  ingested_at: bigint;
}

export interface UsageAggregateRow {
  subscription_id: string;
  meter_id: string;
  period_start: bigint;
  group_key: string;
  quantity: bigint;
  pending_quantity: bigint;
  event_count: bigint;
  latest_at: bigint | null;
  latest_event_id: string | null;
  updated_at: bigint;
}

export interface UsageUniqueValueRow {
  subscription_id: string;
  meter_id: string;
  period_start: bigint;
  group_key: string;
  value: string;
}

export interface BillingPostingRow {
  id: string;
  subscription_id: string;
  merchant_id: string;
  user_id: string;
  kind: string;
  period_number: bigint;
  period_start: bigint;
  period_end: bigint;
  currency: string;
  amount_fine: bigint;
  residual_before_fine: bigint;
  residual_after_fine: bigint;
  net_amount: bigint;
  tax_amount: bigint;
  total_amount: bigint;
  quantities: string;
  status: string;
  decline_code: string | null;
  payment_id: string | null;
  refund_id: string | null;
  invoice_id: string | null;
  created_at: bigint;
  updated_at: bigint;
  tax_rate_bps: bigint | null;
  document: string | null;
}

export interface InvoiceRow {
  id: string;
  number: string;
  merchant_id: string;
  subscription_id: string | null;
  user_id: string;
  posting_id: string | null;
  payment_id: string | null;
  status: string;
  type_code: string;
  currency: string;
  period_start: bigint | null;
  period_end: bigint | null;
  issued_at: bigint;
  seller: string;
  buyer: string;
  lines: string;
  tax_lines: string;
  subtotal_amount: bigint;
  tax_amount: bigint;
  total_amount: bigint;
  reverse_charge: bigint;
  preceding_invoice_id: string | null;
  note: string | null;
  created_at: bigint;
  updated_at: bigint;
  timezone: Generated<string>;
  preceding_invoice_number: string | null;
  preceding_invoice_issued_at: bigint | null;
}

export interface InvoiceCounterRow {
  merchant_id: string;
  last_number: bigint;
}

export interface Tables {
  meters: MeterRow;
  plans: PlanRow;
  subscriptions: SubscriptionRow;
  usage_events: UsageEventRow;
  usage_aggregates: UsageAggregateRow;
  usage_unique_values: UsageUniqueValueRow;
  billing_postings: BillingPostingRow;
  invoices: InvoiceRow;
  invoice_counters: InvoiceCounterRow;
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
