/**
 * Placement engine bench. Each measurement runs in its own child process so that the peak
 * memory (resourceUsage().maxRSS, includes the generated instance) is per case.
 *
 *   node --import tsx bench/placement.ts            # full table (~6–7 minutes)
 *   node --import tsx bench/placement.ts --case 1000x400 --engine ours   # one cell (JSON)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateAssignmentInstance, generateInstance } from '../packages/placement/src/generator.ts';
import { greedyBaseline } from '../packages/placement/src/greedy.ts';
import { loadHighs, solveWithHighs } from '../packages/placement/src/highs.ts';
import { solve, usesExactMip } from '../packages/placement/src/solve.ts';
import type { Instance } from '../packages/placement/src/types.ts';

interface Case {
  name: string;
  make: () => Instance;
  /** Engine time limit (s). */
  limit: number;
  /** HiGHS time cap (s) or a reason not to run it. */
  highs: number | string;
  /** Also run as the server does (its 20 s limit, HiGHS loaded when usesExactMip says so). */
  asServer?: number;
}

const CASES: Case[] = [
  { name: '200x80x3', make: () => generateInstance({ households: 200, municipalities: 80, seed: 7 }), limit: 2, highs: 60, asServer: 20 },
  { name: '1000x400x3', make: () => generateInstance({ households: 1000, municipalities: 400, seed: 7 }), limit: 5, highs: 90, asServer: 20 },
  { name: '5000x400x3', make: () => generateInstance({ households: 5000, municipalities: 400, seed: 7 }), limit: 20, highs: 'not run: > 120 s (LP alone hit the 2 GiB WebAssembly ceiling after 165 s)' },
  { name: '20000x2000x3', make: () => generateInstance({ households: 20000, municipalities: 2000, seed: 7 }), limit: 100, highs: 'not run: > 120 s (36 M binaries)' },
  { name: 'one-to-one 2000x2000', make: () => generateAssignmentInstance(2000, 5), limit: 10, highs: 'not run: > 120 s (4 M binaries)' },
];

interface Cell {
  ok: boolean;
  ms?: number;
  rssMB?: number;
  objective?: number | null;
  bound?: number | null;
  gap?: number | null;
  note?: string;
}

async function runCell(caseName: string, engine: string): Promise<Cell> {
  const c = CASES.find((x) => x.name === caseName);
  if (!c) throw new Error(`unknown case ${caseName}`);
  const inst = c.make();
  const t0 = performance.now();
  if (engine === 'ours') {
    const r = solve(inst, { timeLimitSeconds: c.limit, explain: true });
    return { ok: true, ms: performance.now() - t0, objective: r.objective, bound: r.bound, gap: r.gap, note: r.method.split(' ')[0], rssMB: process.resourceUsage().maxRSS / 1024 };
  }
  if (engine === 'server' && c.asServer) {
    const highs = usesExactMip(inst, c.asServer) ? await loadHighs() : undefined;
    const r = solve(inst, { timeLimitSeconds: c.asServer, explain: true }, { highs });
    // what came after the engine ("lagrangian (…); then HiGHS …")
    const after = r.method.slice(r.method.indexOf(')') + 1).replace(/^; /, '');
    const note = highs ? after || 'HiGHS loaded, not used' : 'engine alone';
    return { ok: true, ms: performance.now() - t0, objective: r.objective, bound: r.bound, gap: r.gap, note, rssMB: process.resourceUsage().maxRSS / 1024 };
  }
  if (engine === 'greedy') {
    const r = greedyBaseline(inst);
    return { ok: true, ms: r.ms, objective: r.objective, bound: null, gap: null, rssMB: process.resourceUsage().maxRSS / 1024 };
  }
  if (engine === 'highs') {
    if (typeof c.highs === 'string') return { ok: false, note: c.highs };
    const r = await solveWithHighs(inst, { timeLimitSeconds: c.highs, worker: true });
    const gap = r.objective !== null && r.bound !== null ? (r.bound - r.objective) / Math.max(Math.abs(r.bound), 1e-9) : null;
    return { ok: r.objective !== null, ms: r.ms, objective: r.objective, bound: r.bound, gap, note: r.status, rssMB: process.resourceUsage().maxRSS / 1024 };
  }
  throw new Error(`unknown engine ${engine}`);
}

const fmt = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? '—' : x.toFixed(d));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(3)} %`);

export async function run(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const rows: string[] = [];
  rows.push('| instance | engine | time (s) | peak RSS (MB) | objective | bound | gap | note |');
  rows.push('|---|---|---:|---:|---:|---:|---:|---|');
  for (const c of CASES) {
    let ourBound: number | null = null;
    for (const engine of ['ours', ...(c.asServer ? ['server'] : []), 'greedy', 'highs']) {
      let cell: Cell;
      if (engine === 'highs' && typeof c.highs === 'string') cell = { ok: false, note: c.highs };
      else {
        const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--case', c.name, '--engine', engine], {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
          timeout: 300_000,
        });
        const line = p.stdout.trim().split('\n').pop() ?? '';
        try {
          cell = JSON.parse(line) as Cell;
        } catch {
          cell = { ok: false, note: `failed (exit ${p.status}${p.signal ? `, ${p.signal}` : ''}): ${(p.stderr || '').trim().split('\n').slice(-1)[0] ?? ''}`.slice(0, 120) };
        }
      }
      if (engine === 'ours' && cell.bound !== undefined) ourBound = cell.bound ?? null;
      let gap = cell.gap;
      let note = cell.note ?? '';
      if (engine === 'greedy' && ourBound !== null && typeof cell.objective === 'number') {
        gap = (ourBound - cell.objective) / Math.max(Math.abs(ourBound), 1e-9);
        note = 'gap vs our bound';
      }
      const row = `| ${c.name} | ${engine === 'ours' ? 'localpact' : engine === 'server' ? `localpact as the server runs it (${c.asServer} s)` : engine === 'highs' ? 'HiGHS-WASM MIP' : 'greedy'} | ${fmt(cell.ms !== undefined ? cell.ms / 1000 : undefined, 2)} | ${fmt(cell.rssMB, 0)} | ${fmt(cell.objective, 2)} | ${fmt(cell.bound, 2)} | ${pct(gap)} | ${note} |`;
      rows.push(row);
      process.stderr.write(row + '\n');
    }
  }
  console.log(`\nPlacement bench (${new Date().toISOString()}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores)\n`);
  console.log(rows.join('\n'));
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const i = process.argv.indexOf('--case');
  if (i > 0) {
    const e = process.argv.indexOf('--engine');
    runCell(process.argv[i + 1], process.argv[e + 1]).then(
      (cell) => {
        process.stdout.write(JSON.stringify(cell) + '\n');
        process.exit(0);
      },
      (err) => {
        process.stderr.write(String(err?.stack ?? err) + '\n');
        process.exit(1);
      },
    );
  } else {
    run().catch((err) => {
      console.error(err);
      process.exit(1);
    });
  }
}
