// EU funding, the indicators: computed from the record through the pathways service (counts),
// entered survey results, reporting dates, the CSV report and the participants behind the figures.
import type { ActivityKind, IndicatorReport } from '@localpact/contracts';
import { todayIso } from '@localpact/contracts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { has, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { reach } from '../../platform/gate.ts';
import { invalid } from '../../platform/errors.ts';
import * as pathways from '../pathways/service.ts';
import * as repo from './repository.ts';
import { projectRecord } from './records.ts';
import { reachOwnProject, toInstrument } from './common.ts';
import { computedIndicators, computeIndicators, LRG_KINDS, reportDates, surveyIndicators } from './indicators.ts';

// ---- indicators -------------------------------------------------------------------------------------
async function indicatorBasis(trx: Tx, id: string) {
  const p = (await repo.projectSummary(trx, id))!;
  const acts = await repo.activities(trx, id);
  const partners = await repo.partners(trx, id);
  // People count where the project's local and regional governments hold their plans.
  const lrgs = [{ id: p.organisation_id, kind: p.organisation_kind }, ...partners].filter((o) => LRG_KINDS.has(o.kind));
  const holders = [...new Set(lrgs.map((o) => o.id))];
  const selectors = acts.map((a) => ({ domains: a.domains, deliveredBy: a.delivered_by, from: a.from_date, to: a.to_date, languageCode: a.kind === 'language_course' ? a.language_code : null }));
  return { p, acts, holders, selectors, lrgCount: holders.length, leadIsLrg: LRG_KINDS.has(p.organisation_kind) };
}

/**
 * The project's indicators at a date (cumulative from its activities' start), counts only. Small
 * cells are withheld for every reader but the applicant's own staff who may read its people.
 */
export async function indicators(db: Db, actor: Actor, id: string, asOf: string | undefined, smallCellThreshold: number, exported = false): Promise<IndicatorReport> {
  return withActor(db, actor, async (trx) => {
    await reach(trx, actor, projectRecord, id, 'read');
    const b = await indicatorBasis(trx, id);
    const date = asOf ?? todayIso();
    const fund = b.p.fund === 'esf_plus' ? 'esf_plus' : 'amif';
    const cells = await pathways.activityCounts(trx, { holders: b.holders, selectors: b.selectors, asOf: date, euCountries: await repo.euCountries(trx) });
    // Exact figures only for staff who may read every person counted (all held by their own organisation).
    const exact = has(actor, 'people.read') && actor.organisationId === b.p.organisation_id && b.holders.every((h) => h === actor.organisationId);
    const suppressBelow = exact ? null : smallCellThreshold;
    const r = computeIndicators({
      fund, defs: await repo.indicators(trx, fund), activityKinds: b.acts.map((a) => a.kind as ActivityKind), cells,
      lrgOrganisations: b.lrgCount, leadIsLrg: b.leadIsLrg, entries: new Map((await repo.entries(trx, id)).map((e) => [e.indicator_id, e.value])), suppressBelow,
    });
    await audit(trx, actor, { action: exported ? 'funding_project.report' : 'funding_project.indicators', recordType: 'funding_project', recordId: id, purpose: 'statistics', detail: { asOf: date } });
    return { projectId: id, fund, asOf: date, suppressedBelow: suppressBelow, participants: r.participants, items: r.items };
  });
}

/** An indicator the record cannot compute (a survey result), entered by the applicant. */
export async function enterIndicator(db: Db, actor: Actor, id: string, input: { indicatorId: string; value: number }, smallCellThreshold: number): Promise<IndicatorReport> {
  await withActor(db, actor, async (trx) => {
    await reachOwnProject(trx, actor, id);
    const p = (await repo.projectSummary(trx, id))!;
    const fund = p.fund === 'esf_plus' ? 'esf_plus' : 'amif';
    const def = (await repo.indicators(trx, fund)).find((d) => d.id === input.indicatorId);
    if (!def) throw invalid('body.indicatorId', 'validation.funding_indicator_unknown');
    if (computedIndicators[def.id] && !surveyIndicators.has(def.id)) throw invalid('body.indicatorId', 'validation.funding_indicator_computed');
    await repo.upsertEntry(trx, id, def.id, input.value);
    await repo.bump(trx, id);
    await audit(trx, actor, { action: 'funding_project.update', recordType: 'funding_project', recordId: id, detail: { indicator: def.id, value: input.value } });
  });
  return indicators(db, actor, id, undefined, smallCellThreshold);
}

export async function reportDatesOf(db: Db, actor: Actor, id: string) {
  return withActor(db, actor, async (trx) => {
    await reach(trx, actor, projectRecord, id, 'read');
    const p = (await repo.projectSummary(trx, id))!;
    const inst = toInstrument((await repo.instrument(trx, p.instrument_code))!);
    return { items: reportDates(p.starts_on, p.ends_on, inst.reportingDates).filter((d) => d.indicators) };
  });
}

/** The indicators as CSV in the layout of the Annex (one row per indicator, the breakdown cells as columns). Never a name. */
export async function reportCsv(db: Db, actor: Actor, id: string, asOf: string | undefined, smallCellThreshold: number): Promise<string> {
  const r = await indicators(db, actor, id, asOf, smallCellThreshold, true);
  const cells = ['female', 'male', 'other', 'unknown', 'under_18', '18_60', 'over_60'];
  const q = (s: string | number | null) => (s === null ? '' : /[",\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s));
  const head = ['indicator', 'code', 'kind', 'text', 'unit', 'value', ...cells, 'source', 'rule', 'activities', 'as_of'];
  const rows = r.items.map((i) => [i.id, i.code, i.kind, i.text, i.unit, i.value, ...cells.map((c) => i.breakdown?.[c] ?? null), i.source, i.how.rule, i.how.kinds.join(' '), r.asOf]);
  return [head, ...rows].map((row) => row.map(q).join(',')).join('\r\n') + '\r\n';
}

/** Who is behind the figures: for the applicant's staff who may read its people; each read audited. */
export async function participants(db: Db, actor: Actor, id: string, q: { asOf?: string; purpose: string }) {
  return withActor(db, actor, async (trx) => {
    await reach(trx, actor, projectRecord, id, 'read');
    const b = await indicatorBasis(trx, id);
    const rows = await pathways.activityParticipants(trx, actor, { holders: b.holders, selectors: b.selectors, asOf: q.asOf ?? todayIso(), purpose: q.purpose });
    await audit(trx, actor, { action: 'funding_project.participants', recordType: 'funding_project', recordId: id, purpose: q.purpose, detail: { listed: rows.length } });
    return { items: rows.map((r) => ({ personId: r.id, givenName: r.givenName, familyName: r.familyName, activities: b.acts.filter((_a, i) => r.mask & (1 << i)).map((a) => a.kind as ActivityKind) })) };
  });
}
