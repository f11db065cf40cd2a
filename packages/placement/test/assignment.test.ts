import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.ts';
import { generateAssignmentInstance } from '../src/generator.ts';
import { solveWithHighs } from '../src/highs.ts';
import { solve } from '../src/solve.ts';
import type { Instance } from '../src/types.ts';

describe('one-to-one assignment (exact with dual certificate)', () => {
  it('matches HiGHS on random rectangular instances with forbidden pairs and unassigned penalty', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.option(fc.integer({ min: -20, max: 100 }), { freq: 6 }), { minLength: 81, maxLength: 81 }),
        fc.constantFrom(0, 10, 1000),
        fc.boolean(),
        async (n, m, cells, up, frac) => {
          const inst: Instance = {
            resources: ['places'],
            municipalities: Array.from({ length: m }, (_, j) => ({ id: `m${j}`, capacity: { places: 1 } })),
            households: Array.from({ length: n }, (_, i) => ({
              id: `h${i}`,
              needs: { places: 1 },
              scores: Array.from({ length: m }, (_, j) => {
                const v = cells[i * 9 + j];
                return v === null ? null : frac ? v + 0.37 * ((i + j) % 3) : v;
              }),
            })),
            options: { unassignedPenalty: up },
          };
          const r = solve(inst, { method: 'assignment' });
          expect(r.method).toMatch(/^assignment/);
          expect(check(inst, r).feasible).toBe(true);
          const ref = await solveWithHighs(inst);
          expect(Math.abs(r.objective - ref.objective!)).toBeLessThan(1e-6);
          expect(r.bound).toBeGreaterThanOrEqual(ref.objective! - 1e-6);
          expect(r.gap).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('handles instances where no household is allowed anywhere (found by the property above)', () => {
    for (const up of [0, 10, 1000]) {
      const inst: Instance = {
        resources: ['places'],
        municipalities: [
          { id: 'm0', capacity: { places: 1 } },
          { id: 'm1', capacity: { places: 1 } },
        ],
        households: [0, 1, 2].map((i) => ({ id: `h${i}`, needs: { places: 1 }, scores: [null, null] })),
        options: { unassignedPenalty: up },
      };
      const r = solve(inst, { method: 'assignment' });
      expect(r.unassigned.map((u) => u.household)).toEqual(['h0', 'h1', 'h2']);
      expect(r.objective + 0).toBe(-3 * up + 0);
      expect(r.bound).toBeGreaterThanOrEqual(r.objective);
      expect(check(inst, r).feasible).toBe(true);
    }
  });

  it('solves 300×300 dense exactly, equal to HiGHS', async () => {
    const inst = generateAssignmentInstance(300, 11);
    const r = solve(inst);
    expect(r.status).toBe('optimal');
    expect(r.gap).toBe(0);
    const ref = await solveWithHighs(inst, { relax: true }); // LP is integral for assignment
    expect(r.objective).toBeCloseTo(ref.objective!, 6);
  });

  // Speed is measured by `npm run bench -- placement`, never asserted in a test.
  it('solves 2000×2000 dense exactly, with a zero gap', () => {
    const inst = generateAssignmentInstance(2000, 5);
    const r = solve(inst, { explain: false });
    expect(r.gap).toBe(0);
    expect(r.assignments.length).toBe(2000);
    expect(new Set(r.assignments.map((a) => a.municipality)).size).toBe(2000);
  }, 60000);
});
