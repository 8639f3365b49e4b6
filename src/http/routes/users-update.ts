import { z } from "zod";
import { presentUser, toUpdateUserInput, updateUser, updateUserBody, userIdSchema, userObject } from "../../parties/index.js";
import { callerOf, requireAccess } from "../auth.js";
import { partiesDepsOf, unwrap } from "../context.js";
import type { AppInstance } from "../types.js";

export function updateUserRoute(app: AppInstance): void {
  app.post(
    "/v1/users/:id",
    {
      onRequest: requireAccess({ scope: "parties:write" }),
      schema: {
        summary: "Update a user",
        description:
          "The user itself may change name, email, timezone and metadata; admin operators also kyc_level, residency_region and status.",
        tags: ["users"],
        params: z.strictObject({ id: userIdSchema }),
        body: updateUserBody,
        response: { 200: userObject },
      },
    },
    async (request) => {
      const input = toUpdateUserInput(request.body);
      return presentUser(unwrap(await updateUser(partiesDepsOf(app), callerOf(request), request.params.id, input)));
    },
  );
}
