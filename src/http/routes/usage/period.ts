import { z } from "zod";

/** A period's start as a query parameter: Unix seconds, fractional to the millisecond; to ms. */
export const periodStartQuery = z.coerce
  .number()
  .min(0)
  .max(100_000_000_000)
  .transform((s) => Math.round(s * 1000))
  .describe("The period's start in Unix seconds, as the subscription shows it; default the current period.");
