/**
 * The paywall as a plain Node `http` (and Connect/Express-style) middleware:
 *
 *   const paywall = createNodePaywall({ client, merchantId, price: { amount: 100, currency: "CNY" } });
 *   http.createServer((req, res) => paywall(req, res, () => serve(req, res)));
 *
 * `next` runs only for a paid request (or one `price` returns null for: free); `paymentOf(req)`
 * then tells who paid. Everything else is answered here: 402, 400 or 503.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { PAYMENT_SIGNATURE_HEADER } from "../x402.js";
import { createPaywall, type PaywallOptions, type Price, type VerifiedPayment } from "./paywall.js";

export interface NodePaywallOptions extends PaywallOptions {
  /** The price of a request, or null when it is free; one price for every request it guards when constant. */
  readonly price: Price | ((req: IncomingMessage) => Price | null);
  /** The resource a request is for; its path and query (`req.url`) by default. */
  readonly resourceOf?: (req: IncomingMessage) => string;
}

export type NodePaywall = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

const payments = new WeakMap<IncomingMessage, VerifiedPayment>();

/** Who paid for this request, once the paywall let it through; undefined for a free one. */
export function paymentOf(req: IncomingMessage): VerifiedPayment | undefined {
  return payments.get(req);
}

export function createNodePaywall(options: NodePaywallOptions): NodePaywall {
  const paywall = createPaywall(options);
  const priceOf = typeof options.price === "function" ? options.price : () => options.price as Price;
  const resourceOf = options.resourceOf ?? ((req: IncomingMessage) => req.url ?? "/");
  return (req, res, next) => {
    const price = priceOf(req);
    if (price === null) return next();
    const header = req.headers[PAYMENT_SIGNATURE_HEADER];
    paywall.check(resourceOf(req), price, typeof header === "string" ? header : undefined).then(
      (decision) => {
        for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
        if (decision.kind === "allow") {
          payments.set(req, decision.payment);
          return next();
        }
        res.statusCode = decision.status;
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(JSON.stringify(decision.body));
      },
      (error: unknown) => next(error),
    );
  };
}
