/**
 * The placement engine on the published generalized-assignment benchmark instances of
 * OR-Library (gap1, gap12: maximise profit; gapa–gapd: minimise cost, types A–D of Chu &
 * Beasley), run through the real CLI (`localpact placement solve FILE --gap-index K`), one
 * process per problem, and checked by `localpact placement check`. Printed per problem: the
 * proven optimum from the literature, our objective and bound (as costs / profits), the
 * distance to the optimum, time, and whether the check passed.
 *
 *   npm run bench -- gap                     # every problem, 10 s limit
 *   node --import tsx bench/gap.ts gapd 3    # one file (all or one problem), limit in s
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPTIMA } from '../packages/placement/test/fixtures/orlib/optima.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'packages/placement/test/fixtures/orlib');
const cli = join(root, 'bin/localpact.mjs');

export async function run(argv: string[] = []): Promise<void> {
  const only = argv.find((a) => a in OPTIMA);
  const limit = Number(argv.find((a) => /^\d+(\.\d+)?$/.test(a)) ?? 10);
  const tmp = mkdtempSync(join(tmpdir(), 'gap-bench-'));
  const rows = ['| problem | m × n | sense | optimum | localpact | bound | above/below optimum | gap to own bound | time (s) | check |', '|---|---|---|---:|---:|---:|---:|---:|---:|---|'];
  let atOpt = 0;
  let total = 0;
  let sumDev = 0;
  for (const [file, spec] of Object.entries(OPTIMA)) {
    if (only && file !== only) continue;
    const path = join(dir, `${file}.txt`);
    spec.optima.forEach((opt, i) => {
      const out = join(tmp, `${file}-${i + 1}.json`);
      const args = [cli, 'placement', 'solve', path, '--gap-index', String(i + 1), '--time-limit', String(limit), '--no-explain', '--quiet', '--out', out];
      if (spec.maximize) args.push('--maximize');
      const t0 = performance.now();
      const p = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: (limit + 60) * 1000 });
      const ms = performance.now() - t0;
      if (p.status !== 0) {
        rows.push(`| ${file}-${i + 1} | | | ${opt} | failed (exit ${p.status}) | | | | | |`);
        return;
      }
      const res = JSON.parse(readFileSync(out, 'utf8')) as { objective: number; bound: number; gap: number; solveMs: number; unassigned: unknown[] };
      const chk = spawnSync(process.execPath, [cli, 'placement', 'check', path, out, '--gap-index', String(i + 1), ...(spec.maximize ? ['--maximize'] : [])], { encoding: 'utf8' });
      // minimisation instances are solved as max −cost
      const sign = spec.maximize ? 1 : -1;
      const val = sign * res.objective;
      const bnd = sign * res.bound;
      const dev = (spec.maximize ? opt - val : val - opt) / opt;
      total++;
      if (Math.abs(val - opt) < 1e-9) atOpt++;
      sumDev += dev;
      rows.push(
        `| ${file}-${i + 1} | ${spec.sizes[i]} | ${spec.maximize ? 'max' : 'min'} | ${opt} | ${val} | ${bnd} | ${(dev * 100).toFixed(2)} % | ${(res.gap * 100).toFixed(2)} % | ${(res.solveMs / 1000).toFixed(2)} (${(ms / 1000).toFixed(1)} with start-up) | ${chk.status === 0 && res.unassigned.length === 0 ? 'ok' : `FAILED ${chk.stdout.trim()}`} |`,
      );
      process.stderr.write(rows[rows.length - 1] + '\n');
    });
  }
  console.log(`\nOR-Library generalized assignment through the CLI, time limit ${limit} s per problem\n`);
  console.log(rows.join('\n'));
  console.log(`\n${atOpt} of ${total} at the proven optimum; mean distance ${((sumDev / Math.max(1, total)) * 100).toFixed(3)} %`);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) run(process.argv.slice(2)).catch((e) => (console.error(e), process.exit(1)));
