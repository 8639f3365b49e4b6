/**
 * The HTTP transport: `buildApp(deps)` assembles Fastify with the error shape, auth, OpenAPI and
 * the routes; `listen` is the caller's business, so tests drive the same app through inject or a
 * real socket.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { authPlugin, requireAccess } from "./auth.js";
import { errorsPlugin } from "./errors.js";
import { BODY_BYTES_MAX, REQUEST_TIMEOUT_MS } from "./limits.js";
import { createAgentRoute } from "./routes/agents-create.js";
import { getAgentRoute } from "./routes/agents-get.js";
import { listAgentsRoute } from "./routes/agents-list.js";
import { reactivateAgentRoute } from "./routes/agents-reactivate.js";
import { suspendAgentRoute } from "./routes/agents-suspend.js";
import { updateAgentRoute } from "./routes/agents-update.js";
import { healthRoute } from "./routes/health.js";
import { jwksRoute } from "./routes/jwks.js";
import { createMandateRoute } from "./routes/mandates-create.js";
import { getMandateRoute } from "./routes/mandates-get.js";
import { listMandatesRoute } from "./routes/mandates-list.js";
import { mandateStatusRoutes } from "./routes/mandates-status.js";
import { approvalRoutes } from "./routes/approvals.js";
import { approvalsStreamRoute } from "./routes/approvals-stream.js";
import { fundingRoutes } from "./routes/funding.js";
import { createPaymentRoute } from "./routes/payments-create.js";
import { getPaymentRoute } from "./routes/payments-get.js";
import { listPaymentsRoute } from "./routes/payments-list.js";
import { receiptRoute } from "./routes/payments-receipt.js";
import { refundRoutes } from "./routes/payments-refunds.js";
import { settlePaymentRoutes } from "./routes/payments-settle.js";
import { walletRoute } from "./routes/wallet.js";
import { createWebhookEndpointRoute } from "./routes/webhooks-create.js";
import { deleteWebhookEndpointRoute } from "./routes/webhooks-delete.js";
import { listWebhookDeliveriesRoute } from "./routes/webhooks-deliveries-list.js";
import { replayWebhookDeliveryRoute } from "./routes/webhooks-deliveries-replay.js";
import { getWebhookEndpointRoute } from "./routes/webhooks-get.js";
import { listWebhookEndpointsRoute } from "./routes/webhooks-list.js";
import { rotateWebhookSecretRoute } from "./routes/webhooks-rotate-secret.js";
import { updateWebhookEndpointRoute } from "./routes/webhooks-update.js";
import { createPaymentRequestRoute } from "./routes/payment-requests-create.js";
import { getPaymentRequestRoute } from "./routes/payment-requests-get.js";
import { payPaymentRequestRoute } from "./routes/payment-requests-pay.js";
import { idempotencyPlugin } from "./idempotency.js";
import { invoiceRoutes } from "./routes/invoices/index.js";
import { subscriptionRoutes } from "./routes/subscriptions/index.js";
import { tipRoutes } from "./routes/tips/index.js";
import { usageRoutes } from "./routes/usage/index.js";
import { createKeyRoute } from "./routes/keys-create.js";
import { getKeyRoute } from "./routes/keys-get.js";
import { listKeysRoute } from "./routes/keys-list.js";
import { revokeKeyRoute } from "./routes/keys-revoke.js";
import { createAccountsRoute } from "./routes/ledger-create-accounts.js";
import { getAccountRoute } from "./routes/ledger-get-account.js";
import { getBalanceRoute } from "./routes/ledger-get-balance.js";
import { getTransferRoute } from "./routes/ledger-get-transfer.js";
import { listAccountTransfersRoute } from "./routes/ledger-list-account-transfers.js";
import { submitTransfersRoute } from "./routes/ledger-submit-transfers.js";
import { createMerchantRoute } from "./routes/merchants-create.js";
import { getMerchantRoute } from "./routes/merchants-get.js";
import { listMerchantsRoute } from "./routes/merchants-list.js";
import { updateMerchantRoute } from "./routes/merchants-update.js";
import { createOperatorRoute } from "./routes/operators-create.js";
import { getOperatorRoute } from "./routes/operators-get.js";
import { listOperatorsRoute } from "./routes/operators-list.js";
import { createUserRoute } from "./routes/users-create.js";
import { getUserRoute } from "./routes/users-get.js";
import { listUsersRoute } from "./routes/users-list.js";
import { updateUserRoute } from "./routes/users-update.js";
import type { AppDeps, AppInstance } from "./types.js";
import { DEFAULT_MCP_SETTINGS, mcpHttpRoutes, type McpSettings } from "../mcp/index.js";

export const API_VERSION = "0.1.0";

export interface AppOptions {
  readonly logger?: FastifyServerOptions["logger"];
  /** Which MCP tools `/mcp` exposes and where users confirm payments; all tools and the default URL when absent. */
  readonly mcp?: McpSettings;
}

export async function buildApp(deps: AppDeps, options: AppOptions = {}) {
  const fastify = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_BYTES_MAX,
    requestTimeout: REQUEST_TIMEOUT_MS,
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    // Request ids in logs and the `Request-Id` response header tie a failure report to its log line.
    requestIdHeader: "request-id",
    genReqId: () => `req_${crypto.randomUUID().replaceAll("-", "")}`,
  }).withTypeProvider<ZodTypeProvider>();
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: any other body is answered 415, not parsed as a string.
  fastify.removeContentTypeParser("text/plain");
  const app = fastify as unknown as AppInstance;
  app.decorate("deps", deps);
  app.addHook("onSend", async (request, reply) => {
    void reply.header("request-id", request.id);
  });
  await app.register(errorsPlugin);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "AgentPay API",
        version: API_VERSION,
        description: "The payment layer for AI agents. Amounts are integers in minor units with an ISO 4217 currency.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  healthRoute(app);
  jwksRoute(app);
  await app.register(async (v1) => {
    const scoped = v1 as unknown as AppInstance;
    await scoped.register(authPlugin, { deps });
    await scoped.register(idempotencyPlugin, { deps });
    createUserRoute(scoped);
    listUsersRoute(scoped);
    getUserRoute(scoped);
    updateUserRoute(scoped);
    createAgentRoute(scoped);
    listAgentsRoute(scoped);
    getAgentRoute(scoped);
    updateAgentRoute(scoped);
    suspendAgentRoute(scoped);
    reactivateAgentRoute(scoped);
    createMerchantRoute(scoped);
    listMerchantsRoute(scoped);
    getMerchantRoute(scoped);
    updateMerchantRoute(scoped);
    createOperatorRoute(scoped);
    listOperatorsRoute(scoped);
    getOperatorRoute(scoped);
    createKeyRoute(scoped);
    listKeysRoute(scoped);
    getKeyRoute(scoped);
    revokeKeyRoute(scoped);
    createMandateRoute(scoped);
    listMandatesRoute(scoped);
    getMandateRoute(scoped);
    mandateStatusRoutes(scoped);
    createPaymentRoute(scoped);
    listPaymentsRoute(scoped);
    getPaymentRoute(scoped);
    settlePaymentRoutes(scoped);
    refundRoutes(scoped);
    receiptRoute(scoped);
    approvalsStreamRoute(scoped);
    approvalRoutes(scoped);
    fundingRoutes(scoped);
    walletRoute(scoped);
    // Webhook endpoints and their deliveries (src/webhooks).
    createWebhookEndpointRoute(scoped);
    listWebhookEndpointsRoute(scoped);
    getWebhookEndpointRoute(scoped);
    updateWebhookEndpointRoute(scoped);
    deleteWebhookEndpointRoute(scoped);
    rotateWebhookSecretRoute(scoped);
    listWebhookDeliveriesRoute(scoped);
    replayWebhookDeliveryRoute(scoped);
    // HTTP 402 pay-per-request (src/paywall).
    createPaymentRequestRoute(scoped);
    payPaymentRequestRoute(scoped);
    getPaymentRequestRoute(scoped);
    // Usage billing, subscriptions, invoices and tips (src/usage, src/subscriptions, src/invoices, src/tips).
    usageRoutes(scoped);
    subscriptionRoutes(scoped);
    invoiceRoutes(scoped);
    tipRoutes(scoped);
    // The raw ledger is for admin and finance operators only: reads need ledger:read, writes ledger:write.
    await scoped.register(async (ledgerScope) => {
      const ledger = ledgerScope as unknown as AppInstance;
      const roles = ["admin", "finance"] as const;
      const read = requireAccess({ scope: "ledger:read", types: ["operator"], operatorRoles: roles });
      const write = requireAccess({ scope: "ledger:write", types: ["operator"], operatorRoles: roles });
      ledger.addHook("onRequest", async (request) =>
        request.method === "GET" || request.method === "HEAD" ? read(request) : write(request),
      );
      createAccountsRoute(ledger);
      getAccountRoute(ledger);
      getBalanceRoute(ledger);
      listAccountTransfersRoute(ledger);
      submitTransfersRoute(ledger);
      getTransferRoute(ledger);
    });
  });

  // MCP over Streamable HTTP (src/mcp): the payer and merchant tools, authenticated like /v1.
  await app.register(async (mcp) =>
    mcpHttpRoutes(mcp as unknown as AppInstance, { settings: options.mcp ?? DEFAULT_MCP_SETTINGS, version: API_VERSION }),
  );
  return app;
}
