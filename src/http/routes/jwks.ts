import { z } from "zod";
import type { AppInstance } from "../types.js";

export function jwksRoute(app: AppInstance): void {
  app.get(
    "/.well-known/jwks.json",
    {
      schema: {
        summary: "AgentPay's public signing keys (JWKS)",
        description: "Verify mandates and receipts offline with these keys (EdDSA, Ed25519).",
        tags: ["system"],
        security: [],
        response: { 200: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    async (_request, reply) => {
      void reply.header("cache-control", "public, max-age=300");
      return app.deps.mandates.signer.jwks();
    },
  );
}
