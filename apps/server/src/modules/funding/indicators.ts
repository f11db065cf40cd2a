// The common indicators computed from the record: which rule computes which indicator of AMIF
// (Reg. (EU) 2021/1147 Annex VIII) and ESF+ (Reg. (EU) 2021/1057 Annex I), and the arithmetic on
// the counts the pathways service returns (no person reaches this file, only cells of counts).
import type { ActivityKind, IndicatorRule, IndicatorValue } from '@localpact/contracts';
import type { ActivityCell } from '../pathways/service.ts';

type Band = 'under_18' | '18_29' | '30_54' | '55_60' | 'over_60';
interface Rule { rule: IndicatorRule; kinds?: ActivityKind[]; bands?: Band[] }

/** Indicator id (data/funding-indicators.tsv) → how localpact computes it. The rest are entered or not in the record. */
export const computedIndicators: Record<string, Rule> = {
  'AMIF-SO2-O1': { rule: 'participants', kinds: ['pre_departure'] },
  'AMIF-SO2-O2': { rule: 'lrg_supported' },
  'AMIF-SO2-O3': { rule: 'participants' },
  'AMIF-SO2-O3.1': { rule: 'participants', kinds: ['language_course'] },
  'AMIF-SO2-O3.2': { rule: 'participants', kinds: ['civic_orientation'] },
  'AMIF-SO2-O3.3': { rule: 'participants', kinds: ['professional_guidance'] },
  'AMIF-SO2-O5': { rule: 'participants', kinds: ['family_reunification'] },
  'AMIF-SO2-O7': { rule: 'lrg_project' },
  'AMIF-SO2-R8': { rule: 'cefr_improved', kinds: ['language_course'] },
  'AMIF-SO2-R10': { rule: 'participants', kinds: ['recognition_application'] },
  'AMIF-SO2-R11': { rule: 'participants', kinds: ['long_term_residence_application'] },
  'ESF-1.1-5': { rule: 'participants', bands: ['under_18'] },
  'ESF-1.1-6': { rule: 'participants', bands: ['18_29'] },
  'ESF-1.1-7': { rule: 'participants', bands: ['55_60', 'over_60'] },
  'ESF-1.1-11': { rule: 'participants' },
  'ESF-1.2-2': { rule: 'third_country' },
  'ESF-2-1': { rule: 'lrg_supported' },
};
/** Indicators answered by the participants themselves (surveys): entered, never computed. */
export const surveyIndicators = new Set(['AMIF-SO2-R9']);

export const LRG_KINDS = new Set(['municipality', 'regional_authority']);

export interface IndicatorDef { id: string; fund: string; objective: string | null; kind: string; parent: string | null; code: string | null; text: string; unit: string; breakdown: string | null }

export interface IndicatorInput {
  fund: 'amif' | 'esf_plus';
  defs: readonly IndicatorDef[];
  /** Activity kind of each selector bit (bit i = the project's activity i). */
  activityKinds: readonly ActivityKind[];
  cells: readonly ActivityCell[];
  lrgOrganisations: number;
  leadIsLrg: boolean;
  entries: ReadonlyMap<string, number>;
  /** Counts from 1 to threshold − 1 are withheld; null: nothing withheld for this reader. */
  suppressBelow: number | null;
}

const AMIF_BANDS: Record<string, Band[]> = { under_18: ['under_18'], '18_60': ['18_29', '30_54', '55_60'], over_60: ['over_60'] };

export function computeIndicators(x: IndicatorInput): { participants: number | null; items: IndicatorValue[] } {
  const cell = (n: number) => (x.suppressBelow !== null && n > 0 && n < x.suppressBelow ? null : n);
  const maskOf = (kinds?: ActivityKind[]) => x.activityKinds.reduce((m, k, i) => (!kinds || kinds.includes(k) ? m | (1 << i) : m), 0);
  const count = (pred: (c: ActivityCell) => boolean) => x.cells.filter(pred).reduce((s, c) => s + c.n, 0);
  const selected = (r: Rule) => (c: ActivityCell) => {
    if ((c.mask & maskOf(r.kinds)) === 0) return false;
    if (r.bands && !r.bands.includes(c.band as Band)) return false;
    if (r.rule === 'cefr_improved' && !c.improved) return false;
    if (r.rule === 'third_country' && !c.thirdCountry) return false;
    return true;
  };
  const breakdownOf = (pred: (c: ActivityCell) => boolean, byAge: boolean) => {
    const out: Record<string, number | null> = {};
    for (const sex of ['female', 'male', 'other', 'unknown']) out[sex] = cell(count((c) => pred(c) && c.sex === sex));
    if (byAge) for (const [band, parts] of Object.entries(AMIF_BANDS)) out[band] = cell(count((c) => pred(c) && parts.includes(c.band as Band)));
    return out;
  };
  const wanted = x.defs.filter((d) => d.fund === x.fund && (x.fund !== 'amif' || d.objective === '2'));
  const items = wanted.map((d): IndicatorValue => {
    const base = { id: d.id, fund: d.fund, kind: d.kind, parent: d.parent, code: d.code, text: d.text, unit: d.unit };
    const r = computedIndicators[d.id];
    if (r && !surveyIndicators.has(d.id)) {
      const how = { rule: r.rule, kinds: r.kinds ?? [...new Set(x.activityKinds)], bands: r.bands ?? [] };
      if (r.rule === 'lrg_supported') return { ...base, source: 'computed', value: x.lrgOrganisations, breakdown: null, how };
      if (r.rule === 'lrg_project') return { ...base, source: 'computed', value: x.leadIsLrg ? 1 : 0, breakdown: null, how };
      const pred = selected(r);
      return { ...base, source: 'computed', value: cell(count(pred)), breakdown: d.breakdown ? breakdownOf(pred, d.breakdown === 'age_sex') : null, how };
    }
    const entered = x.entries.get(d.id);
    if (entered !== undefined) return { ...base, source: 'entered', value: entered, breakdown: null, how: { rule: 'entered', kinds: [], bands: [] } };
    return { ...base, source: 'entered', value: null, breakdown: null, how: { rule: surveyIndicators.has(d.id) ? 'entered' : 'not_in_record', kinds: [], bands: [] } };
  });
  return { participants: cell(count((c) => (c.mask & maskOf()) !== 0)), items };
}

/** The CPR Art. 42 dates with indicator tables (31 January, 31 July) from a project's start to a year after its end. */
export function reportDates(startsOn: string, endsOn: string, dates: ReadonlyArray<{ month: number; day: number; indicators: boolean }>) {
  const out: Array<{ date: string; indicators: boolean }> = [];
  const last = `${Number(endsOn.slice(0, 4)) + 1}-12-31`;
  for (let y = Number(startsOn.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
    for (const d of dates) {
      const iso = `${y}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
      if (iso > startsOn && iso <= last) out.push({ date: iso, indicators: d.indicators });
    }
  }
  return out;
}
