import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountFlag, hasFlag } from "../src/ledger/index.js";
import {
  ensureMerchantAccount,
  ensureWallet,
  MERCHANT_PAYABLE_ACCOUNT_CODE,
  merchantAccountId,
  WALLET_ACCOUNT_CODE,
  walletAccountId,
} from "../src/parties/index.js";
import { engines } from "./harness.js";
import { seedMerchant, seedUser, startServer, type TestServer } from "./http-harness.js";

describe.each(engines)("wallets and merchant accounts on %s", (engine) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(engine);
  });
  afterAll(async () => server.close());

  const accountsOwnedBy = (owner: string) =>
    server.runtime.database.db.selectFrom("ledger_accounts").selectAll().where("owner_ref", "=", owner).execute();

  it("opens a user's wallet per currency on first use, not at sign-up, idempotently", async () => {
    const user = await seedUser(server);
    expect(await accountsOwnedBy(user.id)).toEqual([]);
    const ledger = server.runtime.ledger;
    const ids = await Promise.all(Array.from({ length: 16 }, () => ensureWallet(ledger, user.id, "CNY")));
    expect(new Set(ids)).toEqual(new Set([`wallet:${user.id}:CNY`]));
    expect(walletAccountId(user.id, "CNY")).toBe(ids[0]);
    expect(await ensureWallet(ledger, user.id, "USD")).toBe(`wallet:${user.id}:USD`);
    const accounts = await accountsOwnedBy(user.id);
    expect(accounts.map((a) => a.currency).sort()).toEqual(["CNY", "USD"]);
    const wallet = await ledger.account(ids[0]!);
    expect(wallet).toMatchObject({ code: WALLET_ACCOUNT_CODE, ownerRef: user.id, currency: "CNY" });
    expect(hasFlag(wallet!.flags, AccountFlag.debitsMustNotExceedCredits)).toBe(true);
    expect(hasFlag(wallet!.flags, AccountFlag.history)).toBe(true);
  });

  it("opens a merchant's payable account per currency, unconstrained", async () => {
    const merchant = await seedMerchant(server);
    const id = await ensureMerchantAccount(server.runtime.ledger, merchant.id, "EUR");
    expect(id).toBe(merchantAccountId(merchant.id, "EUR"));
    expect(await ensureMerchantAccount(server.runtime.ledger, merchant.id, "EUR")).toBe(id);
    const account = await server.runtime.ledger.account(id);
    expect(account).toMatchObject({ code: MERCHANT_PAYABLE_ACCOUNT_CODE, ownerRef: merchant.id, flags: 0 });
  });

  it("treats an unknown currency or a conflicting account under a wallet id as a bug", async () => {
    const user = await seedUser(server);
    await expect(ensureWallet(server.runtime.ledger, user.id, "XYZ")).rejects.toThrow(/ISO 4217/);
    await server.runtime.ledger.createAccounts([
      { id: walletAccountId(user.id, "JPY"), currency: "JPY", code: 1, ownerRef: null, flags: 0, metadata: null },
    ]);
    await expect(ensureWallet(server.runtime.ledger, user.id, "JPY")).rejects.toThrow(/different definition/);
  });
});
