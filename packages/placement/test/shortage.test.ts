import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHighs, solveWithHighs } from '../src/highs.ts';
import { lagrangianValue } from '../src/relaxation.ts';
import { compile } from '../src/model.ts';
import { shortageDual, shortageOf, shortageValue } from '../src/shortage.ts';
import { solve } from '../src/solve.ts';
import type { Household, Instance } from '../src/types.ts';
import { multipliersFrom, multiplierSeeds, smallInstance } from './helpers.ts';

const tol = (x: number) => 1e-6 * Math.max(1, Math.abs(x));

/**
 * Like the demo's Stockholm run: 30 households, three municipalities with 54 places between
 * them for 59 persons, and the product's unassigned penalty of 10 000, so at least one family
 * stays out and the plain Lagrangian bound, which may place part of a family, is far too high.
 */
function shortInstance(): Instance {
  const sizes = [1, 1, 2, 2, 4, 1, 1, 1, 2, 1, 1, 1, 2, 3, 3, 2, 1, 1, 1, 1, 2, 6, 1, 2, 4, 4, 2, 2, 2, 2];
  const households: Household[] = sizes.map((size, i) => ({
    id: `SE-${i}`,
    size,
    needs: { housing: size, school: size > 2 ? 1 : 0 },
    scores: [20 + ((i * 37) % 60), 25 + ((i * 53) % 55), 30 + ((i * 71) % 50)],
  }));
  return {
    resources: ['housing', 'school'],
    municipalities: [
      { id: 'upplands-vasby', capacity: { housing: 15, school: 3 }, quota: 16.3, quotaTolerance: 0.1, quotaPenalty: 5 },
      { id: 'sollentuna', capacity: { housing: 23, school: 4 }, quota: 25.7, quotaTolerance: 0.1, quotaPenalty: 5 },
      { id: 'sigtuna', capacity: { housing: 16, school: 3 }, quota: 17, quotaTolerance: 0.1, quotaPenalty: 5 },
    ],
    households,
    options: { unassignedPenalty: 10_000, timeLimitSeconds: 20 },
  };
}

describe('capacity shortage', () => {
  it('the bound with "at least k households unplaced" is valid for any multipliers and never weaker than the plain one', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstance({ quotas: true, arrays: true, maxH: 12 }), multiplierSeeds(), async (inst, r) => {
        const model = compile(inst);
        const { lam, mu } = multipliersFrom(model, r);
        const k = shortageOf(model);
        const withShortage = shortageValue(model, k, lam, mu);
        expect(withShortage).toBeLessThanOrEqual(lagrangianValue(model, lam, mu) + tol(withShortage));
        const ref = await solveWithHighs(inst);
        expect(ref.status).toBe('optimal');
        expect(withShortage).toBeGreaterThanOrEqual(ref.objective! - tol(ref.objective!));
        // and the number left out by HiGHS's optimum is at least k, when staying out costs
        if (model.UP > 100) expect(ref.assignment!.filter((j) => j < 0).length).toBeGreaterThanOrEqual(k);
      }),
      { numRuns: 80 },
    );
  });

  it('counts the families that cannot fit and tightens the bound far below the plain relaxation', () => {
    const model = compile(shortInstance());
    expect(shortageOf(model)).toBe(1);
    const zero = { lam: new Float64Array(model.m * model.R), mu: new Float64Array(model.m) };
    // at zero multipliers: every household at its best score, less the cheapest one left out
    expect(lagrangianValue(model, zero.lam, zero.mu)).toBeGreaterThan(0);
    const d = shortageDual(model, zero.lam, zero.mu, -9000, 300);
    expect(d.bound).toBeLessThan(-8000);
  });

  it('solve proves the optimum of a short instance, by branch-and-bound and by HiGHS', async () => {
    const inst = shortInstance();
    const ref = await solveWithHighs(inst);
    expect(ref.status).toBe('optimal');

    const bb = solve(inst, { timeLimitSeconds: 20 });
    expect(bb.status).toBe('optimal');
    expect(bb.method).toContain('proven by branch-and-bound');
    expect(bb.objective).toBeCloseTo(ref.objective!, 6);
    expect(bb.unassigned).toHaveLength(1);
    expect(bb.unassigned[0].reason).not.toBe('');

    const mip = solve(inst, { timeLimitSeconds: 20 }, { highs: await loadHighs() });
    expect(mip.status).toBe('optimal');
    expect(mip.method).toContain('proven by HiGHS');
    expect(mip.objective).toBeCloseTo(ref.objective!, 6);
    expect(mip.bound).toBeCloseTo(mip.objective, 6);
  });
});
