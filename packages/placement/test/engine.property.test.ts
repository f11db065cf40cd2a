import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.ts';
import { solveWithHighs } from '../src/highs.ts';
import { solve } from '../src/solve.ts';
import { smallInstance } from './helpers.ts';

const tol = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

async function compareWithHighs(inst: Parameters<typeof solve>[0], method?: 'lagrangian') {
  const res = solve(inst, { timeLimitSeconds: 2, ...(method ? { method } : {}) });
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
      fc.asyncProperty(smallInstance({ quotas: true, arrays: true, maxH: 12 }), async (inst) => {
        const { res, opt } = await compareWithHighs(inst, 'lagrangian');
        runs++;
        if (Math.abs(res.objective - opt) <= tol(opt)) exactHits++;
      }),
      { numRuns: 40 },
    );
    // the heuristic should find the optimum on most tiny instances
    expect(exactHits / runs).toBeGreaterThan(0.7);
  });
});
