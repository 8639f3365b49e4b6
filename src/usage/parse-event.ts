/**
 * The shape of one usage event, checked by hand: this runs for every event at hundreds of
 * thousands a second, where a schema library's generic walk would cost more than the insert.
 * The HTTP edge checks only the batch envelope and lets this report a malformed event as that
 * event's rejection, so one bad event does not cost a batch its good ones. The documented shape
 * (for OpenAPI and MCP) is `usageEventInput` in schema.ts; the two are tested to agree.
 */
import { type UsageError, usageError } from "./errors.js";
import { EVENT_ID_LENGTH_MAX, EVENT_PROPERTIES_JSON_LENGTH_MAX, EVENT_TYPE_LENGTH_MAX, OBJECT_ID_LENGTH_MAX, TIMESTAMP_S_MAX } from "./limits.js";

export interface ParsedEvent {
  readonly ok: true;
  readonly index: number;
  readonly id: string;
  readonly subscriptionId: string;
  readonly type: string;
  readonly timestampMs: number;
  readonly properties: Readonly<Record<string, unknown>>;
  /** The properties as stored: JSON text of what was received. */
  readonly propertiesJson: string;
  /** As sent; null lets the meter decide (pending for outcome-based meters, else confirmed). */
  readonly status: "pending" | "confirmed" | null;
}

export interface MalformedEvent {
  readonly ok: false;
  readonly index: number;
  readonly id: string | null;
  readonly error: UsageError;
}

const EVENT_KEYS: ReadonlySet<string> = new Set(["id", "subscription_id", "type", "timestamp", "properties", "status"]);
/** Printable ASCII: JavaScript, SQLite and PostgreSQL ("C" collation) then order ids alike. */
const EVENT_ID_PATTERN = new RegExp(`^[\\x20-\\x7e]{1,${EVENT_ID_LENGTH_MAX}}$`);
/**
 * A timestamp in seconds times 1000 is a whole number of ms up to float error (≈ 4·10⁻⁴ at
 * 10¹¹ s); anything further off carries sub-millisecond digits.
 */
const MS_TOLERANCE = 1e-3;
const EMPTY_PROPERTIES = "{}";

/**
 * The first field that is not an event field, or null. Counting the known fields present and
 * comparing with the number of keys is cheaper than testing every key (the common case).
 */
function unknownKey(e: Record<string, unknown>): string | null {
  const keys = Object.keys(e);
  let known = 3;
  if (e.timestamp !== undefined) known++;
  if (e.properties !== undefined) known++;
  if (e.status !== undefined) known++;
  if (keys.length === known) return null;
  const extra = keys.find((k) => !EVENT_KEYS.has(k));
  return extra === undefined ? null : extra.slice(0, EVENT_TYPE_LENGTH_MAX);
}

function malformed(index: number, id: string | null, message: string, field: string): MalformedEvent {
  return { ok: false, index, id, error: usageError("validation_error", message, `events[${index}].${field}`) };
}

/**
 * One raw event (parsed JSON) to a ParsedEvent, or why not. `nowMs` is the timestamp of an event
 * that has none.
 */
export function parseEvent(raw: unknown, index: number, nowMs: number): ParsedEvent | MalformedEvent {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, index, id: null, error: usageError("validation_error", "an event must be an object", `events[${index}]`) };
  }
  const e = raw as Record<string, unknown>;
  const id = typeof e.id === "string" && EVENT_ID_PATTERN.test(e.id) ? e.id : null;
  if (id === null) return malformed(index, null, `id must be 1 to ${EVENT_ID_LENGTH_MAX} printable ASCII characters`, "id");
  const unknown = unknownKey(e);
  if (unknown !== null) return malformed(index, id, `unknown field ${unknown}`, unknown);
  const sub = e.subscription_id;
  if (typeof sub !== "string" || sub.length === 0 || sub.length > OBJECT_ID_LENGTH_MAX) {
    return malformed(index, id, "subscription_id must be a subscription id (sub_…)", "subscription_id");
  }
  const type = e.type;
  if (typeof type !== "string" || type.length === 0 || type.length > EVENT_TYPE_LENGTH_MAX) {
    return malformed(index, id, `type must be a meter's event type (1 to ${EVENT_TYPE_LENGTH_MAX} characters)`, "type");
  }
  const timestampMs = parseTimestamp(e.timestamp, nowMs);
  if (timestampMs === null) {
    return malformed(index, id, "timestamp must be Unix seconds (a number, at most 3 decimals for milliseconds)", "timestamp");
  }
  const status = e.status;
  if (status !== undefined && status !== "pending" && status !== "confirmed") {
    return malformed(index, id, "status must be pending or confirmed", "status");
  }
  return withProperties(index, id, sub, type, timestampMs, status ?? null, e.properties);
}

function withProperties(
  index: number,
  id: string,
  subscriptionId: string,
  type: string,
  timestampMs: number,
  status: "pending" | "confirmed" | null,
  raw: unknown,
): ParsedEvent | MalformedEvent {
  if (raw === undefined) {
    return { ok: true, index, id, subscriptionId, type, timestampMs, properties: {}, propertiesJson: EMPTY_PROPERTIES, status };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return malformed(index, id, "properties must be an object", "properties");
  const propertiesJson = JSON.stringify(raw);
  if (propertiesJson.length > EVENT_PROPERTIES_JSON_LENGTH_MAX) {
    return malformed(index, id, `properties must be at most ${EVENT_PROPERTIES_JSON_LENGTH_MAX} characters of JSON`, "properties");
  }
  const properties = raw as Record<string, unknown>;
  return { ok: true, index, id, subscriptionId, type, timestampMs, properties, propertiesJson, status };
}

/** Unix seconds with up to millisecond precision to ms; absent means now. Null when invalid. */
export function parseTimestamp(raw: unknown, nowMs: number): number | null {
  if (raw === undefined) return nowMs;
  if (typeof raw !== "number" || !(raw >= 0 && raw <= TIMESTAMP_S_MAX)) return null;
  const scaled = raw * 1000;
  const ms = Math.round(scaled);
  return Math.abs(scaled - ms) <= MS_TOLERANCE ? ms : null;
}
