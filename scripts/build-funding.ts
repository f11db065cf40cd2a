// Rebuilds data/funding-indicators.tsv (the common indicators of AMIF, Reg. (EU) 2021/1147
// Annex VIII, and of ESF+, Reg. (EU) 2021/1057 Annex I) and data/funding-instruments.json (the
// funds' rules: co-financing rates, simplified cost options, reporting dates) from shared/data/funding.
// The indicator rows are copied; the instruments are the figures of shared/data/funding/rules.md,
// each with the source tag it carries there (sources in shared/data/funding/SOURCES.md).
// Usage: npm run data:funding [-- /path/to/shared/data]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRecords } from './csv.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.argv[2] ?? join(root, '../shared/data'));
const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();


function records(file: string): Array<Record<string, string>> {
  return csvRecords(readFileSync(join(shared, 'funding', file), 'utf8'));
}

// ---- indicators: id, fund, specific objective, kind, parent, Commission code, wording, unit, breakdown
const out: string[][] = [['id', 'fund', 'objective', 'kind', 'parent', 'code', 'text', 'unit', 'breakdown']];
for (const r of records('amif-indicators.csv')) {
  // The Annex numbers items within each specific objective, results after outputs: SO 2 result 8.
  const id = `AMIF-SO${r.specific_objective}-${r.kind === 'output' ? 'O' : 'R'}${r.annex_item}`;
  const parent = r.parent_item ? `AMIF-SO${r.specific_objective}-${r.kind === 'output' ? 'O' : 'R'}${r.parent_item}` : '';
  out.push([id, 'amif', r.specific_objective, r.kind, parent, '', clean(r.text_en), clean(r.unit), r.breakdowns ? 'age_sex' : '']);
}
const perSection = new Map<string, number>();
for (const r of records('esf-plus-indicators.csv')) {
  const n = (perSection.get(r.annex_section) ?? 0) + 1;
  perSection.set(r.annex_section, n);
  const kind = r.kind === 'output' ? 'output' : 'result';
  out.push([`ESF-${r.annex_section}-${n}`, 'esf_plus', '', kind, '', r.code, clean(r.text_en), clean(r.unit), r.breakdowns ? 'sex' : '']);
}
writeFileSync(join(root, 'data', 'funding-indicators.tsv'), out.map((r) => r.join('\t')).join('\n') + '\n');

// ---- instruments (rules.md sections 1-6; "source" names the tag of shared/data/funding/SOURCES.md)
const sco = {
  // CPR Art. 53(2): operations up to EUR 200 000 are paid by unit costs, lump sums or flat rates.
  mandatoryBelowEur: 200000,
  flatRates: [
    { basis: 'indirect_7_direct', percent: 7, of: 'direct costs', legal: 'CPR Art. 54(a)' },
    { basis: 'indirect_15_staff', percent: 15, of: 'direct staff costs', legal: 'CPR Art. 54(b)' },
    { basis: 'staff_20_other_direct', percent: 20, of: 'direct costs other than staff', legal: 'CPR Art. 55(1)' },
  ],
  hourlyRateDivisor: 1720,
  source: 'Regulation (EU) 2021/1060 Art. 53-55 [S4][S6]',
};
// Cumulative indicator values go with the 31 January and 31 July submissions [S7][S8].
const reportingDates = [{ month: 1, day: 31, indicators: true }, { month: 4, day: 30, indicators: false }, { month: 7, day: 31, indicators: true }, { month: 9, day: 30, indicators: false }, { month: 11, day: 30, indicators: false }];
const instruments = [
  {
    code: 'amif', fund: 'amif', management: 'shared', name: 'Asylum, Migration and Integration Fund — national programme',
    regulation: 'Regulation (EU) 2021/1147',
    maxCofinancingPercent: 75, higherRates: [
      { percent: 90, for: 'Actions listed in Annex IV (e.g. integration measures implemented by local and regional authorities and civil society organisations)', legal: 'Art. 15(3)' },
      { percent: 90, for: 'Specific actions', legal: 'Art. 15(2)' },
      { percent: 100, for: 'Operating support; emergency assistance', legal: 'Art. 15(4)-(5)' },
    ],
    targetGroups: ['third-country nationals', 'applicants for and beneficiaries of international protection'],
    indicators: 'AMIF', sco, reportingDates, source: 'Reg. (EU) 2021/1147 Art. 15, Annex IV, Annex VIII [S1][S2]; CPR Art. 42 [S7][S8]',
  },
  {
    code: 'amif_thematic_facility', fund: 'amif_thematic_facility', management: 'direct', name: 'AMIF Thematic Facility — Union actions (Commission calls)',
    regulation: 'Regulation (EU) 2021/1147 Art. 11, 23, 24',
    maxCofinancingPercent: null, higherRates: [],
    targetGroups: ['third-country nationals'],
    indicators: 'AMIF', sco, reportingDates: [], source: 'Reg. (EU) 2021/1147 Art. 2(13), 10, 11, 23, 24 [S1]; funding rate set per call [S10][S11]',
  },
  {
    code: 'esf_plus', fund: 'esf_plus', management: 'shared', name: 'European Social Fund Plus',
    regulation: 'Regulation (EU) 2021/1057; CPR (EU) 2021/1060 Art. 112',
    maxCofinancingPercent: 85, byRegion: [
      { category: 'less developed regions', percent: 85 },
      { category: 'transition regions that were less developed in 2014-2020', percent: 70 },
      { category: 'transition regions', percent: 60 },
      { category: 'more developed regions that were transition regions or below 100 % GDP per head', percent: 50 },
      { category: 'more developed regions', percent: 40 },
    ],
    higherRates: [{ percent: 90, for: 'Support for the most deprived (Art. 4(1)(l) and (m))', legal: 'ESF+ Art. 10' }, { percent: 100, for: 'Dedicated STEP priorities', legal: 'ESF+ Art. 12a' }],
    targetGroups: ['participants', 'third-country nationals', 'people with a foreign background'],
    indicators: 'ESF+', sco, reportingDates, source: 'CPR Art. 112(3) [S6]; ESF+ Art. 10, 12a, Annex I [S3]; CPR Art. 42 [S7]',
  },
  {
    code: 'erdf', fund: 'erdf', management: 'shared', name: 'European Regional Development Fund (integration infrastructure)',
    regulation: 'CPR (EU) 2021/1060 Art. 112',
    maxCofinancingPercent: 85, byRegion: [
      { category: 'less developed regions', percent: 85 }, { category: 'transition regions', percent: 60 }, { category: 'more developed regions', percent: 40 },
    ],
    higherRates: [], targetGroups: [], indicators: null, sco, reportingDates, source: 'CPR Art. 112(3) [S6]',
  },
  {
    code: 'national', fund: 'national', management: 'national', name: 'National co-financing scheme',
    regulation: 'National law', maxCofinancingPercent: null, higherRates: [], targetGroups: [], indicators: null, sco: null, reportingDates: [],
    source: 'set by each member state',
  },
  {
    code: 'nrpp_2028', fund: 'nrpp_2028', management: 'shared', name: 'National and Regional Partnership Plans 2028-2034 (proposal, not adopted)',
    regulation: 'COM(2025) 540 (proposal)', maxCofinancingPercent: null, higherRates: [], targetGroups: [], indicators: null, sco: null, reportingDates: [],
    source: 'Commission proposal of 16 July 2025 [S15][S19]',
  },
];
writeFileSync(join(root, 'data', 'funding-instruments.json'), JSON.stringify(instruments, null, 1) + '\n');
console.log(`data/funding-indicators.tsv: ${out.length - 1} indicators; data/funding-instruments.json: ${instruments.length} instruments`);
