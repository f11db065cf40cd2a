import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyShares, pactReferenceShares, quotas } from './keys.ts';
import { components, labourFit, score, defaultWeights } from './scoring.ts';
import { householdNeeds } from './needs.ts';

describe('distribution keys', () => {
  it('computes the Pact reference key as 50 % population share + 50 % GDP share', () => {
    const s = pactReferenceShares([{ code: 'A', population: 30, gdpUsd: 100 }, { code: 'B', population: 70, gdpUsd: 300 }]);
    expect(s.get('A')).toBeCloseTo(0.5 * 0.3 + 0.5 * 0.25, 10);
    expect(s.get('B')).toBeCloseTo(0.5 * 0.7 + 0.5 * 0.75, 10);
  });

  it('shares sum to one for every key type, and population keys follow population', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ pop: fc.integer({ min: 1, max: 1_000_000 }), country: fc.constantFrom('SE', 'DE', 'IT') }), { minLength: 1, maxLength: 30 }),
      fc.constantFrom('population', 'pact_reference', 'custom' as const),
      (ms, type) => {
        const munis = ms.map((m, i) => ({ id: `m${i}`, territoryCode: `T${i}`, country: m.country, population: m.pop }));
        const countries = [{ code: 'SE', population: 10e6, gdpUsd: 5e11 }, { code: 'DE', population: 83e6, gdpUsd: 4e12 }, { code: 'IT', population: 59e6, gdpUsd: 2e12 }];
        const custom = Object.fromEntries(munis.map((m, i) => [m.territoryCode, i + 1]));
        const shares = keyShares(type, munis, countries, custom);
        const total = [...shares.values()].reduce((a, b) => a + b, 0);
        expect(total).toBeCloseTo(1, 9);
        if (type === 'population') {
          const i = 0, j = munis.length - 1;
          if (munis[i].population > munis[j].population) expect(shares.get(munis[i].id)!).toBeGreaterThan(shares.get(munis[j].id)!);
        }
      }), { numRuns: 200 });
  });

  it('counts the year-to-date intake against each quota', () => {
    const shares = new Map([['a', 0.5], ['b', 0.5]]);
    const q = quotas(shares, 10, new Map([['a', 6]]));
    // 16 persons in the year: 8 each; a already has 6 → 2 more; b → 8.
    expect(q.get('a')).toBeCloseTo(2);
    expect(q.get('b')).toBeCloseTo(8);
    expect(quotas(shares, 2, new Map([['a', 20]])).get('a')).toBe(0);
  });
});

describe('scores', () => {
  const m = { chain: ['EU', 'SE', 'SE1', 'SE11', 'SE110', 'SE_0163'], demand: new Map([['2221', 0.9], ['72', 0.6]]), offersHealth: true, offersPsychosocial: false, offersLanguage: true };
  it('matches occupations at their ISCO group level, with less weight for broader groups', () => {
    expect(labourFit(['2221'], m.demand)).toBeCloseTo(0.9);
    expect(labourFit(['7212'], m.demand)).toBeCloseTo(0.6 * 2 / 4);
    expect(labourFit(['9999'], m.demand)).toBe(0);
    expect(labourFit([], m.demand)).toBe(0.5);
  });
  it('counts ties, the household\'s own ranked wishes, services and language courses', () => {
    const h = { occupations: ['2221'], ties: ['SE_0163'], preferences: ['SE_0114', 'SE110'], medicalCare: true, psychosocialCare: false, adults: 1 };
    const c = components(h, m);
    expect(c).toEqual({ labour: 0.9, ties: 1, preference: 0.75, services: 1, language: 1 });
    expect(score(c, defaultWeights)).toBeCloseTo(40 * 0.9 + 30 + 20 * 0.75 + 10 + 10);
    const needsPsy = components({ ...h, psychosocialCare: true }, m);
    expect(needsPsy.services).toBe(0);
  });
});

describe('needs', () => {
  it('derives resource needs from ages and flags', () => {
    expect(householdNeeds({ ages: [34, 9, 14, 3], unaccompaniedMinor: false, stepFree: false, medicalCare: true, psychosocialCare: false }))
      .toEqual({ housing_places: 4, childcare_places: 1, primary_school_places: 1, secondary_school_places: 1, health_slots: 1 });
    expect(householdNeeds({ ages: [16], unaccompaniedMinor: true, stepFree: true, medicalCare: false, psychosocialCare: true }))
      .toEqual({ uam_places: 1, secondary_school_places: 1, step_free_places: 1, psychosocial_slots: 1 });
  });
});
