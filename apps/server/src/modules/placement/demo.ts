// Demo data for placement: 30 households awaiting placement by the Swedish Migration Agency, and
// illustrative labour demand for Stockholm county and two of its municipalities. The demand
// figures are demo values chosen to show how the score works, not official statistics.
import type { DemoData } from '../../platform/module.ts';

const languages = ['uk', 'ar', 'ti', 'fa', 'so', 'ru', 'prs'];
const occupations = ['2221', '7212', '2512', '5120', '8322', '2341', '9112', '7115', '3221', '7411'];
const procedures = ['temporary_protection', 'relocation', 'resettlement', 'temporary_protection', 'asylum'] as const;
const places = ['SE_0163', 'SE_0191', 'SE_0114', 'SE_0180', 'SE_0184', 'SE_0127'];

/** A small deterministic generator, so every demo database holds the same households. */
function mulberry32(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

export function demoHouseholds(count = 30) {
  const r = mulberry32(2026);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: count }, (_, i) => {
    const uam = i % 15 === 7; // two unaccompanied minors among thirty
    const size = uam ? 1 : 1 + Math.floor(r() * r() * 6);
    const ages = uam ? [15 + Math.floor(r() * 3)] : [25 + Math.floor(r() * 30), ...Array.from({ length: size - 1 }, (_, k) => (k === 0 && r() < 0.5 ? 25 + Math.floor(r() * 30) : Math.floor(r() * 17)))];
    return {
      reference: `SE-2026-${String(101 + i).padStart(4, '0')}`,
      ages, unaccompaniedMinor: uam,
      languages: [pick(languages)],
      occupations: uam ? [] : r() < 0.8 ? [pick(occupations)] : [],
      ties: r() < 0.3 ? [pick(places)] : [],
      preferences: r() < 0.4 ? [pick(places)] : [],
      medicalCare: r() < 0.1, psychosocialCare: r() < 0.15, stepFree: r() < 0.05,
      procedure: pick(procedures),
    };
  });
}

export const demoLabourDemand: Array<[string, string, number]> = [
  ['SE110', '2221', 0.9], ['SE110', '2512', 0.8], ['SE110', '2341', 0.7], ['SE110', '3221', 0.8], ['SE110', '5120', 0.5],
  ['SE110', '7212', 0.4], ['SE110', '8322', 0.6], ['SE110', '9112', 0.3], ['SE110', '7115', 0.6], ['SE110', '7411', 0.7],
  ['SE_0191', '8322', 0.95], ['SE_0191', '5120', 0.85], ['SE_0163', '2512', 0.95], ['SE_0114', '7212', 0.8],
];

export const placementTables = ['placement_households', 'placement_runs', 'regional_labour_demand'];

export const placementDemo: DemoData = {
  async seed(trx, ctx) {
    const holder = ctx.organisations.get('se')!;
    await trx.insertInto('placement_households').values(demoHouseholds().map((h) => ({
      organisation_id: holder, reference: h.reference, size: h.ages.length, ages: h.ages, unaccompanied_minor: h.unaccompaniedMinor,
      languages: h.languages, occupations: h.occupations, ties: h.ties, preferences: h.preferences, medical_care: h.medicalCare,
      psychosocial_care: h.psychosocialCare, step_free: h.stepFree, procedure: h.procedure,
    }))).execute();
    await trx.insertInto('regional_labour_demand').values(demoLabourDemand.map(([territory_code, isco, demand]) => ({ territory_code, isco, demand, source: 'localpact demo data (illustrative)' }))).execute();
  },
};
