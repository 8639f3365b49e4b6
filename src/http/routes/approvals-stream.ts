/**
 * Server-Sent Events: a user's pending approvals, live. On connect the stream sends every pending
 * approval, then each change (new, approved, declined, expired) as it lands in the database — read
 * from the database, so it sees changes made by any AgentPay process.
 */
import { approvalsOf, PAYMENT_PAGE_SIZE_MAX, presentApproval } from "../../payments/index.js";
import { callerOf, requireAccess } from "../auth.js";
import type { AppInstance } from "../types.js";

export const APPROVAL_POLL_MS = 500;
export const HEARTBEAT_MS = 15_000;
/** Open streams per process; more are refused with 503. */
export const STREAMS_MAX = 1_000;
/**
 * Each poll reads again the changes of this long before the previous one: a change stamped at
 * some time may commit after a poll that already read past that time (or in the same
 * millisecond as one already sent). Versions already sent are not sent twice.
 */
export const CHANGE_OVERLAP_MS = 5_000;

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
      // Without this the client sees no response at all until the first event or heartbeat.
      res.flushHeaders();
      // Null at first: every pending approval; then the changes stamped after this time.
      let sinceMs: number | null = null;
      // Approval id → the version (status and updated_at) sent, for the changes the overlap reads again.
      const sent = new Map<string, { status: string; updatedAtMs: number }>();
      let closed = false;
      const send = async () => {
        const startedMs = app.deps.clock.nowMs();
        const changes = await approvalsOf(app.deps.payments, userId, sinceMs);
        for (const a of changes) {
          const version = sent.get(a.id);
          if (version?.status === a.status && version.updatedAtMs === a.updatedAtMs) continue;
          res.write(`id: ${a.id}:${a.updatedAtMs}\nevent: approval\ndata: ${JSON.stringify(presentApproval(a))}\n\n`);
          sent.set(a.id, { status: a.status, updatedAtMs: a.updatedAtMs });
        }
        // A full page: carry on from its last change; otherwise from a little before this poll.
        const last = changes.at(-1);
        sinceMs = changes.length >= PAYMENT_PAGE_SIZE_MAX && last !== undefined ? last.updatedAtMs - 1 : startedMs - CHANGE_OVERLAP_MS;
        for (const [id, version] of sent) if (version.updatedAtMs <= sinceMs) sent.delete(id);
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
