// Configuration comes from the environment only (twelve-factor): see the README's table.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded PGlite database; ignored when databaseUrl is set. */
  dataDir: string;
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl: string | null;
  /** Session lifetime in hours (sliding). */
  sessionHours: number;
  /**
   * Sign-in throttling (NIST SP 800-63B §5.2.2, OWASP): failures free of delay per account from one
   * address or one device cookie, per account from every unknown client together, and per address
   * over all accounts; after them each further failure doubles the wait, from the first delay up
   * to the cap. Counters are forgotten after the given hours without a failure.
   */
  signInFreeFailures: number;
  signInAccountFreeFailures: number;
  signInAddressFreeFailures: number;
  signInDelaySeconds: number;
  signInMaxDelaySeconds: number;
  signInForgetHours: number;
  /** Origins besides the server's own that may send state-changing requests (a proxy that rewrites Host). */
  allowedOrigins: string[];
  /** Counts of people below this are suppressed for aggregate-only readers below NUTS 3. */
  smallCellThreshold: number;
  /** Set behind a TLS-terminating proxy so cookies are marked Secure. */
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  /** Closed pathway cases are anonymised this many days after closing (retention job). */
  retentionDays: number;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: int('PORT', 3000),
    host: process.env.HOST || '127.0.0.1',
    dataDir: resolve(process.env.DATA_DIR || '.localpact/data'),
    databaseUrl: process.env.DATABASE_URL || null,
    sessionHours: int('SESSION_HOURS', 12),
    signInFreeFailures: int('SIGN_IN_FREE_FAILURES', 5),
    signInAccountFreeFailures: int('SIGN_IN_ACCOUNT_FREE_FAILURES', 20),
    signInAddressFreeFailures: int('SIGN_IN_ADDRESS_FREE_FAILURES', 50),
    signInDelaySeconds: int('SIGN_IN_DELAY_SECONDS', 2),
    signInMaxDelaySeconds: int('SIGN_IN_MAX_DELAY_SECONDS', 900),
    signInForgetHours: int('SIGN_IN_FORGET_HOURS', 24),
    allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean),
    smallCellThreshold: int('SMALL_CELL_THRESHOLD', 5),
    secureCookies: process.env.SECURE_COOKIES === 'true',
    trustProxy: process.env.TRUST_PROXY === 'true',
    logLevel: process.env.LOG_LEVEL || 'warn',
    retentionDays: int('RETENTION_DAYS', 730),
    ...overrides,
  };
}
