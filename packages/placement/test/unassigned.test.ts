import { describe, expect, it } from 'vitest';
import { check } from '../src/check.ts';
import { solve } from '../src/solve.ts';
import type { Instance } from '../src/types.ts';

const base = (): Instance => ({
  resources: ['beds', 'schoolPlaces', 'uamPlaces'],
  municipalities: [
    { id: 'A', capacity: { beds: 4, schoolPlaces: 2, uamPlaces: 1 } },
    { id: 'B', capacity: { beds: 2, schoolPlaces: 0, uamPlaces: 0 } },
    { id: 'C', capacity: { beds: 6, schoolPlaces: 3, uamPlaces: 0 } },
  ],
  households: [],
});

describe('unassigned households come back with a specific reason', () => {
  it('no allowed municipality / mustGo full / uamPlaces exhausted / too big', () => {
    const inst = base();
    inst.households = [
      // two unaccompanied minors, only one uamPlace anywhere
      { id: 'uam1', needs: { uamPlaces: 1 }, scores: [10, 5, 5] },
      { id: 'uam2', needs: { uamPlaces: 1 }, scores: [9, 5, 5] },
      // no score anywhere
      { id: 'none', needs: { beds: 1 }, scores: {} },
      // mustNot excludes every scored municipality
      { id: 'excluded', needs: { beds: 1 }, scores: { A: 3 }, mustNot: ['A'] },
      // mustGo B, but B is full on beds after 'fam' takes it
      { id: 'fam', size: 2, needs: { beds: 2 }, scores: [1, 50, 1], mustGo: ['B'] },
      { id: 'late', size: 1, needs: { beds: 1 }, scores: [1, 2, 1], mustGo: ['B'] },
      // needs 7 beds: larger than any municipality
      { id: 'big', size: 7, needs: { beds: 7 }, scores: [5, 5, 5] },
    ];
    const r = solve(inst, { timeLimitSeconds: 2 });
    expect(check(inst, r).feasible).toBe(true);
    const reason = new Map(r.unassigned.map((u) => [u.household, u.reason]));
    expect([...reason.keys()].sort()).toEqual(['big', 'excluded', 'late', 'none', 'uam2'].sort());
    expect(reason.get('uam2')).toBe('no allowed municipality has uamPlaces left');
    expect(reason.get('none')).toMatch(/^no allowed municipality/);
    expect(reason.get('excluded')).toMatch(/mustNot/);
    expect(reason.get('late')).toBe('mustGo municipalities full on beds');
    expect(reason.get('big')).toMatch(/needs exceed the total capacity/);
    // the same reasons as data, for interfaces in other languages
    const why = new Map(r.unassigned.map((u) => [u.household, u.why]));
    expect(why.get('uam2')).toEqual({ kind: 'full', mustGo: false, resources: [{ resource: 'uamPlaces', municipalities: expect.any(Number) }] });
    expect(why.get('none')).toEqual({ kind: 'noAllowed', cause: 'noScore' });
    expect(why.get('excluded')).toEqual({ kind: 'noAllowed', cause: 'mustNotAll' });
    expect(why.get('late')).toEqual({ kind: 'full', mustGo: true, resources: [{ resource: 'beds', municipalities: 1 }] });
    expect(why.get('big')).toEqual({ kind: 'tooBig', resources: ['beds'] });
    expect(r.status).toBe('optimal');
    // explanations: uam2 wanted A (score 9) but A's uamPlaces are used by uam1
    const ex = r.explanations.find((e) => e.household === 'uam2')!;
    expect(ex.municipality).toBeNull();
    const altA = ex.alternatives.find((a) => a.municipality === 'A')!;
    expect(altA.blockedBy).toContainEqual(expect.objectContaining({ kind: 'capacity', resource: 'uamPlaces', used: 1, capacity: 1 }));
  });

  it('explanations name the blocking capacity with a shadow price (Lagrangian path)', () => {
    const inst: Instance = {
      resources: ['beds'],
      municipalities: [
        { id: 'city', capacity: { beds: 4 } },
        { id: 'town', capacity: { beds: 20 } },
      ],
      households: Array.from({ length: 8 }, (_, i) => ({ id: `h${i}`, size: 2, needs: { beds: 2 }, scores: [20 + i, 10] })),
    };
    const r = solve(inst, { timeLimitSeconds: 2, method: 'lagrangian' });
    expect(r.objective).toBe(27 + 26 + 6 * 10);
    expect(r.gap).toBeLessThan(1e-6);
    const ex = r.explanations.find((e) => e.household === 'h0')!;
    expect(ex.municipality).toBe('town');
    const blk = ex.alternatives[0].blockedBy[0];
    expect(blk.kind).toBe('capacity');
    if (blk.kind === 'capacity') {
      expect(blk.resource).toBe('beds');
      expect(blk.shadowPrice).toBeGreaterThan(0);
    }
    // placed households whose alternatives are worse have no blockers
    const top = r.explanations.find((e) => e.household === 'h7')!;
    expect(top.municipality).toBe('city');
    expect(top.alternatives.every((a) => a.blockedBy.length === 0)).toBe(true);
  });

  it('quota penalty is applied and reported', () => {
    const inst: Instance = {
      resources: ['beds'],
      municipalities: [
        { id: 'a', capacity: { beds: 100 }, quota: 4, quotaTolerance: 0, quotaPenalty: 10 },
        { id: 'b', capacity: { beds: 100 }, quota: 4, quotaTolerance: 0, quotaPenalty: 10 },
      ],
      households: Array.from({ length: 4 }, (_, i) => ({ id: `h${i}`, size: 2, needs: { beds: 2 }, scores: [12, 10] })),
    };
    const r = solve(inst, { timeLimitSeconds: 2 });
    // 2 in a, 2 in b: 24 + 20 = 44 (all in a: 48 − 40 − 40 = −32)
    expect(r.objective).toBe(44);
    expect(r.quota.a).toMatchObject({ persons: 4, quota: 4, penalty: 0 });
    const r2 = solve(inst, { timeLimitSeconds: 2, method: 'lagrangian' });
    expect(r2.objective).toBe(44);
    expect(r2.bound).toBeGreaterThanOrEqual(44 - 1e-9);
  });
});
