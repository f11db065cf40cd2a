import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { placementCli } from '../src/cli.ts';
import { gapToInstance, parseGap, type GapProblem } from '../src/gap.ts';
import { generateInstance } from '../src/generator.ts';
import { solve } from '../src/solve.ts';
import { OPTIMA } from './fixtures/orlib/optima.ts';

const fixture = fileURLToPath(new URL('./fixtures/tiny-gap.txt', import.meta.url));

/** Brute-force minimum cost with every job assigned (null if infeasible). */
function bruteForce(g: GapProblem): number | null {
  let best: number | null = null;
  const load = new Array(g.m).fill(0);
  const rec = (j: number, cost: number) => {
    if (j === g.n) {
      if (best === null || cost < best) best = cost;
      return;
    }
    for (let i = 0; i < g.m; i++) {
      if (load[i] + g.resource[i][j] > g.capacity[i]) continue;
      load[i] += g.resource[i][j];
      rec(j + 1, cost + g.cost[i][j]);
      load[i] -= g.resource[i][j];
    }
  };
  rec(0, 0);
  return best;
}

function quietly<T>(f: () => Promise<T>): Promise<{ value: T; out: string; err: string }> {
  let out = '';
  let err = '';
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  return f().then(
    (value) => {
      so.mockRestore();
      se.mockRestore();
      return { value, out, err };
    },
    (e) => {
      so.mockRestore();
      se.mockRestore();
      throw e;
    },
  );
}

describe('OR-Library GAP loader', () => {
  it('parses the multi-problem fixture and the engine finds the brute-force optimum', () => {
    const probs = parseGap(readFileSync(fixture, 'utf8'));
    expect(probs.map((p) => [p.m, p.n])).toEqual([
      [2, 4],
      [3, 5],
    ]);
    for (const g of probs) {
      const opt = bruteForce(g)!;
      const inst = gapToInstance(g);
      for (const method of ['auto', 'lagrangian'] as const) {
        const r = solve(inst, { method, timeLimitSeconds: 2 });
        expect(r.unassigned).toEqual([]);
        expect(-r.objective).toBe(opt);
        expect(-r.bound).toBeLessThanOrEqual(opt);
      }
    }
  });

  it('single-problem files (gapa–d layout) parse too; garbage is rejected', () => {
    const single = ' 2 2\n 1 2\n 3 4\n 1 1\n 1 1\n 1 1\n';
    expect(parseGap(single)).toEqual([
      {
        m: 2,
        n: 2,
        cost: [
          [1, 2],
          [3, 4],
        ],
        resource: [
          [1, 1],
          [1, 1],
        ],
        capacity: [1, 1],
      },
    ]);
    expect(() => parseGap('2 2 1 x')).toThrow();
    expect(() => parseGap('3 3 1 2')).toThrow();
  });
});

describe('placement CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'placement-cli-'));

  it('solve + check on a GAP file', async () => {
    const out = join(dir, 'gap-result.json');
    const s = await quietly(() => placementCli(['solve', fixture, '--gap-index', '2', '--out', out, '--quiet']));
    expect(s.value).toBe(0);
    expect(s.err).toMatch(/objective -?\d+/);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    const g = parseGap(readFileSync(fixture, 'utf8'))[1];
    expect(-res.objective).toBe(bruteForce(g));
    const c = await quietly(() => placementCli(['check', fixture, out, '--gap-index', '2']));
    expect(c.value).toBe(0);
    // tamper: wrong objective → exit 1
    writeFileSync(out, JSON.stringify({ ...res, objective: res.objective + 1 }));
    const c2 = await quietly(() => placementCli(['check', fixture, out, '--gap-index', '2']));
    expect(c2.value).toBe(1);
    expect(c2.err).toMatch(/differs from recomputed/);
  });

  it('solve JSON to stdout, check detects over-capacity, --help, bad input', async () => {
    const inst = generateInstance({ households: 30, municipalities: 6, seed: 3 });
    const ip = join(dir, 'inst.json');
    writeFileSync(ip, JSON.stringify(inst));
    const s = await quietly(() => placementCli(['solve', ip, '--time-limit', '1', '--quiet']));
    expect(s.value).toBe(0);
    const res = JSON.parse(s.out);
    expect(res.assignments.length + res.unassigned.length).toBe(30);
    // put everyone into the first assigned municipality → over capacity
    const rp = join(dir, 'bad.json');
    const target = res.assignments[0].municipality;
    writeFileSync(rp, JSON.stringify({ ...res, assignments: res.assignments.map((a: { household: string }) => ({ ...a, municipality: target })) }));
    const c = await quietly(() => placementCli(['check', ip, rp]));
    expect(c.value).toBe(1);
    expect(c.err).toMatch(/INFEASIBLE/);
    expect(c.err).toMatch(/capacity/);
    const h = await quietly(() => placementCli(['--help']));
    expect(h.value).toBe(0);
    expect(h.out).toMatch(/placement solve INSTANCE/);
    writeFileSync(ip, JSON.stringify({ resources: ['beds'], municipalities: [{ id: 'a', capacity: { beds: -1 } }], households: [] }));
    const b = await quietly(() => placementCli(['solve', ip]));
    expect(b.value).toBe(2);
    expect(b.err).toMatch(/municipalities\[0\]\.capacity\.beds/);
  });
});

describe('published OR-Library GAP instances through the CLI', () => {
  const orlib = (f: string) => fileURLToPath(new URL(`./fixtures/orlib/${f}.txt`, import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'placement-orlib-'));

  /** Runs `placement solve` and `placement check` on problem k of a file; returns the result. */
  async function solveAndCheck(file: string, k: number, limit: number) {
    const spec = OPTIMA[file];
    const out = join(dir, `${file}-${k}.json`);
    const flags = ['--gap-index', String(k), ...(spec.maximize ? ['--maximize'] : [])];
    const s = await quietly(() => placementCli(['solve', orlib(file), ...flags, '--time-limit', String(limit), '--no-explain', '--quiet', '--out', out]));
    expect(s.value).toBe(0);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    const c = await quietly(() => placementCli(['check', orlib(file), out, ...flags]));
    expect(c.err).toMatch(/^feasible; objective/);
    expect(c.value).toBe(0);
    expect(res.unassigned).toEqual([]); // every job assigned: a feasible GAP solution
    const sign = spec.maximize ? 1 : -1;
    return { value: sign * res.objective, bound: sign * res.bound, opt: spec.optima[k - 1], summary: s.err, status: res.status, method: res.method as string };
  }

  it('every file parses to the published sizes', () => {
    for (const [file, spec] of Object.entries(OPTIMA)) {
      const probs = parseGap(readFileSync(orlib(file), 'utf8'));
      expect(probs.map((p) => `${p.m} × ${p.n}`)).toEqual(spec.sizes);
    }
  });

  it('gap1 (maximise profit, 5 × 15): each problem solved and proven optimal (by HiGHS, which the CLI uses up to 80 households)', async () => {
    for (let k = 1; k <= 5; k++) {
      const r = await solveAndCheck('gap1', k, 5);
      expect(r.value).toBe(r.opt);
      expect(r.bound).toBe(r.opt);
      expect(r.status).toBe('optimal');
      expect(r.method).toMatch(/proven by HiGHS/);
      expect(r.summary).toMatch(new RegExp(`GAP profit ${r.opt}, upper bound`));
    }
  });

  it('types A and D (minimise cost): feasible, never below the optimum, bound never above it', async () => {
    for (const [file, k] of [
      ['gapa', 1],
      ['gapd', 1],
      ['gapd', 5],
    ] as const) {
      const r = await solveAndCheck(file, k, 1);
      expect(r.value).toBeGreaterThanOrEqual(r.opt);
      expect(r.bound).toBeLessThanOrEqual(r.opt);
    }
  });

  it('copies that print each optimum after the problem parse too', () => {
    const plain = readFileSync(orlib('gap1'), 'utf8').trim().split('\n');
    // rebuild the variant: after the capacities line of each problem, its optimum
    const probs = parseGap(plain.join('\n'));
    const text = [
      '5',
      ...probs.flatMap((p, i) => [
        `${p.m} ${p.n}`,
        ...p.cost.map((r) => r.join(' ')),
        ...p.resource.map((r) => r.join(' ')),
        p.capacity.join(' '),
        String(OPTIMA.gap1.optima[i]),
      ]),
    ].join('\n');
    const withRef = parseGap(text);
    expect(withRef.map((p) => p.reference)).toEqual(OPTIMA.gap1.optima);
    expect(withRef.map((p) => p.cost)).toEqual(probs.map((p) => p.cost));
  });
});
