import fc from 'fast-check';
import type { Model } from '../src/model.ts';
import type { Household, Instance, Municipality } from '../src/types.ts';

/** Random small instance (2–7 households, 1–4 municipalities, 1–2 resources). */
export const smallInstance = (opts: { quotas?: boolean; arrays?: boolean; maxH?: number } = {}) =>
  fc
    .record({
      m: fc.integer({ min: 1, max: 4 }),
      n: fc.integer({ min: 2, max: opts.maxH ?? 7 }),
      R: fc.integer({ min: 1, max: 2 }),
      seed: fc.integer({ min: 1, max: 1e9 }),
      up: fc.constantFrom(0, 0, 5, 1000),
    })
    .map(({ m, n, R, seed, up }) => {
      let a = seed >>> 0;
      const r = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const ri = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
      const resources = ['beds', 'school'].slice(0, R);
      const municipalities: Municipality[] = [];
      for (let j = 0; j < m; j++) {
        const mu: Municipality = { id: `m${j}`, capacity: {} };
        for (const res of resources) mu.capacity[res] = ri(0, 8);
        if (opts.quotas && r() < 0.6) {
          mu.quota = ri(0, 8);
          mu.quotaTolerance = [0, 0.1, 0.5][ri(0, 2)];
          mu.quotaPenalty = ri(1, 6);
        }
        municipalities.push(mu);
      }
      const households: Household[] = [];
      for (let i = 0; i < n; i++) {
        const needs: Record<string, number | number[]> = {};
        for (const res of resources) needs[res] = opts.arrays && r() < 0.5 ? Array.from({ length: m }, () => ri(0, 4)) : ri(0, 4);
        const scores: (number | null)[] = Array.from({ length: m }, () => (r() < 0.15 ? null : ri(-5, 30)));
        const h: Household = { id: `h${i}`, size: ri(1, 5), needs, scores };
        // two independent draws (a mustGo, else perhaps a mustNot), in this order
        const mustGo = r() < 0.15;
        if (mustGo) h.mustGo = [`m${ri(0, m - 1)}`];
        else if (r() < 0.15) h.mustNot = [`m${ri(0, m - 1)}`];
        if (r() < 0.2) {
          // object form of scores
          const o: Record<string, number> = {};
          scores.forEach((s, j) => {
            if (s !== null) o[`m${j}`] = s;
          });
          h.scores = o;
        }
        households.push(h);
      }
      const inst: Instance = { resources, municipalities, households, options: { unassignedPenalty: up, timeLimitSeconds: 2 } };
      return inst;
    });

/** 16 numbers in [0, 1) for multipliersFrom. */
export const multiplierSeeds = () => fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 });

/** Arbitrary valid Lagrange multipliers from 16 seeds: λ ∈ [0, 4), μ_j ∈ [−pen_j, pen_j]. */
export function multipliersFrom(model: Model, r: number[]): { lam: Float64Array; mu: Float64Array } {
  return {
    lam: new Float64Array(model.m * model.R).map((_, i) => 4 * r[i % 8]),
    mu: new Float64Array(model.m).map((_, j) => model.qPen[j] * (2 * r[8 + (j % 8)] - 1)),
  };
}
