/**
 * Server-Sent Events: a user's pending approvals, live. On connect the stream sends every pending
 * approval, then each change (new, approved, declined, expired) as it lands in the database — read
 * from the database, so it sees changes made by any AgentPay process.
 */
import { approvalsOf, presentApproval } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import type { AppInstance } from "../types.js";

export const APPROVAL_POLL_MS = 500;
export const HEARTBEAT_MS = 15_000;
/** Open streams per process; more are refused with 503. */
export const STREAMS_MAX = 1_000;

export function approvalsStreamRoute(app: AppInstance): void {
  let open = 0;
  app.get(
    "/v1/approvals/stream",
    {
      onRequest: requireAccess({ scope: "payments:read", types: ["user"] }),
      schema: {
        summary: "Follow your pending approvals live (Server-Sent Events)",
        description: "`text/event-stream`: an `approval` event per pending approval at connect, then one per change.",
        tags: ["approvals"],
      },
    },
    async (request, reply) => {
      if (open >= STREAMS_MAX) return reply.status(503).send({ error: { type: "rate_limit_error", code: "overloaded", message: "Too many open streams." } });
      const userId = callerOf(request).principal.id;
      open++;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      let sinceMs: number | null = null;
      let closed = false;
      const send = async () => {
        const changes = await approvalsOf(app.deps.payments, userId, sinceMs);
        for (const a of changes) {
          res.write(`id: ${a.id}:${a.updatedAtMs}\nevent: approval\ndata: ${JSON.stringify(presentApproval(a))}\n\n`);
          sinceMs = Math.max(sinceMs ?? 0, a.updatedAtMs);
        }
        sinceMs ??= Date.now();
      };
      const poll = setInterval(() => void send().catch(() => undefined), APPROVAL_POLL_MS);
      const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
      request.raw.on("close", () => {
        closed = true;
        clearInterval(poll);
        clearInterval(heartbeat);
        open--;
      });
      await send().catch(() => undefined);
      if (closed) return;
    },
  );
}
