/**
 * One error shape for every failure: `{ error: { type, code, message, param? } }`. Expected
 * failures arrive as ApiError; Fastify's own (bad JSON, body too large, wrong content type,
 * schema validation) are translated here; anything else is a bug, logged, and answered as 500.
 */
import type { FastifyError, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ApiError, type ApiErrorCode, httpStatusOf } from "../core/errors.js";

const FASTIFY_CODES: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "body_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "validation_error",
};

/** "/transfers/0/amount" → "transfers[0].amount", as Stripe names a parameter. */
export function paramFromPath(path: string): string {
  return path
    .split("/")
    .filter((p) => p !== "")
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === "" ? part : `${acc}.${part}`), "");
}

function toApiError(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const base = paramFromPath(first?.instancePath ?? "");
    const keys = (first?.params as { keys?: unknown } | undefined)?.keys;
    const unknownKey = Array.isArray(keys) && typeof keys[0] === "string" ? keys[0] : undefined;
    const param = unknownKey === undefined ? base : base === "" ? unknownKey : `${base}.${unknownKey}`;
    const where = error.validationContext ?? "request";
    const message = `Invalid ${where}${param === "" ? "" : ` at ${param}`}: ${first?.message ?? "invalid value"}`;
    return new ApiError("validation_error", message, param === "" ? undefined : param);
  }
  const mapped = error.code === undefined ? undefined : FASTIFY_CODES[error.code];
  if (mapped !== undefined) return new ApiError(mapped, error.message);
  if (error.statusCode === 413) return new ApiError("body_too_large", error.message);
  if (error.statusCode === 415) return new ApiError("unsupported_media_type", error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError("validation_error", error.message);
  }
  return new ApiError("internal_error", "An internal error occurred; it has been logged.");
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.code === "internal_error") request.log.error({ err: error }, "unhandled error");
    void reply.status(httpStatusOf(apiError.code)).send({ error: apiError.toBody() });
  });
  app.setNotFoundHandler((request, reply) => {
    const apiError = new ApiError("route_not_found", `No route ${request.method} ${request.url.split("?")[0]}`);
    void reply.status(404).send({ error: apiError.toBody() });
  });
});
