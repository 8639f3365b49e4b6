import { z } from "zod";
import type { AppInstance } from "../types.js";

export function healthRoute(app: AppInstance): void {
  app.get(
    "/health",
    {
      schema: {
        summary: "Liveness and database reachability",
        tags: ["system"],
        response: { 200: z.object({ status: z.literal("ok"), engine: z.enum(["sqlite", "postgres"]) }) },
      },
    },
    async () => {
      await app.deps.ping();
      return { status: "ok" as const, engine: app.deps.database.engine };
    },
  );
}
