import type { Clock } from "../core/clock.js";
import type { Database } from "../store/index.js";
import type { WebhookEventType } from "./events.js";
import type { WebhookSettings } from "./settings.js";

export interface WebhookDeps {
  readonly database: Database;
  readonly clock: Clock;
  readonly settings: WebhookSettings;
}

/** `failing` is set by the worker after too many failed attempts in a row; owners set the others. */
export const ENDPOINT_STATUSES = ["enabled", "disabled", "failing"] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

/** Endpoints belong to a user or a merchant. */
export type OwnerType = "user" | "merchant";

export interface WebhookEndpoint {
  readonly id: string;
  readonly ownerType: OwnerType;
  readonly ownerId: string;
  readonly url: string;
  readonly description: string | null;
  /** Event types delivered, or `["*"]` for all. */
  readonly enabledEvents: readonly (WebhookEventType | "*")[];
  readonly status: EndpointStatus;
  readonly consecutiveFailures: number;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

/** An endpoint with a secret, as returned once at creation and at each rotation. */
export interface EndpointWithSecret {
  readonly endpoint: WebhookEndpoint;
  readonly secret: string;
}

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookDelivery {
  readonly id: string;
  readonly endpointId: string;
  /** The event's id: the `webhook-id` header of every attempt, replays included. */
  readonly eventId: string;
  readonly eventType: WebhookEventType;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAtMs: number | null;
  readonly lastAttemptAtMs: number | null;
  readonly lastResponseStatus: number | null;
  readonly lastError: string | null;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}
