// The web UI as a browser sees it: Lighthouse 12 (desktop preset: simulated fast connection and
// CPU, 1350 × 940 screen) on the main signed-in pages of several roles, on a fresh PGlite with the
// demo data, through the production build served by localpact itself (compressed, code split).
// Prints performance, accessibility and best-practices scores (0-100) and the cumulative layout
// shift, with LCP and total blocking time, per page. Targets: performance ≥ 90, accessibility 100.
// Needs Chromium (CHROME_PATH, default /usr/bin/chromium). BENCH_RUNS (default 1) runs each page
// several times and keeps the median performance run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { printTable, signIn, startBenchServer } from './support.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS || 1);
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

/** The pages measured: role, account, page label, path (a function when it needs an id). */
interface Target { role: string; email: string; page: string; path: string | ((api: Api) => Promise<string>) }
type Api = (path: string) => Promise<any>;
const TARGETS: Target[] = [
  { role: 'EU observer', email: 'observer@ec.localpact.eu', page: 'dashboard (EU)', path: '/reception/overview' },
  { role: 'EU observer', email: 'observer@ec.localpact.eu', page: 'territory (EU)', path: '/territories/EU' },
  { role: 'municipal officer', email: 'officer@sollentuna.localpact.eu', page: 'home', path: '/' },
  { role: 'municipal officer', email: 'officer@sollentuna.localpact.eu', page: 'capacity', path: '/reception/capacity' },
  { role: 'municipal officer', email: 'officer@sollentuna.localpact.eu', page: 'notices', path: '/reception/notices' },
  { role: 'case worker', email: 'caseworker@sollentuna.localpact.eu', page: 'people', path: '/people' },
  { role: 'case worker', email: 'caseworker@sollentuna.localpact.eu', page: 'person', path: async (api) => `/people/${(await api('/people?purpose=case_management&limit=1')).items[0].id}` },
  { role: 'case worker', email: 'caseworker@sollentuna.localpact.eu', page: 'worklist', path: '/worklist' },
  { role: 'national coordinator', email: 'coordinator@migrationsverket.localpact.eu', page: 'placement', path: '/placement' },
  { role: 'data-protection officer', email: 'dpo@localpact.eu', page: 'audit', path: '/audit' },
];

function buildWeb(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-web-if-needed.mjs')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('building apps/web failed');
}

interface Figures { performance: number; accessibility: number; bestPractices: number; cls: number; lcp: number; tbt: number; failed: string[] }

async function audit(port: number, url: string, cookie: string): Promise<Figures> {
  const result = await lighthouse(url, {
    port, output: 'json', logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
    extraHeaders: { Cookie: cookie },
  }, desktopConfig);
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { categories, audits } = result.lhr;
  if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
  const score = (k: string) => Math.round((categories[k]?.score ?? 0) * 100);
  // The audits that cost accessibility or best-practices points, to say what stands in the way.
  const failed = ['accessibility', 'best-practices'].flatMap((k) => categories[k].auditRefs
    .filter((r) => r.weight > 0 && audits[r.id].score !== null && audits[r.id].score! < 1).map((r) => `${k}: ${r.id}`));
  return {
    performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'),
    cls: audits['cumulative-layout-shift'].numericValue ?? NaN,
    lcp: audits['largest-contentful-paint'].numericValue ?? NaN,
    tbt: audits['total-blocking-time'].numericValue ?? NaN,
    failed,
  };
}

export async function run(): Promise<void> {
  buildWeb();
  const server = await startBenchServer('pglite');
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const rows: Array<Array<string | number>> = [];
  const problems: string[] = [];
  try {
    const cookies = new Map<string, string>();
    for (const t of TARGETS) {
      if (!cookies.has(t.email)) cookies.set(t.email, await signIn(server.baseUrl, t.email));
      const cookie = cookies.get(t.email)!;
      const api: Api = async (p) => (await fetch(`${server.baseUrl}/api${p}`, { headers: { cookie } })).json();
      const path = typeof t.path === 'string' ? t.path : await t.path(api);
      const runs: Figures[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(chrome.port, server.baseUrl + path, cookie));
      const f = runs.sort((a, b) => a.performance - b.performance)[Math.floor(runs.length / 2)];
      rows.push([t.page, t.role, f.performance, f.accessibility, f.bestPractices, f.cls.toFixed(3), Math.round(f.lcp), Math.round(f.tbt)]);
      for (const x of f.failed) problems.push(`${t.page}: ${x}`);
      console.log(`  ${t.page} (${path}): performance ${f.performance}, accessibility ${f.accessibility}, best practices ${f.bestPractices}, CLS ${f.cls.toFixed(3)}`);
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  printTable(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, desktop preset, PGlite with demo data (${RUNS} run${RUNS > 1 ? 's, median' : ''} per page)`,
    ['page', 'role', 'performance', 'accessibility', 'best practices', 'CLS', 'LCP ms', 'TBT ms'], rows);
  if (problems.length) console.log(`audits below full marks:\n  ${problems.join('\n  ')}`);
}
