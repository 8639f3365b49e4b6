/**
 * The signed form of a payment request. AgentPay signs it with the deployment key (the same key
 * as mandates and receipts, published at /.well-known/jwks.json), so an agent's AgentPay can
 * check that a request is genuine and a merchant can later check, offline, that a receipt is for
 * exactly this request: receipt `order_reference` = request `id`, same merchant, amount and
 * currency; the request carries the resource and nonce.
 */
import { z } from "zod";
import type { Signer } from "../signing/index.js";
import type { PaymentRequest } from "./types.js";

export const PAYMENT_REQUEST_JWS_TYPE = "agentpay-payment-request+jwt";
export const PAYMENT_REQUEST_ISSUER = "agentpay";

const secs = (ms: number): number => Math.floor(ms / 1000);

export function paymentRequestClaims(r: PaymentRequest) {
  return {
    iss: PAYMENT_REQUEST_ISSUER,
    sub: r.id,
    iat: secs(r.createdAtMs),
    exp: secs(r.expiresAtMs),
    payment_request: {
      id: r.id,
      merchant_id: r.merchantId,
      amount: r.amount.toString(),
      currency: r.currency,
      resource: r.resource,
      description: r.description,
      nonce: r.nonce,
      expires_at: secs(r.expiresAtMs),
    },
  };
}

const signedClaims = z.object({
  iss: z.literal(PAYMENT_REQUEST_ISSUER),
  sub: z.string(),
  payment_request: z.object({ id: z.string().min(1).max(64) }),
});

/**
 * The request id of a JWS this deployment signed as a payment request, or null for anything
 * else: a forged or tampered token, another deployment's, or another kind (a receipt, a mandate).
 */
export async function verifiedRequestId(signer: Signer, jws: string): Promise<string | null> {
  const verified = await signer.verify(jws);
  if (verified === null || verified.typ !== PAYMENT_REQUEST_JWS_TYPE) return null;
  const claims = signedClaims.safeParse(verified.payload);
  if (!claims.success || claims.data.sub !== claims.data.payment_request.id) return null;
  return claims.data.payment_request.id;
}
