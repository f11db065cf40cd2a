import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.ts';
import { solveWithHighs } from '../src/highs.ts';
import { solve } from '../src/solve.ts';
import { smallInstance } from './helpers.ts';

const tol = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

async function compareWithHighs(inst: Parameters<typeof solve>[0], method?: 'lagrangian') {
  const res = solve(inst, { timeLimitSeconds: method ? 0.3 : 2, ...(method ? { method } : {}) });
  const c = check(inst, res);
  expect(c.violations).toEqual([]);
  expect(c.feasible).toBe(true);
  const ref = await solveWithHighs(inst as never);
  expect(ref.status).toBe('optimal');
  const opt = ref.objective!;
  // never better than the true optimum, bound never below it
  expect(res.objective).toBeLessThanOrEqual(opt + tol(opt));
  expect(res.bound).toBeGreaterThanOrEqual(opt - tol(opt));
  expect(res.gap).toBeGreaterThanOrEqual(0);
  if (res.status === 'optimal') expect(Math.abs(res.objective - opt)).toBeLessThanOrEqual(tol(opt));
  return { res, opt };
}

describe('engine vs HiGHS MIP on small random instances', () => {
  it('default dispatch (exact for tiny) equals the HiGHS optimum', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstance({ quotas: true, arrays: true }), async (inst) => {
        const { res, opt } = await compareWithHighs(inst);
        expect(Math.abs(res.objective - opt)).toBeLessThanOrEqual(tol(opt));
      }),
      { numRuns: 60 },
    );
  });

  it('Lagrangian engine: objective ≤ optimum ≤ bound, within the reported gap', async () => {
    let exactHits = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(smallInstance({ quotas: true, arrays: true, maxH: 20 }), async (inst) => {
        const { res, opt } = await compareWithHighs(inst, 'lagrangian');
        runs++;
        if (Math.abs(res.objective - opt) <= tol(opt)) exactHits++;
      }),
      { numRuns: 35 },
    );
    // the heuristic should find the optimum on most tiny instances
    expect(exactHits / runs).toBeGreaterThan(0.7);
  });
});

describe('Lagrangian bound argument', () => {
  it('L(λ, μ) and the knapsack bound are ≥ the integer optimum for arbitrary λ ≥ 0, μ ∈ [−pen, pen]', async () => {
    const { compile } = await import('../src/model.ts');
    const { lagrangianValue } = await import('../src/relaxation.ts');
    const { knapsackBound } = await import('../src/knapsack.ts');
    await fc.assert(
      fc.asyncProperty(
        smallInstance({ quotas: true, arrays: true, maxH: 14 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }),
        async (inst, r) => {
          const model = compile(inst);
          const lam = new Float64Array(model.m * model.R).map((_, i) => 10 * r[i % 20]);
          const mu = new Float64Array(model.m).map((_, j) => model.qPen[j] * (2 * r[(j + 7) % 20] - 1));
          const L = lagrangianValue(model, lam, mu);
          const ref = await solveWithHighs(inst);
          expect(L).toBeGreaterThanOrEqual(ref.objective! - 1e-6);
          // knapsack strengthening: still a valid bound, never weaker than L
          const kb = knapsackBound(model, lam, mu, 5000, Infinity)!;
          expect(kb.bound).toBeGreaterThanOrEqual(ref.objective! - 1e-6);
          expect(kb.bound).toBeLessThanOrEqual(L + 1e-6 * Math.max(1, Math.abs(L)));
          // only 2 items kept per municipality: the dropped-item term keeps it valid
          const kb2 = knapsackBound(model, lam, mu, 5000, Infinity, 2)!;
          expect(kb2.bound).toBeGreaterThanOrEqual(ref.objective! - 1e-6);
          // arbitrary household values v_h ≥ −UP (π_h = v_h + UP ≥ 0): still valid
          const vr = new Float64Array(model.n).map((_, h) => kb.v[h] + 8 * (r[(h + 3) % 20] - 0.5));
          const kbv = knapsackBound(model, lam, mu, 5000, Infinity, 2, vr)!;
          expect(kbv.bound).toBeGreaterThanOrEqual(ref.objective! - 1e-6);
          const kbv1 = knapsackBound(model, lam, mu, 1, Infinity, 64, vr)!;
          expect(kbv1.bound).toBeGreaterThanOrEqual(ref.objective! - 1e-6);
          // tiny node budget: falls back per municipality, still valid
          const kb0 = knapsackBound(model, lam, mu, 1, Infinity)!;
          expect(kb0.bound).toBeGreaterThanOrEqual(ref.objective! - 1e-6);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('generator instances vs HiGHS', () => {
  it('80 households × 20 municipalities × 3 resources: objective ≤ HiGHS optimum ≤ bound, small gap', async () => {
    const { generateInstance } = await import('../src/generator.ts');
    for (const seed of [1, 2]) {
      const inst = generateInstance({ households: 80, municipalities: 20, seed });
      const res = solve(inst, { timeLimitSeconds: 1.5 });
      expect(check(inst, res).feasible).toBe(true);
      const ref = await solveWithHighs(inst, { timeLimitSeconds: 20 });
      expect(ref.status).toBe('optimal');
      const opt = ref.objective!;
      expect(res.objective).toBeLessThanOrEqual(opt + tol(opt));
      expect(res.bound).toBeGreaterThanOrEqual(opt - tol(opt));
      expect((opt - res.objective) / opt).toBeLessThan(0.01);
      expect(res.gap).toBeLessThan(0.02);
    }
  }, 60000);
});
