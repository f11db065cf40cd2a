import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.ts';
import { solve } from '../src/solve.ts';
import type { Instance, Result } from '../src/types.ts';
import { smallInstance } from './helpers.ts';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function scoreOf(inst: Instance, h: number, j: number): number | null {
  const s = inst.households[h].scores;
  if (Array.isArray(s)) return s[j] ?? null;
  return s[inst.municipalities[j].id] ?? null;
}

describe('check() rejects infeasible results', () => {
  it('accepts the engine result and recomputes the same objective', () => {
    fc.assert(
      fc.property(smallInstance({ quotas: true, arrays: true }), (inst) => {
        const res = solve(inst, { timeLimitSeconds: 1 });
        const c = check(inst, res);
        expect(c.feasible).toBe(true);
        expect(c.objectiveMatches).toBe(true);
        // a wrong objective is detected
        const bad = { ...res, objective: res.objective + 1 };
        expect(check(inst, bad).objectiveMatches).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('duplicate / missing household, unknown or disallowed municipality, mustNot, capacity', () => {
    fc.assert(
      fc.property(smallInstance({ arrays: true }), fc.nat(), (inst, pick) => {
        const res: Result = solve(inst, { timeLimitSeconds: 1, explain: false });
        if (res.assignments.length > 0) {
          const a = res.assignments[pick % res.assignments.length];
          // duplicate (split) household
          const dup = clone(res);
          dup.assignments.push({ ...a });
          expect(check(inst, dup).feasible).toBe(false);
          // household both assigned and unassigned
          const both = clone(res);
          both.unassigned.push({ household: a.household, reason: 'x' });
          expect(check(inst, both).feasible).toBe(false);
          // missing household
          const miss = clone(res);
          miss.assignments = miss.assignments.filter((x) => x.household !== a.household);
          expect(check(inst, miss).feasible).toBe(false);
          // unknown municipality
          const unk = clone(res);
          unk.assignments.find((x) => x.household === a.household)!.municipality = 'nowhere';
          expect(check(inst, unk).feasible).toBe(false);
        }
        // move some household to a municipality where it is not allowed / over capacity / mustNot
        const used = new Map<string, number[]>();
        const R = inst.resources;
        for (const mu of inst.municipalities)
          used.set(
            mu.id,
            R.map(() => 0),
          );
        const hIdx = new Map(inst.households.map((h, i) => [h.id, i]));
        const needOf = (h: number, j: number, k: number) => {
          const v = inst.households[h].needs[R[k]];
          return Array.isArray(v) ? v[j] : (v ?? 0);
        };
        for (const a of res.assignments) {
          const j = inst.municipalities.findIndex((m) => m.id === a.municipality);
          R.forEach((_, k) => (used.get(a.municipality)![k] += needOf(hIdx.get(a.household)!, j, k)));
        }
        for (let h = 0; h < inst.households.length; h++) {
          const hid = inst.households[h].id;
          const cur = res.assignments.find((x) => x.household === hid)?.municipality;
          for (let j = 0; j < inst.municipalities.length; j++) {
            const mid = inst.municipalities[j].id;
            if (mid === cur) continue;
            const s = scoreOf(inst, h, j);
            const hh = inst.households[h];
            const notAllowed = s === null || (hh.mustGo && !hh.mustGo.includes(mid)) || (hh.mustNot && hh.mustNot.includes(mid));
            const over = R.some((r, k) => used.get(mid)![k] + needOf(h, j, k) > (inst.municipalities[j].capacity[r] ?? 0));
            if (!notAllowed && !over) continue;
            const mut = clone(res);
            mut.unassigned = mut.unassigned.filter((u) => u.household !== hid);
            mut.assignments = mut.assignments.filter((x) => x.household !== hid);
            mut.assignments.push({ household: hid, municipality: mid, score: s ?? 0 });
            const c = check(inst, mut);
            expect(c.feasible).toBe(false);
            if (hh.mustNot?.includes(mid)) expect(c.violations.join('\n')).toMatch(/mustNot/);
            if (over && !notAllowed) expect(c.violations.join('\n')).toMatch(/capacity/);
            return;
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('explicit capacity overflow and mustNot cases', () => {
    const inst: Instance = {
      resources: ['beds'],
      municipalities: [
        { id: 'a', capacity: { beds: 3 } },
        { id: 'b', capacity: { beds: 10 } },
      ],
      households: [
        { id: 'x', size: 2, needs: { beds: 2 }, scores: [10, 1] },
        { id: 'y', size: 2, needs: { beds: 2 }, scores: [9, 1], mustNot: ['b'] },
      ],
    };
    const ok = check(inst, {
      assignments: [
        { household: 'x', municipality: 'a', score: 10 },
        { household: 'y', municipality: 'b', score: 1 },
      ],
      unassigned: [],
      objective: 11,
    });
    expect(ok.feasible).toBe(false);
    expect(ok.violations.join()).toMatch(/mustNot/);
    const over = check(inst, {
      assignments: [
        { household: 'x', municipality: 'a', score: 10 },
        { household: 'y', municipality: 'a', score: 9 },
      ],
      unassigned: [],
      objective: 19,
    });
    expect(over.feasible).toBe(false);
    expect(over.violations.join()).toMatch(/beds used 4 > capacity 3/);
    const good = check(inst, {
      assignments: [
        { household: 'x', municipality: 'b', score: 1 },
        { household: 'y', municipality: 'a', score: 9 },
      ],
      unassigned: [],
      objective: 10,
    });
    expect(good).toEqual({ feasible: true, violations: [], objective: 10, objectiveMatches: true });
  });
});
