import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.ts';
import { generateInstance } from '../src/generator.ts';
import { compile, modelObjective } from '../src/model.ts';
import { oscillate } from '../src/oscillation.ts';
import { solveWithHighs } from '../src/highs.ts';
import { smallInstance } from './helpers.ts';
import type { Instance } from '../src/types.ts';

/** Every allowed candidate of every household (complete candidate lists). */
function fullCandidates(inst: Instance) {
  const model = compile(inst);
  const stride = Math.max(1, model.m);
  const pos = new Int32Array(model.n * stride);
  const cnt = new Int32Array(model.n);
  for (let h = 0; h < model.n; h++) for (let p = model.start[h]; p < model.start[h + 1]; p++) pos[h * stride + cnt[h]++] = p;
  return { model, cand: { pos, cnt, stride } };
}

/** The result as the public result shape, for `check`. */
function asResult(inst: Instance, x: Int32Array, objective: number) {
  const model = compile(inst);
  const assignments: { household: string; municipality: string; score: number }[] = [];
  const unassigned: { household: string; reason: string }[] = [];
  x.forEach((p, h) =>
    p >= 0
      ? assignments.push({ household: model.hhIds[h], municipality: model.muniIds[model.cm[p]], score: model.cs[p] })
      : unassigned.push({ household: model.hhIds[h], reason: 'test' }),
  );
  return { assignments, unassigned, objective };
}

describe('strategic oscillation', () => {
  it('returns only feasible assignments with their true objective, never below a feasible start', () => {
    fc.assert(
      fc.property(smallInstance({ quotas: true, arrays: true, maxH: 9 }), fc.integer({ min: 1, max: 1000 }), (inst, seed) => {
        const { model, cand } = fullCandidates(inst);
        const start = new Int32Array(model.n).fill(-1); // everybody unplaced: feasible
        const startObj = modelObjective(model, start);
        const r = oscillate(model, start, { deadline: performance.now() + 1e9, seed, cand, patience: 200 });
        expect(r.objective).toBeGreaterThanOrEqual(startObj - 1e-9);
        expect(modelObjective(model, r.x)).toBeCloseTo(r.objective, 6);
        const c = check(inst, asResult(inst, r.x, r.objective));
        expect(c.violations).toEqual([]);
        expect(c.feasible).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('reaches the HiGHS optimum on tightly packed instances (all places needed, whole families)', async () => {
    // capacity factor 1.0: the greedy leaves families out; crossing overfilled states fits them in
    let reached = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const inst = generateInstance({ households: 24, municipalities: 5, seed, capacityFactor: 1.0, quotas: false, mustGoRate: 0, mustNotRate: 0 });
      const { model, cand } = fullCandidates(inst);
      const start = new Int32Array(model.n).fill(-1);
      const r = oscillate(model, start, { deadline: performance.now() + 1e9, seed, cand, patience: 3000 });
      const ref = await solveWithHighs(inst, { timeLimitSeconds: 60 });
      expect(ref.objective).not.toBeNull();
      expect(r.objective).toBeLessThanOrEqual(ref.objective! + 1e-6); // HiGHS is optimal
      if (r.objective >= ref.objective! - 1e-6) reached++;
    }
    expect(reached).toBeGreaterThanOrEqual(5);
  });
});
