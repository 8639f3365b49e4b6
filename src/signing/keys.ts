/**
 * The deployment's Ed25519 signing key. Mandates and receipts are compact JWS (EdDSA) signed with
 * it, and its public half is served as a JWKS so merchants verify them offline. The key lives in
 * the database so that every AgentPay process sharing it signs with the same key; the first
 * process to start creates it.
 */
import { randomBytes } from "node:crypto";
import { CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { Database } from "../store/index.js";

export const SIGNING_ALG = "EdDSA";

export interface Signer {
  readonly kid: string;
  sign(payload: object, typ: string): Promise<string>;
  /** Verifies a JWS made by this deployment and returns its payload, or null if it does not verify. */
  verify(jws: string): Promise<{ typ: string | undefined; payload: Record<string, unknown> } | null>;
  jwks(): { keys: JWK[] };
}

export async function loadSigner(database: Database, nowMs: number): Promise<Signer> {
  const existing = await activeKey(database);
  if (existing !== undefined) return signerFrom(existing.kid, JSON.parse(existing.public_jwk), JSON.parse(existing.private_jwk));
  const pair = await generateKeyPair(SIGNING_ALG, { crv: "Ed25519", extractable: true });
  const kid = `ap_${randomBytes(8).toString("hex")}`;
  const publicJwk = await exportJWK(pair.publicKey);
  const privateJwk = await exportJWK(pair.privateKey);
  await database.db
    .insertInto("signing_keys")
    .values({
      kid,
      public_jwk: JSON.stringify(publicJwk),
      private_jwk: JSON.stringify(privateJwk),
      created_at: BigInt(nowMs),
      retired_at: null,
    })
    .execute();
  // Two processes starting at once may both insert; all then use the oldest key.
  const winner = (await activeKey(database))!;
  return signerFrom(winner.kid, JSON.parse(winner.public_jwk), JSON.parse(winner.private_jwk));
}

async function activeKey(database: Database) {
  return database.db
    .selectFrom("signing_keys")
    .selectAll()
    .where("retired_at", "is", null)
    .orderBy("created_at")
    .orderBy("kid")
    .limit(1)
    .executeTakeFirst();
}

async function signerFrom(kid: string, publicJwk: JWK, privateJwk: JWK): Promise<Signer> {
  const privateKey = (await importJWK(privateJwk, SIGNING_ALG));
  const publicKey = (await importJWK(publicJwk, SIGNING_ALG));
  const published: JWK = { ...publicJwk, kid, alg: SIGNING_ALG, use: "sig" };
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    kid,
    sign: (payload, typ) =>
      new CompactSign(encoder.encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: SIGNING_ALG, kid, typ })
        .sign(privateKey),
    verify: async (jws) => {
      try {
        const { payload, protectedHeader } = await compactVerify(jws, publicKey, { algorithms: [SIGNING_ALG] });
        if (protectedHeader.kid !== kid) return null;
        return { typ: protectedHeader.typ, payload: JSON.parse(decoder.decode(payload)) as Record<string, unknown> };
      } catch {
        return null;
      }
    },
    jwks: () => ({ keys: [published] }),
  };
}
