/**
 * The paywall as a Fastify plugin. Register it once; price a route in its config:
 *
 *   await app.register(agentPayPaywall, { client, merchantId });
 *   app.get("/forecast", { config: { agentpay: { amount: 100, currency: "CNY" } } }, async (request) => {
 *     const paid = paymentOf(request); // who paid, which payment
 *   });
 *
 * Routes without `config.agentpay` are untouched. The check runs in `onRequest`, before the body
 * is read, so an unpaid request costs no parsing.
 */
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { PAYMENT_SIGNATURE_HEADER } from "../x402.js";
import { createPaywall, type PaywallOptions, type Price, type VerifiedPayment } from "./paywall.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The price of this route, paid through AgentPay (HTTP 402); absent: free. */
    agentpay?: Price;
  }
}

export interface FastifyPaywallOptions extends PaywallOptions {
  /** The resource a request is for; its URL path and query (`request.url`) by default. */
  readonly resourceOf?: (request: FastifyRequest) => string;
}

const payments = new WeakMap<FastifyRequest, VerifiedPayment>();

/** Who paid for this request, once the paywall let it through; undefined on a free route. */
export function paymentOf(request: FastifyRequest): VerifiedPayment | undefined {
  return payments.get(request);
}

const plugin: FastifyPluginAsync<FastifyPaywallOptions> = async (app, options) => {
  const paywall = createPaywall(options);
  const resourceOf = options.resourceOf ?? ((request: FastifyRequest) => request.url);
  app.addHook("onRequest", async (request, reply) => {
    const price = request.routeOptions.config.agentpay;
    if (price === undefined) return;
    const header = request.headers[PAYMENT_SIGNATURE_HEADER];
    const decision = await paywall.check(resourceOf(request), price, typeof header === "string" ? header : undefined);
    void reply.headers(decision.headers);
    if (decision.kind === "deny") return reply.status(decision.status).send(decision.body);
    payments.set(request, decision.payment);
  });
};

export const agentPayPaywall = fp(plugin, { name: "agentpay-paywall", fastify: "5.x" });
