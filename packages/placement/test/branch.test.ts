import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchAndBound } from '../src/branch.ts';
import { solveWithHighs } from '../src/highs.ts';
import { compile, modelObjective } from '../src/model.ts';
import { solve } from '../src/solve.ts';
import { multipliersFrom, multiplierSeeds, smallInstance } from './helpers.ts';

const tol = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

describe('Lagrangian branch-and-bound', () => {
  it('finds the HiGHS optimum for arbitrary multipliers (the node bound is valid for any λ ≥ 0, μ ∈ [−pen, pen])', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstance({ quotas: true, arrays: true, maxH: 14 }), multiplierSeeds(), async (inst, r) => {
        const model = compile(inst);
        const { lam, mu } = multipliersFrom(model, r);
        const empty = new Int32Array(model.n).fill(-1);
        const b = branchAndBound(model, lam, mu, { xPos: empty, objective: modelObjective(model, empty) }, Infinity);
        expect(b.complete).toBe(true);
        expect(modelObjective(model, b.xPos)).toBeCloseTo(b.objective, 6);
        const ref = await solveWithHighs(inst);
        expect(ref.status).toBe('optimal');
        expect(Math.abs(b.objective - ref.objective!)).toBeLessThanOrEqual(tol(ref.objective!));
      }),
      { numRuns: 60 },
    );
  });

  it('solve proves optimality on small instances beyond exhaustive enumeration', async () => {
    let proven = 0;
    await fc.assert(
      fc.asyncProperty(smallInstance({ quotas: true, arrays: true, maxH: 20 }), async (inst) => {
        const res = solve(inst, { timeLimitSeconds: 1 });
        const ref = await solveWithHighs(inst);
        expect(res.objective).toBeLessThanOrEqual(ref.objective! + tol(ref.objective!));
        expect(res.bound).toBeGreaterThanOrEqual(ref.objective! - tol(ref.objective!));
        if (res.status === 'optimal') {
          proven++;
          expect(Math.abs(res.objective - ref.objective!)).toBeLessThanOrEqual(tol(ref.objective!));
        }
      }),
      { numRuns: 25 },
    );
    expect(proven).toBeGreaterThanOrEqual(24);
  });
});
