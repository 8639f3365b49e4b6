import { z } from "zod";
import { walletBalances } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import type { AppInstance } from "../types.js";

const walletObject = z.object({
  object: z.literal("wallet"),
  user_id: z.string(),
  balances: z.array(
    z.object({
      currency: z.string(),
      available: z.int().describe("What can be spent now: posted credits minus debits and holds."),
      held: z.int().describe("Reserved by uncaptured payments."),
    }),
  ),
});

export function walletRoute(app: AppInstance): void {
  app.get(
    "/v1/wallet",
    {
      onRequest: requireAccess({ scope: "payments:read", types: ["user", "agent"] }),
      schema: {
        summary: "Your wallet (a user's own, or the wallet of the user an agent acts for)",
        tags: ["wallet"],
        querystring: z.strictObject({ currency: z.string().length(3).optional() }),
        response: { 200: walletObject },
      },
    },
    async (request) => {
      const principal = callerOf(request).principal;
      const userId = principal.type === "agent" ? principal.userId : principal.id;
      const wanted = request.query.currency;
      const balances = await walletBalances(app.deps.ledger, userId);
      return {
        object: "wallet" as const,
        user_id: userId,
        balances: balances
          .filter((b) => wanted === undefined || b.currency === wanted)
          .map((b) => ({ currency: b.currency, available: Number(b.available), held: Number(b.held) })),
      };
    },
  );
}
