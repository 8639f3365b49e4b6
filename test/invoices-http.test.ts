/**
 * Invoices over HTTP and MCP on both engines, and the merchant's tax settings. Invoices are
 * issued with insertInvoice through the server's own database (in production the subscriptions
 * module issues them). Every route: happy path, bad input, and every principal that must not
 * see the invoice — another merchant, another user, their agent, a sibling agent that did not
 * create the subscription — gets 404 as if it did not exist; a role without billing:read 403.
 */
import fs from "node:fs";
import { XMLParser } from "fast-xml-parser";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceRoutes } from "../src/http/routes/invoices/index.js";
import type { AppInstance } from "../src/http/types.js";
import { buildInvoice, type BuildInvoiceInput, type Invoice, insertInvoice, type InvoiceRefs, type InvoiceSettings } from "../src/invoices/index.js";
import { ALL_SCOPES } from "../src/keys/index.js";
import { engines } from "./harness.js";
import { OPERATOR_KEY, type Seeded, seedAgent, seedMerchant, seedOperator, seedUser, startServer, type TestServer } from "./http-harness.js";
import { connectMcp, ok as toolOk, call as toolCall } from "./mcp-harness.js";

const ISSUED_AT_MS = Date.UTC(2025, 1, 1, 9);

function draftInput(over: Partial<BuildInvoiceInput> = {}): BuildInvoiceInput {
  return {
    seller: { name: "Acme GmbH", vatId: "DE123456789", country: "DE" },
    buyer: { name: "Alice", vatId: null, country: "DE" },
    currency: "EUR",
    typeCode: "380",
    lines: [
      { description: "API calls", meterId: "mtr_calls", quantity: 12_345n, quantityScaleDigits: 0, unitPriceFine: 10_000n, amountFine: 123_450_000n },
      { description: "Pro plan", meterId: null, quantity: 1n, quantityScaleDigits: 0, unitPriceFine: 999_000_000n, amountFine: 999_000_000n },
    ],
    carriedResidualFine: 0n,
    taxRateBps: 1900,
    issuedAtMs: ISSUED_AT_MS,
    periodStartMs: Date.UTC(2025, 0, 1),
    periodEndMs: Date.UTC(2025, 1, 1),
    ...over,
  };
}

/** A subscription row as the subscriptions module would have written it (only what reads need). */
async function insertSubscription(server: TestServer, s: { id: string; merchantId: string; userId: string; agentId: string }): Promise<void> {
  const now = BigInt(ISSUED_AT_MS);
  await server.runtime.database.transaction((trx) =>
    trx
      .insertInto("subscriptions")
      .values({
        id: s.id,
        merchant_id: s.merchantId,
        plan_id: "pln_test",
        user_id: s.userId,
        agent_id: s.agentId,
        mandate_id: "mdt_test",
        currency: "EUR",
        status: "active",
        charging_mode: "in_arrears",
        billing_anchor: "calendar",
        timezone: "UTC",
        anchor_at: now,
        period_number: 1n,
        current_period_start: now,
        current_period_end: now + 1_000n,
        cancel_at_period_end: 0n,
        cancel_reason: null,
        canceled_at: null,
        ended_at: null,
        reservation_amount: null,
        reserved_fine: 0n,
        consumed_fine: 0n,
        residual_fine: 0n,
        intent_id: "int_test",
        intent_hash: null,
        idempotency_key: `key_${s.id}`,
        request_hash: "hash",
        buyer: null,
        metadata: null,
        created_at: now,
        updated_at: now,
      })
      .execute(),
  );
}

const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/** Only the invoices routes, with the settings given and an admin caller: what buildApp does, minus auth. */
async function invoicesOnlyApp(server: TestServer, settings: InvoiceSettings) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("deps", server.runtime);
  app.decorateRequest("principal", null);
  app.decorateRequest("scopes", null);
  app.addHook("onRequest", async (request) => {
    request.principal = { type: "operator", id: "opr_test", role: "admin" };
    request.scopes = ALL_SCOPES;
  });
  invoiceRoutes(app as unknown as AppInstance, settings);
  await app.ready();
  return app;
}

async function fetchRaw(server: TestServer, key: string, path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: Buffer.from(await res.arrayBuffer()) };
}

describe.each(engines)("invoices over HTTP and MCP on %s", (engine) => {
  let server: TestServer;
  let shop: Seeded;
  let otherShop: Seeded;
  let alice: Seeded;
  let aliceAgent: Seeded;
  let sibling: Seeded;
  let bob: Seeded;
  let bobAgent: Seeded;
  let finance: Seeded;
  let support: Seeded;
  let risk: Seeded;
  let paid: Invoice;
  let credit: Invoice;
  let open: Invoice;
  let bobs: Invoice;

  const issue = (input: Partial<BuildInvoiceInput>, refs: Partial<InvoiceRefs> & Pick<InvoiceRefs, "merchantId" | "userId">) =>
    server.runtime.database.transaction((trx) =>
      insertInvoice(trx, buildInvoice(draftInput(input)), {
        subscriptionId: null,
        postingId: null,
        paymentId: null,
        status: "paid",
        merchantInvoicePrefix: null,
        ...refs,
      }),
    );

  beforeAll(async () => {
    server = await startServer(engine);
    shop = await seedMerchant(server, { legal_name: "Acme GmbH", country: "DE", tax_id: "DE123456789", tax_rate_bps: 1900, invoice_prefix: "ACME" });
    otherShop = await seedMerchant(server, { legal_name: "Other Shop" });
    alice = await seedUser(server, { name: "Alice" });
    aliceAgent = await seedAgent(server, alice);
    sibling = await seedAgent(server, alice, { display_name: "Sibling" });
    bob = await seedUser(server, { name: "Bob" });
    bobAgent = await seedAgent(server, bob);
    finance = await seedOperator(server, "finance");
    support = await seedOperator(server, "support");
    risk = await seedOperator(server, "risk");
    await insertSubscription(server, { id: "sub_alice", merchantId: shop.id, userId: alice.id, agentId: aliceAgent.id });
    await insertSubscription(server, { id: "sub_bob", merchantId: otherShop.id, userId: bob.id, agentId: bobAgent.id });
    const base = { merchantId: shop.id, userId: alice.id, merchantInvoicePrefix: "ACME" };
    paid = await issue({}, { ...base, subscriptionId: "sub_alice", postingId: "bpo_1", paymentId: "pay_1" });
    credit = await issue({ typeCode: "381", lines: draftInput().lines.slice(1) }, { ...base, subscriptionId: "sub_alice", precedingInvoiceId: paid.id });
    open = await issue({ buyer: { name: "Alice", vatId: "FR12345678901", country: "FR" } }, { ...base, status: "open" });
    bobs = await issue({ seller: { name: "Other Shop", vatId: null, country: "CN" }, currency: "CNY", taxRateBps: null }, { merchantId: otherShop.id, userId: bob.id, subscriptionId: "sub_bob" });
  });
  afterAll(async () => server.close());

  describe("merchant tax settings", () => {
    it("creates and shows tax_rate_bps and invoice_prefix, and admins change them", async () => {
      expect(shop.object).toMatchObject({ tax_rate_bps: 1900, invoice_prefix: "ACME", tax_id: "DE123456789" });
      expect(otherShop.object).toMatchObject({ tax_rate_bps: null, invoice_prefix: null });
      const m = await seedMerchant(server, { tax_id: "CN91110000" });
      const edited = await server.call("POST", `/v1/merchants/${m.id}`, { tax_rate_bps: 600, invoice_prefix: "CN-SHOP-1" });
      expect(edited.status, JSON.stringify(edited.json)).toBe(200);
      expect(edited.json).toMatchObject({ tax_rate_bps: 600, invoice_prefix: "CN-SHOP-1" });
      expect((await server.callAs(m.key, "GET", `/v1/merchants/${m.id}`)).json).toMatchObject({ tax_rate_bps: 600, invoice_prefix: "CN-SHOP-1" });
      const cleared = await server.call("POST", `/v1/merchants/${m.id}`, { tax_rate_bps: null, invoice_prefix: null });
      expect(cleared.json).toMatchObject({ tax_rate_bps: null, invoice_prefix: null });
      const events = await server.runtime.database.db.selectFrom("audit_events").select("data").where("object_id", "=", m.id).where("action", "=", "merchant.updated").orderBy("id").execute();
      expect(JSON.parse(events[0]?.data ?? "{}")).toMatchObject({ tax_rate_bps: { from: null, to: 600 }, invoice_prefix: { from: null, to: "CN-SHOP-1" } });
    });

    it.each([
      ["a rate above 100 %", { tax_rate_bps: 10_001, tax_id: "DE1" }, "tax_rate_bps"],
      ["a fractional rate", { tax_rate_bps: 19.5, tax_id: "DE1" }, "tax_rate_bps"],
      ["a lower-case prefix", { invoice_prefix: "acme" }, "invoice_prefix"],
      ["a prefix of 13 characters", { invoice_prefix: "ABCDEFGHIJKLM" }, "invoice_prefix"],
      ["a prefix ending in '-'", { invoice_prefix: "ACME-" }, "invoice_prefix"],
      ["a rate without a VAT id", { tax_rate_bps: 1900 }, "tax_rate_bps"],
    ])("refuses %s with 400 and creates nothing", async (_name, fields, param) => {
      const before = await server.runtime.database.db.selectFrom("merchants").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      const res = await server.call("POST", "/v1/merchants", { legal_name: "Bad Ltd", country: "DE", category: "software", ...fields });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: "validation_error", param });
      const after = await server.runtime.database.db.selectFrom("merchants").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it("refuses to drop the VAT id of a merchant that charges VAT, and a rate for one without", async () => {
      const dropped = await server.call("POST", `/v1/merchants/${shop.id}`, { tax_id: null });
      expect(dropped.status).toBe(400);
      expect(dropped.json.error.param).toBe("tax_rate_bps");
      const noVat = await server.call("POST", `/v1/merchants/${otherShop.id}`, { tax_rate_bps: 1300 });
      expect(noVat.status).toBe(400);
      expect((await server.call("GET", `/v1/merchants/${shop.id}`)).json.tax_id).toBe("DE123456789");
    });

    it("lets only admins change them: the merchant itself and finance get 403", async () => {
      expect((await server.callAs(shop.key, "POST", `/v1/merchants/${shop.id}`, { tax_rate_bps: 0 })).status).toBe(403);
      expect((await server.callAs(finance.key, "POST", `/v1/merchants/${shop.id}`, { tax_rate_bps: 0 })).status).toBe(403);
      expect((await server.call("GET", `/v1/merchants/${shop.id}`)).json.tax_rate_bps).toBe(1900);
    });
  });

  describe("GET /v1/invoices/:id", () => {
    it("shows the merchant its invoice as a Stripe-like object", async () => {
      const res = await server.callAs(shop.key, "GET", `/v1/invoices/${paid.id}`);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        id: paid.id,
        object: "invoice",
        number: "ACME-000001",
        status: "paid",
        type: "invoice",
        type_code: "380",
        currency: "EUR",
        merchant_id: shop.id,
        user_id: alice.id,
        period_start: Date.UTC(2025, 0, 1) / 1000,
        period_end: Date.UTC(2025, 1, 1) / 1000,
        issued: ISSUED_AT_MS / 1000,
        seller: { name: "Acme GmbH", vat_id: "DE123456789", country: "DE" },
        buyer: { name: "Alice", vat_id: null, country: "DE" },
        lines: [
          { description: "API calls", meter_id: "mtr_calls", quantity: "12345", unit_code: "C62", unit_price: "0.0001", amount: 123 },
          { description: "Pro plan", meter_id: null, quantity: "1", unit_code: "C62", unit_price: "9.99", amount: 999 },
        ],
        tax_lines: [{ category: "S", rate_bps: 1900, taxable_amount: 1_122, tax_amount: 213, exemption_reason: null, exemption_reason_code: null }],
        subtotal: 1_122,
        tax: 213,
        total: 1_335,
        reverse_charge: false,
        subscription_id: "sub_alice",
        payment_id: "pay_1",
        posting_id: "bpo_1",
        preceding_invoice_id: null,
        preceding_invoice_number: null,
        note: null,
        created: ISSUED_AT_MS / 1000,
      });
    });

    it("shows a credit note with its preceding invoice, and a reverse-charge invoice with its mention", async () => {
      const c = await server.callAs(alice.key, "GET", `/v1/invoices/${credit.id}`);
      expect(c.json).toMatchObject({ type: "credit_note", type_code: "381", number: "ACME-000002", preceding_invoice_id: paid.id, preceding_invoice_number: "ACME-000001", total: 1_189 });
      const rc = await server.callAs(shop.key, "GET", `/v1/invoices/${open.id}`);
      expect(rc.json).toMatchObject({ status: "open", reverse_charge: true, tax: 0, tax_lines: [{ category: "AE", rate_bps: 0, exemption_reason_code: "VATEX-EU-AE" }] });
      expect(rc.json.note).toContain("Article 196");
    });

    it("shows it to its user, the agent that created the subscription, and finance, support and admin operators", async () => {
      for (const key of [alice.key, aliceAgent.key, finance.key, support.key, OPERATOR_KEY]) {
        const res = await server.callAs(key, "GET", `/v1/invoices/${paid.id}`);
        expect(res.status, key).toBe(200);
        expect(res.json.id).toBe(paid.id);
      }
    });

    it("answers 404 to everyone else, as if the invoice did not exist", async () => {
      const cases: Array<[string, string, string]> = [
        ["another merchant", otherShop.key, paid.id],
        ["another user", bob.key, paid.id],
        ["another user's agent", bobAgent.key, paid.id],
        ["a sibling agent that did not subscribe", sibling.key, paid.id],
        ["the user's agent on an invoice of no subscription of its own", aliceAgent.key, open.id],
        ["the merchant on another merchant's invoice", shop.key, bobs.id],
      ];
      for (const [who, key, id] of cases) {
        for (const suffix of ["", "/pdf", "/ubl"]) {
          const res = await fetchRaw(server, key, `/v1/invoices/${id}${suffix}`);
          expect(res.status, `${who} ${suffix}`).toBe(404);
          expect(JSON.parse(res.body.toString()).error).toMatchObject({ code: "not_found", param: "id" });
        }
      }
    });

    it("answers 403 to a role without billing:read, 401 without a key, 404 to an unknown id", async () => {
      expect((await server.callAs(risk.key, "GET", `/v1/invoices/${paid.id}`)).status).toBe(403);
      const readOnly = await server.call("POST", "/v1/keys", { principal: shop.id, scopes: ["payments:read"] });
      expect((await server.callAs(readOnly.json.secret, "GET", `/v1/invoices/${paid.id}`)).status).toBe(403);
      expect((await fetch(`${server.url}/v1/invoices/${paid.id}`)).status).toBe(401);
      const unknown = await server.callAs(shop.key, "GET", "/v1/invoices/in_01jd3zzzzzzzzzzzzzzzzzzzzz");
      expect(unknown.status).toBe(404);
      expect((await server.callAs(shop.key, "GET", `/v1/invoices/${"x".repeat(65)}`)).status).toBe(400);
    });
  });

  describe("GET /v1/invoices", () => {
    const ids = (res: { json: { data: Array<{ id: string }> } }) => res.json.data.map((i) => i.id);

    it("lists a merchant's invoices newest first, with filters and cursor pages", async () => {
      expect(ids(await server.callAs(shop.key, "GET", "/v1/invoices"))).toEqual([open.id, credit.id, paid.id]);
      expect(ids(await server.callAs(shop.key, "GET", "/v1/invoices?status=open"))).toEqual([open.id]);
      expect(ids(await server.callAs(shop.key, "GET", "/v1/invoices?subscription_id=sub_alice"))).toEqual([credit.id, paid.id]);
      expect(ids(await server.callAs(shop.key, "GET", "/v1/invoices?type=credit_note"))).toEqual([credit.id]);
      const first = await server.callAs(shop.key, "GET", "/v1/invoices?limit=2");
      expect(first.json).toMatchObject({ object: "list", has_more: true });
      expect(ids(first)).toEqual([open.id, credit.id]);
      const next = await server.callAs(shop.key, "GET", `/v1/invoices?limit=2&starting_after=${credit.id}`);
      expect(next.json.has_more).toBe(false);
      expect(ids(next)).toEqual([paid.id]);
    });

    it("lists to each principal only its own side", async () => {
      expect(ids(await server.callAs(alice.key, "GET", "/v1/invoices"))).toEqual([open.id, credit.id, paid.id]);
      expect(ids(await server.callAs(aliceAgent.key, "GET", "/v1/invoices"))).toEqual([credit.id, paid.id]);
      expect(ids(await server.callAs(sibling.key, "GET", "/v1/invoices"))).toEqual([]);
      expect(ids(await server.callAs(bob.key, "GET", "/v1/invoices"))).toEqual([bobs.id]);
      expect(ids(await server.callAs(bobAgent.key, "GET", "/v1/invoices"))).toEqual([bobs.id]);
      expect(ids(await server.callAs(otherShop.key, "GET", "/v1/invoices"))).toEqual([bobs.id]);
      expect(ids(await server.callAs(otherShop.key, "GET", "/v1/invoices?subscription_id=sub_alice"))).toEqual([]);
      expect(ids(await server.callAs(finance.key, "GET", "/v1/invoices"))).toEqual([bobs.id, open.id, credit.id, paid.id]);
      expect((await server.callAs(risk.key, "GET", "/v1/invoices")).status).toBe(403);
    });

    it.each([
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["status=draft", "status"],
      ["type=receipt", "type"],
      ["customer=cus_1", "customer"],
    ])("refuses ?%s with 400", async (query, param) => {
      const res = await server.callAs(shop.key, "GET", `/v1/invoices?${query}`);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: "validation_error", param });
    });
  });

  describe("PDF and UBL", () => {
    it("renders the PDF for those who may read the invoice", async () => {
      for (const key of [shop.key, alice.key, aliceAgent.key, finance.key]) {
        const res = await fetchRaw(server, key, `/v1/invoices/${paid.id}/pdf`);
        expect(res.status).toBe(200);
        expect(res.type).toBe("application/pdf");
        expect(res.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
        expect(res.body.toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true);
      }
    });

    it("renders UBL: an Invoice for an invoice, a CreditNote for a credit note", async () => {
      const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false });
      const inv = await fetchRaw(server, shop.key, `/v1/invoices/${paid.id}/ubl`);
      expect(inv.status).toBe(200);
      expect(inv.type).toMatch(/^application\/xml/);
      const doc = parser.parse(inv.body.toString("utf8"));
      expect(doc.Invoice["cbc:ID"]).toBe("ACME-000001");
      expect(doc.Invoice["cac:LegalMonetaryTotal"]["cbc:PayableAmount"]).toMatchObject({ "#text": "13.35", "@currencyID": "EUR" });
      const cn = parser.parse((await fetchRaw(server, alice.key, `/v1/invoices/${credit.id}/ubl`)).body.toString("utf8"));
      expect(cn.CreditNote["cbc:CreditNoteTypeCode"]).toBe("381");
      expect(cn.CreditNote["cac:BillingReference"]["cac:InvoiceDocumentReference"]["cbc:ID"]).toBe("ACME-000001");
    });

    it.skipIf(!fs.existsSync(DEJAVU))("renders PDFs with the settings the routes are given (the font read once at start-up)", async () => {
      const withFont = await invoicesOnlyApp(server, { pdfFontFile: DEJAVU });
      const plain = await invoicesOnlyApp(server, { pdfFontFile: null });
      try {
        const embedded = await withFont.inject({ method: "GET", url: `/v1/invoices/${paid.id}/pdf` });
        expect(embedded.statusCode).toBe(200);
        expect(embedded.rawPayload.toString("latin1")).toContain("/FontFile2");
        const builtIn = await plain.inject({ method: "GET", url: `/v1/invoices/${paid.id}/pdf` });
        expect(builtIn.statusCode).toBe(200);
        expect(builtIn.rawPayload.toString("latin1")).not.toContain("/FontFile2");
      } finally {
        await withFont.close();
        await plain.close();
      }
    });

    it("serves both in the OpenAPI document", async () => {
      const res = await fetch(`${server.url}/openapi.json`);
      const doc = (await res.json()) as { paths: Record<string, unknown> };
      for (const p of ["/v1/invoices", "/v1/invoices/{id}", "/v1/invoices/{id}/pdf", "/v1/invoices/{id}/ubl"]) expect(doc.paths[p], p).toBeDefined();
    });
  });

  describe("MCP list_invoices", () => {
    it("gives a merchant its invoices, structured, read-only", async () => {
      const client = await connectMcp(server, "http", shop.key);
      try {
        const tool = (await client.listTools()).tools.find((t) => t.name === "list_invoices");
        expect(tool?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
        const list = await toolOk(client, "list_invoices", { status: "paid" });
        expect(list.data.map((i: { id: string }) => i.id)).toEqual([credit.id, paid.id]);
        expect(list.data[1]).toMatchObject({ number: "ACME-000001", total: 1_335, currency: "EUR" });
        const page = await toolOk(client, "list_invoices", { limit: 1 });
        expect(page).toMatchObject({ has_more: true, data: [{ id: open.id }] });
        const bad = await toolCall(client, "list_invoices", { limit: 0 });
        expect(bad.isError).toBe(true);
        expect(bad.structured.error).toMatchObject({ code: "validation_error", param: "limit" });
      } finally {
        await client.close();
      }
    });

    it("gives an agent the invoices of the subscriptions it created, and nothing of others", async () => {
      const client = await connectMcp(server, "http", aliceAgent.key);
      try {
        const list = await toolOk(client, "list_invoices", {});
        expect(list.data.map((i: { id: string }) => i.id)).toEqual([credit.id, paid.id]);
        expect((await toolOk(client, "list_invoices", { subscription_id: "sub_bob" })).data).toEqual([]);
      } finally {
        await client.close();
      }
      const other = await connectMcp(server, "http", otherShop.key);
      try {
        expect((await toolOk(other, "list_invoices", {})).data.map((i: { id: string }) => i.id)).toEqual([bobs.id]);
      } finally {
        await other.close();
      }
    });
  });
});
