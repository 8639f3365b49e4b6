/** Limits on party data and listings; every field and page has a named maximum. */
export const NAME_LENGTH_MAX = 200;
export const EMAIL_LENGTH_MAX = 254;
export const TAX_ID_LENGTH_MAX = 64;
export const TIMEZONE_LENGTH_MAX = 64;
/** Stripe's metadata limits: 50 keys of up to 40 characters, values up to 500 characters. */
export const METADATA_KEYS_MAX = 50;
export const METADATA_KEY_LENGTH_MAX = 40;
export const METADATA_VALUE_LENGTH_MAX = 500;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
/** A platform fee is at most the whole amount: 10,000 basis points. */
export const FEE_BPS_MAX = 10_000;
export const KYC_LEVEL_MAX = 3;
/** Ledger account ids this process knows to exist; the memo is cleared when it reaches this size. */
export const KNOWN_ACCOUNTS_MAX = 100_000;
