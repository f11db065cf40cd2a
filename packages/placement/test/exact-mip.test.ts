import { describe, expect, it } from 'vitest';
import { check } from '../src/check.ts';
import { generateInstance } from '../src/generator.ts';
import { loadHighs, solveWithHighs } from '../src/highs.ts';
import { solve, usesExactMip } from '../src/solve.ts';

describe('HiGHS after the engine (hooks.highs)', () => {
  it('is worth loading for small and regional instances, not for national ones', () => {
    const shape = (n: number, m: number) => ({ households: new Array(n), municipalities: new Array(m) });
    expect(usesExactMip(shape(30, 290))).toBe(true); // few households, however many places
    expect(usesExactMip(shape(300, 40))).toBe(true); // a regional batch
    expect(usesExactMip(shape(1000, 400))).toBe(false); // national, at the default 10 s
    // national, with the time for HiGHS on each household's few best places (15 ms per household)
    expect(usesExactMip(shape(1000, 400), 20)).toBe(true);
    expect(usesExactMip({ ...shape(1000, 400), options: { timeLimitSeconds: 20 } })).toBe(true);
    expect(usesExactMip(shape(1000, 400), 14)).toBe(false);
    expect(usesExactMip(shape(2000, 400), 120)).toBe(false);
  });

  it("restricts a model to each household's best places by reduced score and its own, and maps answers back", async () => {
    const { compile, modelObjective, restrictModel } = await import('../src/model.ts');
    const inst = generateInstance({ households: 40, municipalities: 15, seed: 3 });
    const model = compile(inst);
    const lam = new Float64Array(model.m * model.R).map((_, i) => (i % 7) * 0.5);
    const mu = new Float64Array(model.m).map((_, j) => (j % 3) - 1);
    // a current answer: every third household in its last candidate (rarely among the best)
    const xPos = new Int32Array(model.n).map((_, h) => (h % 3 === 0 ? model.start[h + 1] - 1 : -1));
    const sub = restrictModel(model, lam, mu, xPos, 2);
    for (let h = 0; h < model.n; h++) {
      const red = (p: number) => {
        const j = model.cm[p];
        let v = model.cs[p] - mu[j] * model.size[h];
        for (let k = 0; k < model.R; k++) v -= lam[j * model.R + k] * model.needH[h * model.R + k];
        return v;
      };
      const kept = Array.from(sub.orig.subarray(sub.model.start[h], sub.model.start[h + 1]));
      const all = Array.from({ length: model.start[h + 1] - model.start[h] }, (_, i) => model.start[h] + i);
      const best2 = all.sort((a, b) => red(b) - red(a)).slice(0, 2);
      for (const p of best2) expect(kept).toContain(p);
      expect(kept.length).toBe(xPos[h] >= 0 && !best2.includes(xPos[h]) ? 3 : 2);
      // kept in municipality order, with their own scores; the current place maps across
      for (let q = sub.model.start[h]; q < sub.model.start[h + 1]; q++) {
        expect(sub.model.cm[q]).toBe(model.cm[sub.orig[q]]);
        expect(sub.model.cs[q]).toBe(model.cs[sub.orig[q]]);
        if (q > sub.model.start[h]) expect(sub.model.cm[q]).toBeGreaterThan(sub.model.cm[q - 1]);
      }
      expect(xPos[h] < 0 ? sub.xPos[h] : sub.orig[sub.xPos[h]]).toBe(xPos[h]);
    }
    expect(modelObjective(sub.model, sub.xPos)).toBeCloseTo(modelObjective(model, xPos), 9);
  });

  it("gives a national run with the time for it HiGHS on each household's few best places, answer checked", async () => {
    // 300 × 100 (30 000 pairs, beyond MIP_PAIRS), capacity short of demand: 4.5 s is its floor
    const inst = generateInstance({ households: 300, municipalities: 100, seed: 5, capacityFactor: 0.9, unassignedPenalty: 10_000 });
    expect(usesExactMip(inst, 6)).toBe(true);
    const r = solve(inst, { timeLimitSeconds: 6, explain: false }, { highs: await loadHighs() });
    expect(r.method).toContain("HiGHS (MIP) on each household's 3 best places");
    expect(typeof r.stats?.restrictedMip).toBe('string');
    const c = check(inst, r);
    expect(c.feasible).toBe(true);
    expect(c.objectiveMatches).toBe(true);
    expect(r.bound).toBeGreaterThanOrEqual(r.objective);
  });

  it('proves a regional batch optimal, with an answer that passes check', async () => {
    // 120 households × 12 municipalities: beyond the small-instance proof, within MIP_PAIRS
    const inst = generateInstance({ households: 120, municipalities: 12, seed: 11, unassignedPenalty: 10_000 });
    const ref = await solveWithHighs(inst, { timeLimitSeconds: 60 });
    expect(ref.status).toBe('optimal');
    const r = solve(inst, { timeLimitSeconds: 20 }, { highs: await loadHighs() });
    expect(check(inst, r).feasible).toBe(true);
    expect(r.status).toBe('optimal');
    expect(r.method).toContain('proven by HiGHS');
    expect(r.objective).toBeCloseTo(ref.objective!, 6);
  });
});
