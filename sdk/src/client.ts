/**
 * A typed client for the AgentPay HTTP API: openapi-fetch over the types generated from the
 * OpenAPI document the app serves (schema.d.ts). Every call is `client.GET("/v1/…", …)` or
 * `client.POST(…)` with typed paths, parameters, bodies and answers: `{ data }` on success,
 * `{ error }` (the API's error object) otherwise.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.js";

export type { paths } from "./schema.js";

export interface AgentPayClientOptions {
  /** The AgentPay server, e.g. https://pay.example.com (no trailing /v1). */
  readonly baseUrl: string;
  /** An agent key (payer), a merchant key, a user key or an operator key. */
  readonly apiKey: string;
  /** A fetch of your own (tests, proxies); the global fetch by default. */
  readonly fetch?: (input: Request) => Promise<Response>;
}

export type AgentPayClient = Client<paths> & {
  /** The server the client talks to, without a trailing slash; its JWKS is at /.well-known/jwks.json. */
  readonly baseUrl: string;
};

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: infer R } } ? Json<R> : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody: infer R } ? Json<R> : never;

export type Payment = Ok<"/v1/payments/{id}", "get">;
export type PaymentRequest = Ok<"/v1/payment_requests/{id}", "get">;
export type PaidPaymentRequest = Ok<"/v1/payment_requests/pay", "post">;
export type CreatePaymentRequestBody = Body<"/v1/payment_requests", "post">;
export type PayPaymentRequestBody = Body<"/v1/payment_requests/pay", "post">;
export type PaymentIntent = PayPaymentRequestBody["intent"];

export function createAgentPayClient(options: AgentPayClientOptions): AgentPayClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const client = createClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return Object.assign(client, { baseUrl });
}
