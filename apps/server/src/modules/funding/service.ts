// EU funding: the rules. Every command runs in one transaction as the actor (withActor) and passes
// the gate for the project or call it touches. Participants are never read here: the pathways
// service counts them (activityCounts) and lists them only to staff who may read them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  ActivityKind, CostCategory, FlatRateBasis, FundingCall, Instrument, NewFundingCall, NewProject, Project, ProjectStatus,
  ProjectSummary, UpdateProject,
} from '@localpact/contracts';
import { projectTransitions, todayIso } from '@localpact/contracts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertRight, has, reachFilter, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { reach } from '../../platform/gate.ts';
import { AppError, duplicate, invalid } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import { callRecord, projectRecord } from './records.ts';
import { computedCategory, totals, withFlatRate, type Line } from './money.ts';
import { locked, reachOwnProject, toInstrument } from './common.ts';

const dataFile = (name: string) => fileURLToPath(new URL(`../../../../../data/${name}`, import.meta.url));

// ---- reference data: the indicators and the funds' rules, from data/ ---------------------------
export async function loadReference(db: Db, say: (m: string) => void = () => {}): Promise<void> {
  const [header, ...rows] = readFileSync(dataFile('funding-indicators.tsv'), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  const indicators = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] || null]))) as Array<Record<string, string | null>>;
  const instruments = JSON.parse(readFileSync(dataFile('funding-instruments.json'), 'utf8')) as Array<Record<string, unknown> & { code: string; fund: string; management: string; name: string; regulation: string; source: string }>;
  const have = await repo.indicatorCount(db);
  const stored = await repo.instruments(db);
  if (have === indicators.length && stored.length === instruments.length && stored.every((s) => JSON.stringify(s.rules) === JSON.stringify(rulesOf(instruments.find((i) => i.code === s.code))))) return;
  await repo.upsertIndicators(db, indicators.map((r) => ({ id: r.id!, fund: r.fund!, objective: r.objective, kind: r.kind!, parent: r.parent, code: r.code, text: r.text!, unit: r.unit!, breakdown: r.breakdown })));
  await repo.upsertInstruments(db, instruments.map((i) => ({ code: i.code, fund: i.fund, management: i.management, name: i.name, regulation: i.regulation, rules: JSON.stringify(rulesOf(i)), source: i.source })));
  say(`funding: ${indicators.length} common indicators and ${instruments.length} funds loaded`);
}
function rulesOf(i: Record<string, unknown> | undefined) {
  if (!i) return null;
  const { code: _c, fund: _f, management: _m, name: _n, regulation: _r, source: _s, ...rules } = i;
  return rules;
}

export async function listInstruments(db: Db, actor: Actor): Promise<Instrument[]> {
  return withActor(db, actor, async (trx) => (await repo.instruments(trx)).map(toInstrument));
}
async function instrumentOr422(trx: Tx, code: string, path: string) {
  const r = await repo.instrument(trx, code);
  if (!r) throw invalid(path, 'validation.funding_instrument_unknown');
  return toInstrument(r);
}

// ---- calls ----------------------------------------------------------------------------------------
const DAY_MS = 86400_000;
function toCall(r: NonNullable<Awaited<ReturnType<typeof repo.call>>>, actor: Actor, already: readonly string[]): FundingCall {
  const today = todayIso();
  const mayApply = r.eligible_kinds.includes(actor.organisationKind) && actor.territoryPath.startsWith(r.territory_path);
  return {
    id: r.id, instrumentCode: r.instrument_code, fund: r.fund as FundingCall['fund'], reference: r.reference, title: r.title, description: r.description,
    opensOn: r.opens_on, deadline: r.deadline, budgetEur: Number(r.budget_eur), maxGrantEur: r.max_grant_eur, cofinancingPercent: r.cofinancing_percent,
    applicantRoutes: r.applicant_routes as FundingCall['applicantRoutes'], eligibleKinds: r.eligible_kinds as FundingCall['eligibleKinds'],
    territoryCode: r.territory_code, activityKinds: r.activity_kinds as FundingCall['activityKinds'], sourceUrl: r.source_url,
    publisher: { id: r.publisher_id, name: r.publisher_name, kind: r.publisher_kind },
    open: r.opens_on <= today && today <= r.deadline,
    daysLeft: Math.round((Date.parse(r.deadline) - Date.parse(today)) / DAY_MS),
    fit: { mayApply, activitiesAlreadyRun: r.activity_kinds.filter((k) => already.includes(k)) as ActivityKind[] },
    version: r.version,
  };
}

/** Calls, soonest deadline first; `fitsMe`: open today and open to the asking organisation. */
export async function listCalls(db: Db, actor: Actor, q: { fitsMe?: boolean; fund?: string }): Promise<FundingCall[]> {
  return withActor(db, actor, async (trx) => {
    const already = await repo.activityKindsOf(trx, actor.organisationId);
    const all = (await repo.calls(trx, { fund: q.fund })).map((r) => toCall(r, actor, already));
    // Those that fit first, then by how much of the work the organisation already does, then by deadline.
    return q.fitsMe ? all.filter((c) => c.open && c.fit.mayApply).sort((a, b) => b.fit.activitiesAlreadyRun.length - a.fit.activitiesAlreadyRun.length || a.deadline.localeCompare(b.deadline)) : all;
  });
}

export async function getCall(db: Db, actor: Actor, id: string): Promise<FundingCall> {
  return withActor(db, actor, async (trx) => {
    const c = await reach(trx, actor, callRecord, id, 'read');
    return toCall(c, actor, await repo.activityKindsOf(trx, actor.organisationId));
  });
}

export async function createCall(db: Db, actor: Actor, input: NewFundingCall): Promise<FundingCall> {
  assertRight(actor, 'funding.calls.manage');
  return withActor(db, actor, async (trx) => {
    const instrument = await instrumentOr422(trx, input.instrumentCode, 'body.instrumentCode');
    if (input.deadline < input.opensOn) throw invalid('body.deadline', 'validation.funding_deadline_before_opening');
    const path = await repo.territoryPath(trx, input.territoryCode);
    if (!path) throw invalid('body.territoryCode', 'validation.funding_territory_unknown');
    // A national body publishes for its own territory; the platform (EU level) for any.
    if (!path.startsWith(actor.territoryPath)) throw invalid('body.territoryCode', 'validation.funding_territory_outside');
    if (input.cofinancingPercent != null && instrument.ceilingPercent !== null && input.cofinancingPercent > instrument.ceilingPercent) {
      throw invalid('body.cofinancingPercent', 'validation.funding_rate_above_ceiling', { ceiling: instrument.ceilingPercent });
    }
    if (input.maxGrantEur != null && input.maxGrantEur > input.budgetEur) throw invalid('body.maxGrantEur', 'validation.funding_grant_above_budget');
    if (await repo.referenceTaken(trx, input.reference)) throw duplicate('funding_call', 'reference');
    const id = await repo.insertCall(trx, {
      organisation_id: actor.organisationId, instrument_code: input.instrumentCode, reference: input.reference, title: input.title, description: input.description ?? null,
      opens_on: input.opensOn, deadline: input.deadline, budget_eur: input.budgetEur, max_grant_eur: input.maxGrantEur ?? null, cofinancing_percent: input.cofinancingPercent ?? null,
      applicant_routes: input.applicantRoutes, eligible_kinds: input.eligibleKinds, territory_code: input.territoryCode, activity_kinds: input.activityKinds, source_url: input.sourceUrl ?? null,
    });
    await audit(trx, actor, { action: 'funding_call.create', recordType: 'funding_call', recordId: id, detail: { reference: input.reference } });
    return toCall((await repo.call(trx, id))!, actor, []);
  });
}

// ---- projects ---------------------------------------------------------------------------------------
const editableFinancials: readonly ProjectStatus[] = ['draft', 'submitted'];

async function checkProjectInput(trx: Tx, actor: Actor, x: {
  instrument: Instrument; callId?: string | null; startsOn: string; endsOn: string; cofinancingPercent: number; nationalCofinancingEur: number; flatRate: string;
  partners: NonNullable<NewProject['partners']>; budget: NonNullable<NewProject['budget']>; activities: NonNullable<NewProject['activities']>;
}) {
  if (x.endsOn < x.startsOn) throw invalid('body.endsOn', 'validation.funding_end_before_start');
  let ceiling = x.instrument.ceilingPercent;
  if (x.callId) {
    const c = await repo.call(trx, x.callId);
    if (!c) throw invalid('body.callId', 'validation.funding_call_unknown');
    if (c.instrument_code !== x.instrument.code) throw invalid('body.callId', 'validation.funding_call_other_fund');
    if (c.cofinancing_percent !== null) ceiling = c.cofinancing_percent;
  }
  if (ceiling !== null && x.cofinancingPercent > ceiling) throw invalid('body.cofinancingPercent', 'validation.funding_rate_above_ceiling', { ceiling });
  const orgIds = new Set([...x.partners.map((p) => p.organisationId), ...x.activities.flatMap((a) => a.deliveredBy)]);
  const known = new Set((await repo.organisations(trx, [...orgIds])).map((o) => o.id));
  x.partners.forEach((p, i) => {
    if (!known.has(p.organisationId)) throw invalid(`body.partners.${i}.organisationId`, 'validation.funding_organisation_unknown');
    if (p.organisationId === actor.organisationId) throw invalid(`body.partners.${i}.organisationId`, 'validation.funding_partner_is_applicant');
    if (x.partners.findIndex((q) => q.organisationId === p.organisationId) !== i) throw invalid(`body.partners.${i}.organisationId`, 'problem.duplicate');
  });
  const computed = computedCategory(x.flatRate as FlatRateBasis);
  const [y0, y1] = [Number(x.startsOn.slice(0, 4)), Number(x.endsOn.slice(0, 4))];
  x.budget.forEach((l, i) => {
    if (l.category === computed) throw invalid(`body.budget.${i}.category`, 'validation.funding_category_computed');
    if (l.year < y0 || l.year > y1) throw invalid(`body.budget.${i}.year`, 'validation.funding_year_outside', { from: y0, to: y1 });
    if (x.budget.findIndex((m) => m.year === l.year && m.category === l.category) !== i) throw invalid(`body.budget.${i}.category`, 'problem.duplicate');
  });
  x.activities.forEach((a, i) => {
    if (a.to < a.from) throw invalid(`body.activities.${i}.to`, 'validation.funding_end_before_start');
    a.deliveredBy.forEach((o, j) => { if (!known.has(o)) throw invalid(`body.activities.${i}.deliveredBy.${j}`, 'validation.funding_organisation_unknown'); });
  });
  const t = totals(x.flatRate as FlatRateBasis, x.budget as Line[], x.cofinancingPercent, x.nationalCofinancingEur, []);
  if (t.ownEur < 0) throw invalid('body.nationalCofinancingEur', 'validation.funding_cofinancing_exceeds_total', { total: t.totalEur });
}

async function projectDetail(trx: Tx, actor: Actor, id: string): Promise<Project> {
  const p = (await repo.projectSummary(trx, id))!;
  const [partners, budget, activities, milestones, expenditures] = await Promise.all([repo.partners(trx, id), repo.budget(trx, [id]), repo.activities(trx, id), repo.milestones(trx, id), repo.expenditures(trx, id)]);
  const call = p.call_id ? await repo.call(trx, p.call_id) : undefined;
  const orgs = new Map((await repo.organisations(trx, [...new Set(activities.flatMap((a) => a.delivered_by))])).map((o) => [o.id, o]));
  const lines = budget.map((b) => ({ year: b.year, category: b.category as CostCategory, amountEur: Number(b.amount_eur) }));
  const declared = expenditures.map((e) => ({ year: e.year, category: e.category as CostCategory, amountEur: Number(e.amount_eur) }));
  const flatRate = p.flat_rate as FlatRateBasis;
  const t = totals(flatRate, lines, Number(p.cofinancing_percent), Number(p.national_cofinancing_eur), declared);
  const owns = p.organisation_id === actor.organisationId && has(actor, 'shared.write');
  return {
    ...summary(p, t.totalEur, t.euEur),
    call: call ? { id: call.id, reference: call.reference, title: call.title, deadline: call.deadline } : null,
    programme: p.programme, cofinancingPercent: Number(p.cofinancing_percent), nationalCofinancingEur: Number(p.national_cofinancing_eur), flatRate,
    partners: partners.map((o) => ({ organisation: { id: o.id, name: o.name, kind: o.kind }, role: o.role as 'partner' | 'associated' })),
    budget: withFlatRate(flatRate, lines),
    totals: t,
    activities: activities.map((a) => ({
      id: a.id, kind: a.kind as ActivityKind, domains: a.domains as Project['activities'][number]['domains'], from: a.from_date, to: a.to_date, languageCode: a.language_code,
      deliveredBy: a.delivered_by.map((o) => ({ id: o, name: orgs.get(o)?.name ?? '', kind: orgs.get(o)?.kind ?? '' })),
    })),
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.due_on, deliverable: m.deliverable, doneOn: m.done_on, owner: { id: m.owner_id, name: m.owner_name, kind: m.owner_kind } })),
    expenditures: expenditures.map((e) => ({ id: e.id, year: e.year, category: e.category as CostCategory, amountEur: Number(e.amount_eur), documentRef: e.document_ref, declaredOn: e.declared_on })),
    next: owns ? [...projectTransitions[p.status as ProjectStatus]] : [],
    editable: owns && p.status !== 'closed',
    version: p.version,
  };
}
function summary(p: { id: string; title: string; acronym: string | null; instrument_code: string; fund: string; status: string; starts_on: string; ends_on: string; organisation_id: string; organisation_name: string; organisation_kind: string }, totalEur: number, euEur: number): ProjectSummary {
  return {
    id: p.id, title: p.title, acronym: p.acronym, instrumentCode: p.instrument_code, fund: p.fund as ProjectSummary['fund'], status: p.status as ProjectStatus,
    organisation: { id: p.organisation_id, name: p.organisation_name, kind: p.organisation_kind }, startsOn: p.starts_on, endsOn: p.ends_on, totalEur, euEur,
  };
}

/** The projects of the actor's reach, and those its organisation is a partner in. */
export async function listProjects(db: Db, actor: Actor): Promise<ProjectSummary[]> {
  return withActor(db, actor, async (trx) => {
    const rows = await repo.listProjects(trx, reachFilter(actor, 'shared', 'p.organisation_id', 't.path'), actor.organisationId);
    const lines = await repo.budget(trx, rows.map((r) => r.id));
    return rows.map((r) => {
      const t = totals(r.flat_rate as FlatRateBasis, lines.filter((l) => l.project_id === r.id).map((l) => ({ year: l.year, category: l.category as CostCategory, amountEur: Number(l.amount_eur) })), Number(r.cofinancing_percent), 0, []);
      return summary(r, t.totalEur, t.euEur);
    });
  });
}

export async function getProject(db: Db, actor: Actor, id: string): Promise<Project> {
  return withActor(db, actor, async (trx) => {
    await reach(trx, actor, projectRecord, id, 'read');
    return projectDetail(trx, actor, id);
  });
}

export async function createProject(db: Db, actor: Actor, input: NewProject): Promise<Project> {
  assertRight(actor, 'shared.write');
  return withActor(db, actor, async (trx) => {
    const instrument = await instrumentOr422(trx, input.instrumentCode, 'body.instrumentCode');
    const x = {
      instrument, callId: input.callId, startsOn: input.startsOn, endsOn: input.endsOn, cofinancingPercent: input.cofinancingPercent, nationalCofinancingEur: input.nationalCofinancingEur ?? 0,
      flatRate: input.flatRate ?? 'none', partners: input.partners ?? [], budget: input.budget ?? [], activities: input.activities ?? [],
    };
    await checkProjectInput(trx, actor, x);
    const id = await repo.insertProject(trx, {
      organisation_id: actor.organisationId, call_id: input.callId ?? null, instrument_code: input.instrumentCode, programme: input.programme ?? null, title: input.title,
      acronym: input.acronym ?? null, starts_on: input.startsOn, ends_on: input.endsOn, cofinancing_percent: input.cofinancingPercent, national_cofinancing_eur: x.nationalCofinancingEur, flat_rate: x.flatRate,
    });
    await repo.replacePartners(trx, id, x.partners);
    await repo.replaceBudget(trx, id, x.budget);
    await repo.replaceActivities(trx, id, x.activities);
    await audit(trx, actor, { action: 'funding_project.create', recordType: 'funding_project', recordId: id, detail: { instrument: input.instrumentCode, callId: input.callId ?? null } });
    return projectDetail(trx, actor, id);
  });
}

export async function updateProject(db: Db, actor: Actor, id: string, input: UpdateProject): Promise<Project> {
  return withActor(db, actor, async (trx) => {
    const p = await reachOwnProject(trx, actor, id);
    if (p.version !== input.version) throw new AppError(409, 'conflict', { what: 'what.funding_project', current: p.version }, [], { currentVersion: p.version, current: await projectDetail(trx, actor, id) });
    if (p.status === 'closed') throw locked(p.status);
    const financial = ['cofinancingPercent', 'nationalCofinancingEur', 'flatRate', 'partners', 'budget', 'startsOn', 'endsOn'].filter((k) => (input as Record<string, unknown>)[k] !== undefined);
    if (financial.length && !editableFinancials.includes(p.status as ProjectStatus)) throw locked(p.status);
    const cur = await projectDetail(trx, actor, id);
    const instrument = await instrumentOr422(trx, cur.instrumentCode, 'body.instrumentCode');
    const x = {
      instrument, callId: cur.call?.id ?? null, startsOn: input.startsOn ?? cur.startsOn, endsOn: input.endsOn ?? cur.endsOn, cofinancingPercent: input.cofinancingPercent ?? cur.cofinancingPercent,
      nationalCofinancingEur: input.nationalCofinancingEur ?? cur.nationalCofinancingEur, flatRate: input.flatRate ?? cur.flatRate,
      partners: input.partners ?? cur.partners.map((q) => ({ organisationId: q.organisation.id, role: q.role })),
      budget: input.budget ?? cur.budget.filter((l) => !l.computed).map((l) => ({ year: l.year, category: l.category, amountEur: l.amountEur })),
      activities: input.activities ?? cur.activities.map((a) => ({ kind: a.kind, domains: a.domains, deliveredBy: a.deliveredBy.map((o) => o.id), from: a.from, to: a.to, languageCode: a.languageCode })),
    };
    await checkProjectInput(trx, actor, x);
    const set: Record<string, unknown> = {};
    if (input.programme !== undefined) set.programme = input.programme;
    if (input.title !== undefined) set.title = input.title;
    if (input.acronym !== undefined) set.acronym = input.acronym;
    if (input.startsOn !== undefined) set.starts_on = input.startsOn;
    if (input.endsOn !== undefined) set.ends_on = input.endsOn;
    if (input.cofinancingPercent !== undefined) set.cofinancing_percent = input.cofinancingPercent;
    if (input.nationalCofinancingEur !== undefined) set.national_cofinancing_eur = input.nationalCofinancingEur;
    if (input.flatRate !== undefined) set.flat_rate = input.flatRate;
    if (!(await repo.updateProject(trx, id, input.version, set))) throw new AppError(409, 'conflict', { what: 'what.funding_project', current: p.version }, [], { currentVersion: p.version });
    if (input.partners) await repo.replacePartners(trx, id, input.partners);
    if (input.budget) await repo.replaceBudget(trx, id, input.budget);
    if (input.activities) await repo.replaceActivities(trx, id, input.activities);
    await audit(trx, actor, { action: 'funding_project.update', recordType: 'funding_project', recordId: id, detail: { fields: Object.keys(input).filter((k) => k !== 'version') } });
    return projectDetail(trx, actor, id);
  });
}

export async function transitionProject(db: Db, actor: Actor, id: string, input: { version: number; to: string }): Promise<Project> {
  return withActor(db, actor, async (trx) => {
    const p = await reachOwnProject(trx, actor, id);
    if (p.version !== input.version) throw new AppError(409, 'conflict', { what: 'what.funding_project', current: p.version }, [], { currentVersion: p.version });
    const from = p.status as ProjectStatus;
    const to = input.to as ProjectStatus;
    if (!projectTransitions[from].includes(to)) {
      throw new AppError(409, 'funding_transition', { from: `funding.status.${from}`, to: `funding.status.${input.to}` }, [], { allowed: projectTransitions[from] });
    }
    const cur = await projectDetail(trx, actor, id);
    if (to === 'submitted') {
      if (!cur.budget.length) throw new AppError(409, 'funding_budget_missing');
      if (cur.call && cur.call.deadline < todayIso()) throw new AppError(409, 'funding_call_closed', { deadline: cur.call.deadline });
    }
    await repo.updateProject(trx, id, input.version, { status: input.to });
    await audit(trx, actor, { action: 'funding_project.transition', recordType: 'funding_project', recordId: id, detail: { from, to: input.to } });
    return projectDetail(trx, actor, id);
  });
}

export async function addMilestone(db: Db, actor: Actor, id: string, input: { title: string; dueOn: string; ownerOrganisationId: string; deliverable?: string | null; doneOn?: string | null }): Promise<Project> {
  return withActor(db, actor, async (trx) => {
    const p = await reachOwnProject(trx, actor, id);
    if (p.status === 'closed') throw locked(p.status);
    const partnerIds = (await repo.partners(trx, id)).map((o) => o.id);
    if (input.ownerOrganisationId !== p.organisation_id && !partnerIds.includes(input.ownerOrganisationId)) throw invalid('body.ownerOrganisationId', 'validation.funding_owner_not_in_project');
    await repo.insertMilestone(trx, { project_id: id, title: input.title, due_on: input.dueOn, owner_organisation_id: input.ownerOrganisationId, deliverable: input.deliverable ?? null, done_on: input.doneOn ?? null });
    await repo.bump(trx, id);
    await audit(trx, actor, { action: 'funding_project.update', recordType: 'funding_project', recordId: id, detail: { milestone: input.title } });
    return projectDetail(trx, actor, id);
  });
}

/** Expenditure is declared once the grant is there, against a category the project pays as real costs. */
export async function addExpenditure(db: Db, actor: Actor, id: string, input: { year: number; category: string; amountEur: number; documentRef: string; declaredOn: string }): Promise<Project> {
  return withActor(db, actor, async (trx) => {
    const p = await reachOwnProject(trx, actor, id);
    if (p.status !== 'granted' && p.status !== 'running') throw locked(p.status);
    const cur = await projectDetail(trx, actor, id);
    if (input.category === computedCategory(cur.flatRate as FlatRateBasis)) throw invalid('body.category', 'validation.funding_category_computed');
    const [y0, y1] = [Number(cur.startsOn.slice(0, 4)), Number(cur.endsOn.slice(0, 4))];
    if (input.year < y0 || input.year > y1) throw invalid('body.year', 'validation.funding_year_outside', { from: y0, to: y1 });
    await repo.insertExpenditure(trx, { project_id: id, year: input.year, category: input.category, amount_eur: input.amountEur, document_ref: input.documentRef, declared_on: input.declaredOn });
    await repo.bump(trx, id);
    await audit(trx, actor, { action: 'funding_project.expenditure', recordType: 'funding_project', recordId: id, detail: { category: input.category, year: input.year, amountEur: input.amountEur, documentRef: input.documentRef } });
    return projectDetail(trx, actor, id);
  });
}

// ---- indicators (service-indicators.ts) ----------------------------------------------------------
export { enterIndicator, indicators, participants, reportCsv, reportDatesOf } from './service-indicators.ts';
