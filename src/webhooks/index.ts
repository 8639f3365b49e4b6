/**
 * Webhooks: endpoints registered by users and merchants, events taken from the audit trail (the
 * transactional outbox), deliveries signed per the Standard Webhooks spec with retries.
 */
export * from "./types.js";
export * from "./schema.js";
export { WEBHOOK_EVENT_TYPES, type WebhookEventType, type EventPayload } from "./events.js";
export {
  checkWebhookSettings,
  DEFAULT_WEBHOOK_SETTINGS,
  loadWebhookSettings,
  RETRY_SCHEDULE_MS,
  type TargetPolicy,
  type WebhookSettings,
} from "./settings.js";
export { type CreateEndpointInput, createEndpoint, ENDPOINTS_PER_OWNER_MAX } from "./create-endpoint.js";
export { type UpdateEndpointInput, updateEndpoint } from "./update-endpoint.js";
export { deleteEndpoint } from "./delete-endpoint.js";
export { rotateSecret } from "./rotate-secret.js";
export { getEndpoint, listEndpoints } from "./read-endpoints.js";
export { listDeliveries } from "./list-deliveries.js";
export { replayDelivery } from "./replay-delivery.js";
export { dispatchEvents } from "./dispatch.js";
export { purgeDeliveries, startWebhookWorker, type WebhookWorker } from "./worker.js";
