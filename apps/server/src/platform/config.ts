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
  /** Failed sign-ins allowed per email (and per IP) in the window before 429. */
  signInMaxFailures: number;
  signInWindowMinutes: number;
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
    signInMaxFailures: int('SIGN_IN_MAX_FAILURES', 5),
    signInWindowMinutes: int('SIGN_IN_WINDOW_MINUTES', 15),
    secureCookies: process.env.SECURE_COOKIES === 'true',
    trustProxy: process.env.TRUST_PROXY === 'true',
    logLevel: process.env.LOG_LEVEL || 'warn',
    retentionDays: int('RETENTION_DAYS', 730),
    ...overrides,
  };
}
