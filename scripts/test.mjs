// `npm test`: the whole suite, as CI runs it.
//  0. lint (ESLint with typescript-eslint, the size limits and the text walls) of the whole tree,
//     format check (Biome) of FORMATTED;
//  1. type-check server, packages and web; the walls (dependency rules, .dependency-cruiser.cjs);
//     the web UI's unit tests;
//  2. API and engine tests on the embedded database (PGlite); the API contract (OpenAPI document
//     linted by Redocly: no error);
//  3. the server's tests again on real PostgreSQL (DATABASE_URL, default 127.0.0.1:5432);
//  4. browser tests in Debian's Chromium: all of them on PostgreSQL, and on PGlite the journeys
//     of the embedded default (E2E_ON_PGLITE; `npm test -- e2e-all-pglite` runs every one there).
// Ends with one line "N passed, N failed" over every run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'localpact-test-'));
const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only the named stages
const want = (stage) => only.length === 0 || only.includes(stage);
let passed = 0, failed = 0, broken = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) broken.push(label);
  return r.status === 0;
}

function vitest(label, args, env) {
  const file = join(out, `${label.replace(/\W+/g, '-')}.json`);
  run(label, process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...args], env);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests; failed += r.numFailedTests + (r.numTotalTestSuites > 0 && r.numTotalTests === 0 ? 1 : 0);
  } else failed += 1;
}

function postgresReachable() {
  const r = spawnSync(process.execPath, ['-e', `const pg=require('pg');const c=new pg.Client({connectionString:${JSON.stringify(pgUrl)}});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`], { cwd: root });
  return r.status === 0;
}

// The folders held to the lint rules (eslint.config.js): the whole tree. FORMATTED: the folders
// held to the formatter (biome.json). Only packages/ is formatted so far: the rest waits for the
// open branches to land, then `npm run format:all` (biome format --write over the whole tree) in
// one commit, and FORMATTED = LINTED here and in package.json's format:check.
const LINTED = ['apps', 'packages', 'scripts', 'bench', 'e2e'];
const FORMATTED = ['packages'];
if (want('lint')) {
  if (!run('lint (ESLint)', process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), ...LINTED])) failed += 1;
  else passed += 1;
  if (!run('format check (Biome)', process.execPath, [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'format', ...FORMATTED])) failed += 1;
  else passed += 1;
}
if (want('types')) {
  if (!run('type-check (server, packages)', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'])) failed += 1;
  if (existsSync(join(root, 'apps/web/tsconfig.json')) && !run('type-check (web)', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'apps/web/tsconfig.json', '--noEmit'])) failed += 1;
}
if (want('walls')) {
  // The platform imports no module, a module reaches another only through its service, the web
  // imports no server code, packages import no app (see .dependency-cruiser.cjs).
  if (!run('walls (dependency rules)', process.execPath, [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'apps', 'packages', 'scripts', 'bench', 'e2e'])) failed += 1;
  else passed += 1;
}
// The API contract alone: the generated OpenAPI document through `redocly lint` (recommended
// rules, @redocly/cli pinned in package.json): no error allowed; the warnings are printed and counted.
const CONTRACT = 'apps/server/src/platform/openapi.contract.test.ts';
if (want('unit')) vitest('API and engine tests on PGlite', ['--exclude', `**/${CONTRACT.split('/').pop()}`], { DATABASE_URL: '' });
if (want('contract')) vitest('API contract (OpenAPI document, redocly lint)', [CONTRACT], { DATABASE_URL: '' });
if (want('web')) vitest('web UI unit tests', ['-c', 'apps/web/vitest.config.ts']);
const pgOk = postgresReachable();
if (!pgOk) {
  console.log(`\nPostgreSQL is not reachable at ${pgUrl}.`);
  if (process.env.CI) { failed += 1; broken.push('PostgreSQL unreachable'); }
}
if (want('pg') && pgOk) vitest('API tests on PostgreSQL', ['apps/server', '--exclude', `**/${CONTRACT.split('/').pop()}`], { DATABASE_URL: pgUrl });
// The browser journeys that also run on the embedded database: sign-in and the platform pages,
// each role's home page, and the capacity and placement journey of the trust issue.
const E2E_ON_PGLITE = ['e2e/platform.e2e.test.ts', 'e2e/home.e2e.test.ts', 'e2e/trust-capacity.e2e.test.ts'];
if (want('e2e') || want('e2e-all-pglite')) {
  if (!run('web build', process.execPath, [join(root, 'scripts/build-web-if-needed.mjs')])) failed += 1;
  if (existsSync(join(root, 'e2e/vitest.config.ts'))) {
    // Every browser test on both drivers took two thirds of CI's time as capabilities were added.
    // What differs between the drivers is the server's SQL, and the API tests run all of it on
    // both; the browser tests check the pages. So every journey runs on PostgreSQL (what
    // municipalities run) and the embedded default keeps the journeys a first start goes through.
    // Without PostgreSQL, all of them run on PGlite.
    const allOnPglite = !pgOk || only.includes('e2e-all-pglite');
    vitest('browser tests on PGlite', ['-c', 'e2e/vitest.config.ts', ...(allOnPglite ? [] : E2E_ON_PGLITE)], { DATABASE_URL: '' });
    if (pgOk) vitest('browser tests on PostgreSQL', ['-c', 'e2e/vitest.config.ts'], { DATABASE_URL: pgUrl });
  }
}

if (broken.length) console.log(`\nfailed stages: ${broken.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && broken.length === 0 ? 0 : 1);
