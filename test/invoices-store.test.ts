/**
 * Storing invoices on both engines: sequential numbers per merchant with no gaps (also under 20
 * concurrent issuers and after a rollback), ids of the shared id scheme, credit notes bound to
 * the invoice they correct, status changes (and a move that lost a race answered `conflict`),
 * the audit event written in the same transaction, and the PDF font passed in as a setting.
 */
import fs from "node:fs";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssertionError } from "../src/core/assert.js";
import { isId } from "../src/core/ids.js";
import {
  buildInvoice,
  type BuildInvoiceInput,
  DEFAULT_INVOICE_SETTINGS,
  derivedPrefix,
  getInvoice,
  insertInvoice,
  invoicePdf,
  type InvoiceRefs,
  setInvoiceStatus,
} from "../src/invoices/index.js";
import type { Database, Tables } from "../src/store/index.js";
import { createTestDatabase, engines, type TestDatabase } from "./harness.js";

const CONCURRENT_ISSUERS = 20;
/** How long the PostgreSQL race test waits for the second transaction to queue on the row lock. */
const LOCK_WAIT_MS_MAX = 10_000;
const LOCK_POLL_MS = 20;
const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/**
 * The transaction, with `write` run right after its first read (`executeTakeFirst`) returns: where
 * another transaction's commit lands in a race between setInvoiceStatus's read and its update.
 * Kysely's builders are immutable, so each builder a call returns is wrapped in turn.
 */
function writeAfterFirstRead(trx: Kysely<Tables>, write: () => Promise<unknown>): Kysely<Tables> {
  let written = false;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property);
        if (typeof value !== "function") return value;
        if (property === "executeTakeFirst") {
          return async (...args: unknown[]) => {
            const row: unknown = await value.apply(object, args);
            if (!written) {
              written = true;
              await write();
            }
            return row;
          };
        }
        return (...args: unknown[]) => {
          const out: unknown = value.apply(object, args);
          return typeof out === "object" && out !== null && !(out instanceof Promise) ? wrap(out) : out;
        };
      },
    });
  return wrap(trx);
}
const ADMIN = { type: "operator", id: "opr_test", role: "admin" } as const;

const draftInput = (over: Partial<BuildInvoiceInput> = {}): BuildInvoiceInput => ({
  seller: { name: "Acme GmbH", vatId: "DE123456789", country: "DE" },
  buyer: { name: "Kunde AG", vatId: "DE999999999", country: "DE" },
  currency: "EUR",
  typeCode: "380",
  lines: [{ description: "API calls", meterId: "mtr_calls", quantity: 1_000n, quantityScaleDigits: 0, unitPriceFine: 1_000_000n, amountFine: 1_000_000_000n }],
  carriedResidualFine: 0n,
  taxRateBps: 1900,
  issuedAtMs: Date.UTC(2025, 1, 1, 9),
  periodStartMs: Date.UTC(2025, 0, 1),
  periodEndMs: Date.UTC(2025, 1, 1),
  timezone: "Europe/Berlin",
  ...over,
});

const refs = (over: Partial<InvoiceRefs> = {}): InvoiceRefs => ({
  merchantId: "mer_01jd3aaaaaaaaaaaaaaaaaaaaa",
  userId: "usr_01jd3aaaaaaaaaaaaaaaaaaaaa",
  subscriptionId: null,
  postingId: null,
  paymentId: null,
  status: "paid",
  merchantInvoicePrefix: "ACME",
  ...over,
});

describe.each(engines)("invoice storage on %s", (engine) => {
  let tdb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
    database = await tdb.open();
  });
  afterAll(async () => {
    await database.close();
    await tdb.drop();
  });

  const issue = (over: Partial<InvoiceRefs> = {}, input: Partial<BuildInvoiceInput> = {}) =>
    database.transaction((trx) => insertInvoice(trx, buildInvoice(draftInput(input)), refs(over)));

  it("numbers a merchant's invoices 1, 2, … with its prefix, and stores what it returns", async () => {
    const merchantId = "mer_01jd3bbbbbbbbbbbbbbbbbbbbb";
    const first = await issue({ merchantId });
    const second = await issue({ merchantId });
    expect([first.number, second.number]).toEqual(["ACME-000001", "ACME-000002"]);
    const read = await getInvoice({ database, settings: DEFAULT_INVOICE_SETTINGS }, ADMIN, first.id);
    expect(read.ok && read.value).toEqual(first);
    expect(first).toMatchObject({ subtotalMinor: 1_000n, taxMinor: 190n, totalMinor: 1_190n, timezone: "Europe/Berlin" });
  });

  it("derives a prefix from the merchant id when the merchant has none, and counts each merchant apart", async () => {
    const merchantId = "mer_01jd3cccccccccccccc7k2m9qx";
    const own = await issue({ merchantId, merchantInvoicePrefix: null });
    expect(derivedPrefix(merchantId)).toBe("CC7K2M9QX".slice(-8));
    expect(own.number).toBe(`${derivedPrefix(merchantId)}-000001`);
    const other = await issue({ merchantId: "mer_01jd3dddddddddddddddddddddd" });
    expect(other.number).toBe("ACME-000001");
  });

  it(`gives ${CONCURRENT_ISSUERS} concurrent issuers the numbers 1..${CONCURRENT_ISSUERS}: no gap, no duplicate`, async () => {
    const merchantId = "mer_01jd3eeeeeeeeeeeeeeeeeeeee";
    const issued = await Promise.all(Array.from({ length: CONCURRENT_ISSUERS }, () => issue({ merchantId, merchantInvoicePrefix: "RACE" })));
    const sequences = issued.map((i) => Number(i.number.slice("RACE-".length))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: CONCURRENT_ISSUERS }, (_, i) => i + 1));
    const rows = await database.db.selectFrom("invoices").select("number").where("merchant_id", "=", merchantId).execute();
    expect(new Set(rows.map((r) => r.number)).size).toBe(CONCURRENT_ISSUERS);
  });

  it("gives the number of a rolled-back invoice to the next one", async () => {
    const merchantId = "mer_01jd3fffffffffffffffffffff";
    await issue({ merchantId });
    await expect(
      database.transaction(async (trx) => {
        await insertInvoice(trx, buildInvoice(draftInput()), refs({ merchantId }));
        throw new Error("the charge failed");
      }),
    ).rejects.toThrow("the charge failed");
    expect((await issue({ merchantId })).number).toBe("ACME-000002");
  });

  it("writes the invoice.created audit event in the same transaction", async () => {
    const invoice = await issue({ merchantId: "mer_01jd3ggggggggggggggggggggg", paymentId: "pay_x" });
    const events = await database.db.selectFrom("audit_events").selectAll().where("object_id", "=", invoice.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "invoice.created", object_type: "invoice", user_id: invoice.userId, payment_id: "pay_x", after_status: "paid" });
    expect(JSON.parse(events[0]?.data ?? "{}")).toMatchObject({ number: invoice.number, amount: "1190", currency: "EUR" });
  });

  it("binds a credit note to the invoice it corrects (number and date copied, same sequence)", async () => {
    const merchantId = "mer_01jd3hhhhhhhhhhhhhhhhhhhhh";
    const invoice = await issue({ merchantId });
    const credit = await issue({ merchantId, precedingInvoiceId: invoice.id }, { typeCode: "381", issuedAtMs: Date.UTC(2025, 1, 10) });
    expect(credit).toMatchObject({
      typeCode: "381",
      number: "ACME-000002",
      precedingInvoiceId: invoice.id,
      precedingInvoiceNumber: invoice.number,
      precedingInvoiceIssuedAtMs: invoice.issuedAtMs,
      totalMinor: invoice.totalMinor,
    });
  });

  it("refuses a credit note without, or with a foreign, preceding invoice (a bug in the caller)", async () => {
    const merchantId = "mer_01jd3jjjjjjjjjjjjjjjjjjjjj";
    await expect(issue({ merchantId }, { typeCode: "381" })).rejects.toThrow(AssertionError);
    const foreign = await issue({ merchantId: "mer_01jd3kkkkkkkkkkkkkkkkkkkkk" });
    await expect(issue({ merchantId, precedingInvoiceId: foreign.id }, { typeCode: "381" })).rejects.toThrow(AssertionError);
    // Nothing was numbered or stored for the refused documents.
    expect((await issue({ merchantId })).number).toBe("ACME-000001");
  });

  it("moves an open invoice to paid with its payment, and never back", async () => {
    const invoice = await issue({ merchantId: "mer_01jd3mmmmmmmmmmmmmmmmmmmmm", status: "open" });
    const paid = await database.transaction((trx) => setInvoiceStatus(trx, invoice.id, { status: "paid", paymentId: "pay_later", nowMs: invoice.issuedAtMs + 1_000 }));
    expect(paid.ok && paid.value).toMatchObject({ status: "paid", paymentId: "pay_later", updatedAtMs: invoice.issuedAtMs + 1_000 });
    const read = await getInvoice({ database, settings: DEFAULT_INVOICE_SETTINGS }, ADMIN, invoice.id);
    expect(read.ok && read.value.status).toBe("paid");
    await expect(database.transaction((trx) => setInvoiceStatus(trx, invoice.id, { status: "open", nowMs: 0 }))).rejects.toThrow(AssertionError);
    const actions = await database.db.selectFrom("audit_events").select("action").where("object_id", "=", invoice.id).orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual(["invoice.created", "invoice.paid"]);
  });
  it("answers conflict and changes nothing when the invoice moved between the read and the update", async () => {
    const invoice = await issue({ merchantId: "mer_01jd3nnnnnnnnnnnnnnnnnnnnn", status: "open" });
    const result = await database.transaction((trx) => {
      const voidedMeanwhile = () => trx.updateTable("invoices").set({ status: "void" }).where("id", "=", invoice.id).execute();
      return setInvoiceStatus(writeAfterFirstRead(trx, voidedMeanwhile), invoice.id, { status: "paid", paymentId: "pay_late", nowMs: invoice.issuedAtMs + 1 });
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe("conflict");
    const read = await getInvoice({ database, settings: DEFAULT_INVOICE_SETTINGS }, ADMIN, invoice.id);
    expect(read.ok && read.value).toMatchObject({ status: "void", paymentId: null });
    const actions = await database.db.selectFrom("audit_events").select("action").where("object_id", "=", invoice.id).execute();
    expect(actions.map((a) => a.action)).toEqual(["invoice.created"]);
  });

  it.skipIf(engine !== "postgres")("lets only the first of two racing transactions move the invoice (PostgreSQL)", async () => {
    const invoice = await issue({ merchantId: "mer_01jd3ppppppppppppppppppppp", status: "open" });
    let voided!: () => void;
    let release!: () => void;
    const voidWritten = new Promise<void>((resolve) => (voided = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const voider = database.transaction(async (trx) => {
      const moved = await setInvoiceStatus(trx, invoice.id, { status: "void", nowMs: invoice.issuedAtMs + 1 });
      voided();
      await released;
      return moved;
    });
    await voidWritten;
    // Reads "open" (the void is not committed yet), then queues on the row lock with its update.
    const payer = database.transaction((trx) => setInvoiceStatus(trx, invoice.id, { status: "paid", paymentId: "pay_late", nowMs: invoice.issuedAtMs + 2 }));
    await waitForLockWaiter(database);
    release();
    const [v, p] = await Promise.all([voider, payer]);
    expect(v.ok).toBe(true);
    expect(!p.ok && p.error.code).toBe("conflict");
    const read = await getInvoice({ database, settings: DEFAULT_INVOICE_SETTINGS }, ADMIN, invoice.id);
    expect(read.ok && read.value.status).toBe("void");
    const actions = await database.db.selectFrom("audit_events").select("action").where("object_id", "=", invoice.id).orderBy("id").execute();
    expect(actions.map((a) => a.action)).toEqual(["invoice.created", "invoice.voided"]);
  });

  it("gives invoices ids of the shared scheme: in_ and a lower-case ULID, in creation order", async () => {
    const merchantId = "mer_01jd3qqqqqqqqqqqqqqqqqqqqq";
    const first = await issue({ merchantId });
    const second = await issue({ merchantId });
    expect(first.id).toMatch(/^in_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(isId(first.id, "in")).toBe(true);
    expect(second.id > first.id).toBe(true);
    // Ids stored before the shared scheme have the same form and still read.
    expect(isId("in_01jd3aaaaaaaaaaaaaaaaaaaaa", "in")).toBe(true);
    expect(isId("in_01JD3AAAAAAAAAAAAAAAAAAAAA", "in")).toBe(false);
  });

  it.skipIf(!fs.existsSync(DEJAVU))("renders the PDF with the font its settings name", async () => {
    const invoice = await issue({ merchantId: "mer_01jd3rrrrrrrrrrrrrrrrrrrrr" });
    const pdf = await invoicePdf({ database, settings: { pdfFontFile: DEJAVU } }, ADMIN, invoice.id);
    expect(pdf.ok && pdf.value.toString("latin1").includes("/FontFile2")).toBe(true);
    const plain = await invoicePdf({ database, settings: DEFAULT_INVOICE_SETTINGS }, ADMIN, invoice.id);
    expect(plain.ok && plain.value.toString("latin1").includes("/FontFile2")).toBe(false);
  });
});

/** Waits until a transaction of this database queues on a lock (PostgreSQL only). */
async function waitForLockWaiter(database: Database): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS_MAX;
  for (;;) {
    const waiting = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error(`no transaction waited on a lock within ${LOCK_WAIT_MS_MAX} ms`);
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}
