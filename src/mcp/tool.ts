/**
 * An MCP tool is a transport adapter like an HTTP route: an input schema, one call into a
 * module's use case, and a mapping of its result. `defineTool` checks the types of that triple
 * once and erases them, so the registry and the server hold every tool alike.
 *
 * Results: success is `structuredContent` (the output schema's object) plus a short text for the
 * model; an expected failure (a decline, bad arguments, not found) is a tool error — `isError`
 * with `structuredContent: { error }` in the HTTP API's error shape, with the same codes.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { ApiError } from "../core/errors.js";
import type { Principal } from "../core/principal.js";
import type { Result } from "../core/result.js";
import type { Scope } from "../keys/index.js";
import { DECLINE_CODES, paymentObject } from "../payments/index.js";
import type { Services } from "../runtime.js";
import type { McpSettings } from "./settings.js";

/** The principals MCP serves: agents get the payer toolset, merchants the merchant toolset. */
export type ToolAudience = "agent" | "merchant";

/** Every hint stated, so that no tool leaves a client guessing whether it moves money. */
export interface MoneyAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/**
 * Reads change nothing. No tool reaches outside AgentPay's own ledger and records, so no tool
 * is open-world; `destructiveHint` is what marks the tools that move money.
 */
export const READS: MoneyAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
/** Moves money; a repeated identical call returns the first result and moves nothing more. */
export const MOVES_MONEY: MoneyAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };
/** Changes state without moving money (releasing a hold); repeating it changes nothing more. */
export const RELEASES_MONEY: MoneyAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export interface ToolContext {
  readonly services: Services;
  readonly principal: Principal;
  readonly settings: McpSettings;
  /** Ties the call's audit events together, as an HTTP request id does. */
  readonly requestId: string;
}

export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject> {
  readonly name: string;
  readonly title: string;
  /** For the model: what the tool does, and whether and how it moves money. */
  readonly description: string;
  readonly audience: readonly ToolAudience[];
  /** The key scope the matching HTTP endpoint requires. */
  readonly scope: Scope;
  readonly annotations: MoneyAnnotations;
  readonly input: I;
  readonly output: O;
  run(ctx: ToolContext, args: z.output<I>): Promise<Result<z.output<O>, ApiError>>;
  /** A sentence or two for the model, carrying the ids and facts it needs next. */
  summary(value: z.output<O>): string;
}

type JsonSchema = { readonly type: "object" } & Record<string, unknown>;

/** A tool with its types erased, as the registry and the server hold it. */
export interface McpTool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly audience: readonly ToolAudience[];
  readonly scope: Scope;
  readonly annotations: MoneyAnnotations;
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema;
  call(ctx: ToolContext, args: unknown): Promise<CallToolResult>;
}

/** The `structuredContent` of a tool error: the HTTP API's error object, with the same codes. */
export const toolErrorObject = z.object({
  error: z.object({
    type: z.string(),
    code: z.string().describe("The HTTP API's error code, e.g. validation_error, not_found, payment_declined."),
    message: z.string(),
    param: z.string().optional().describe("The argument at fault, e.g. amount or intent.id."),
    decline_code: z.enum(DECLINE_CODES).optional().describe("Why a payment was declined; see the agent skill for what to do."),
    payment: paymentObject.optional().describe("The declined payment (it moved no money)."),
  }),
});

const ERROR_ISSUES_MAX = 5;

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(spec: ToolSpec<I, O>): McpTool {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    audience: spec.audience,
    scope: spec.scope,
    annotations: spec.annotations,
    inputSchema: { ...z.toJSONSchema(spec.input, { target: "draft-7", io: "input" }), type: "object" },
    // SDK v1 clients validate structuredContent against outputSchema even when isError is set
    // (modelcontextprotocol/typescript-sdk#1943), so the declared output admits the error object too.
    outputSchema: { ...z.toJSONSchema(z.union([spec.output, toolErrorObject]), { target: "draft-7", io: "output" }), type: "object" },
    async call(ctx, args) {
      const parsed = spec.input.safeParse(args ?? {});
      if (!parsed.success) return toolError(invalidArguments(parsed.error));
      const result = await spec.run(ctx, parsed.data);
      if (!result.ok) return toolError(result.error);
      return { content: [{ type: "text", text: spec.summary(result.value) }], structuredContent: result.value };
    },
  };
}

export function toolError(error: ApiError): CallToolResult {
  const body = error.toBody();
  const reason = body.decline_code === undefined ? body.code : `${body.code}: ${body.decline_code}`;
  return { content: [{ type: "text", text: `Error (${reason}): ${body.message}` }], structuredContent: { error: body }, isError: true };
}

/** Zod issues as one validation error naming the first argument at fault, as the HTTP API does. */
function invalidArguments(error: z.ZodError): ApiError {
  const issues = error.issues.slice(0, ERROR_ISSUES_MAX).map((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const param = paramOf([...issue.path, ...keys.slice(0, 1)]);
    return { param, text: `${param === "" ? "arguments" : param}: ${issue.message}` };
  });
  const param = issues[0]?.param ?? "";
  return new ApiError("validation_error", `Invalid arguments. ${issues.map((i) => i.text).join("; ")}`, param === "" ? undefined : param);
}

/** ["line_items", 0, "quantity"] → "line_items[0].quantity", as the HTTP API names a parameter. */
function paramOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === "number") return `${acc}[${part}]`;
    const name = String(part);
    return acc === "" ? name : `${acc}.${name}`;
  }, "");
}
