import { assertNever } from "./assert.js";

/**
 * The closed set of API error codes. Adding a code forces a decision on its HTTP status in
 * `httpStatusOf`, so no error ships without one.
 */
export type ApiErrorCode =
  | "validation_error"
  | "invalid_json"
  | "body_too_large"
  | "unsupported_media_type"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "route_not_found"
  | "method_not_allowed"
  | "conflict"
  | "idempotency_key_required"
  | "idempotency_key_in_use"
  | "idempotency_key_reused"
  | "payment_declined"
  | "insufficient_reservation"
  | "overloaded"
  | "internal_error";

export type ApiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "rate_limit_error"
  | "idempotency_error"
  | "payment_error"
  | "api_error";

export interface ApiErrorBody {
  readonly type: ApiErrorType;
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly param?: string;
  /** For declines: the machine-readable reason and the declined object. */
  readonly decline_code?: string;
  readonly payment?: unknown;
}

/** An expected failure that a transport renders in the one error shape. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly param?: string,
    readonly extra?: { readonly decline_code?: string; readonly payment?: unknown },
  ) {
    super(message);
  }
  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { type: errorTypeOf(this.code), code: this.code, message: this.message };
    return { ...body, ...(this.param === undefined ? {} : { param: this.param }), ...this.extra };
  }
}

export function httpStatusOf(code: ApiErrorCode): number {
  switch (code) {
    case "validation_error":
    case "invalid_json":
    case "idempotency_key_required":
      return 400;
    case "payment_declined":
    case "insufficient_reservation":
      return 402;
    case "unauthenticated":
      return 401;
    case "forbidden":
      return 403;
    case "not_found":
    case "route_not_found":
      return 404;
    case "method_not_allowed":
      return 405;
    case "conflict":
    case "idempotency_key_in_use":
      return 409;
    case "idempotency_key_reused":
      return 422;
    case "body_too_large":
      return 413;
    case "unsupported_media_type":
      return 415;
    case "overloaded":
      return 503;
    case "internal_error":
      return 500;
    default:
      return assertNever(code);
  }
}

export function errorTypeOf(code: ApiErrorCode): ApiErrorType {
  switch (code) {
    case "unauthenticated":
      return "authentication_error";
    case "forbidden":
      return "permission_error";
    case "overloaded":
      return "rate_limit_error";
    case "internal_error":
      return "api_error";
    case "idempotency_key_in_use":
    case "idempotency_key_reused":
      return "idempotency_error";
    case "payment_declined":
    case "insufficient_reservation":
      return "payment_error";
    case "validation_error":
    case "invalid_json":
    case "idempotency_key_required":
    case "body_too_large":
    case "unsupported_media_type":
    case "not_found":
    case "route_not_found":
    case "method_not_allowed":
    case "conflict":
      return "invalid_request_error";
    default:
      return assertNever(code);
  }
}
