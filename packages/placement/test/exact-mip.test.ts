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
    expect(usesExactMip(shape(1000, 400))).toBe(false);
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
