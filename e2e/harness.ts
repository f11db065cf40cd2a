// Starts the real localpact server (node bin/localpact.mjs serve) for browser tests: fresh temporary
// DATA_DIR (embedded PGlite) unless DATABASE_URL is set in the environment, a free port, and waits
// for /api/health. Also launches Debian's Chromium through playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningServer {
  baseUrl: string;
  port: number;
  dataDir: string | null;
  /** Everything the server wrote, for diagnosing failures. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Builds apps/web when its sources are newer than apps/web/dist (the server serves dist). */
export async function ensureWebBuilt(): Promise<void> {
  const { webIsStale } = (await import(join(ROOT, 'scripts/build-web-if-needed.mjs'))) as { webIsStale: () => boolean };
  if (!webIsStale()) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/web/vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('building apps/web failed');
}

export async function startServer(options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  await ensureWebBuilt();
  const external = !!process.env.DATABASE_URL;
  const dataDir = external ? null : mkdtempSync(join(tmpdir(), 'localpact-e2e-'));
  // On PostgreSQL each server gets a database of its own, created here and dropped by stop().
  const database = external ? await createDatabase(process.env.DATABASE_URL!) : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // port 0: the server binds a free port itself and prints it, so parallel test files never
    // race for a port picked in advance
    PORT: '0',
    HOST: '127.0.0.1',
  };
  if (dataDir) env.DATA_DIR = dataDir;
  if (database) env.DATABASE_URL = database.url;
  // The tests sign in with the demo accounts; on an external database they are loaded only on request.
  if (external && !env.DEMO) env.DEMO = 'true';

  let log = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/localpact.mjs'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  let exited: number | null = null;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 1);
      resolve();
    }),
  );

  let baseUrl = '';
  let port = 0;
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (exited === null) child.kill('SIGKILL');
      }, 10_000);
      await exitPromise;
      clearTimeout(timer);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (database) await database.drop();
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) {
      await stop();
      throw new Error(`localpact serve exited with ${exited} before it was healthy:\n${log}`);
    }
    if (!baseUrl) {
      const m = /API docs: (http:\/\/127\.0\.0\.1:(\d+))\/api\/docs/.exec(log);
      if (m) {
        baseUrl = m[1];
        port = Number(m[2]);
      }
    }
    if (baseUrl) try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) {
        const body = (await res.json()) as { status?: string };
        if (body.status) return { baseUrl, port, dataDir, output: () => log, stop };
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`localpact serve was not healthy within ${timeoutMs} ms:\n${log}`);
}

async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `localpact_e2e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const run = async (text: string) => { const c = new pg.Client({ connectionString: adminUrl }); await c.connect(); try { await c.query(text); } finally { await c.end(); } };
  await run(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  return { url: u.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
