// The transition from temporary protection to a durable status (issue 17): the rules.
// People are read and changed only through pathways' service (inside this module's transaction,
// so the gate, row-level security and the audit hold); this module's own tables hold the routes
// (reference data) and the bulk actions with whom each touched.
import type {
  BulkAction, BulkExclusion, BulkPreview, BulkStepRequest, Cohort, CohortFilter, CohortMember, Evidence, NewTransitionRoute, Progress, Projections,
  TransitionCondition, TransitionRoute, TransitionState, UpdateTransitionRoute,
} from '@localpact/contracts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertReach, assertRight, has, suppressSmallCells, type Actor } from '../../platform/access.ts';
import { audit, auditReads } from '../../platform/audit.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import * as pathways from '../pathways/service.ts';
import * as repo from './repository.ts';

const ADULT_AGE = 18;
const TP = 'temporary_protection';
/** A cohort window longer than this is a projection, not a cohort. */
const MAX_WINDOW_DAYS = 3 * 366;

/** The actor's country from its territory path ('EU/DE/…' → 'DE'). */
export const countryOf = (actor: Actor): string | null => actor.territoryPath.split('/')[1] || null;

// ---- routes (reference data an administrator maintains) ----------------------------------------
function toRoute(r: repo.RouteRow): TransitionRoute {
  return {
    id: r.id, country: r.country, names: r.names as TransitionRoute['names'], targetStatus: r.target_status as TransitionRoute['targetStatus'],
    conditions: r.conditions as TransitionRoute['conditions'], authority: r.authority, applicationDeadline: r.application_deadline,
    legalBasis: r.legal_basis, source: r.source, rank: r.rank, version: r.version,
  };
}

function checkConditions(conditions: NewTransitionRoute['conditions'] | undefined, path: string) {
  for (const [i, c] of (conditions ?? []).entries()) {
    if (c.kind === 'residence_years' && c.min === undefined) throw invalid(`${path}.${i}.min`, 'validation.required');
  }
}

export async function listRoutes(db: Db, actor: Actor, country?: string): Promise<TransitionRoute[]> {
  assertReach(actor, 'reference', 'read', undefined, 'transition_route');
  return withActor(db, actor, async (trx) => (await repo.routes(trx, country)).map(toRoute));
}

export async function createRoute(db: Db, actor: Actor, input: NewTransitionRoute): Promise<TransitionRoute> {
  assertRight(actor, 'transition_routes.manage');
  checkConditions(input.conditions, 'body.conditions');
  return withActor(db, actor, async (trx) => {
    const id = await repo.insertRoute(trx, {
      country: input.country, names: JSON.stringify(input.names), target_status: input.targetStatus, conditions: JSON.stringify(input.conditions),
      authority: input.authority.trim(), application_deadline: input.applicationDeadline, legal_basis: input.legalBasis.trim(), source: input.source.trim(), rank: input.rank,
    });
    await audit(trx, actor, { action: 'transition_route.create', recordType: 'transition_route', recordId: id, detail: { country: input.country } });
    return toRoute((await repo.route(trx, id))!);
  });
}

export async function updateRoute(db: Db, actor: Actor, id: string, input: UpdateTransitionRoute): Promise<TransitionRoute> {
  assertRight(actor, 'transition_routes.manage');
  checkConditions(input.conditions, 'body.conditions');
  return withActor(db, actor, async (trx) => {
    const cur = await repo.route(trx, id);
    if (!cur) throw notFound('transition_route');
    const set: Partial<repo.RouteValues> = {};
    if (input.names !== undefined) set.names = JSON.stringify(input.names);
    if (input.targetStatus !== undefined) set.target_status = input.targetStatus;
    if (input.conditions !== undefined) set.conditions = JSON.stringify(input.conditions);
    if (input.authority !== undefined) set.authority = input.authority.trim();
    if (input.applicationDeadline !== undefined) set.application_deadline = input.applicationDeadline;
    if (input.legalBasis !== undefined) set.legal_basis = input.legalBasis.trim();
    if (input.source !== undefined) set.source = input.source.trim();
    if (input.rank !== undefined) set.rank = input.rank;
    if (!(await repo.updateRoute(trx, id, input.version, set))) throw conflict('transition_route', cur.version, { current: toRoute(cur) });
    await audit(trx, actor, { action: 'transition_route.update', recordType: 'transition_route', recordId: id, detail: { fields: Object.keys(set) } });
    return toRoute((await repo.route(trx, id))!);
  });
}

// ---- cohorts: who, which route is likely, what is missing --------------------------------------
type Row = pathways.CohortPerson;

function yearsBetween(from: string | null, to: string): number {
  if (!from) return 0;
  const [y1, m1, d1] = from.split('-').map(Number), [y2, m2, d2] = to.split('-').map(Number);
  return Math.max(0, y2 - y1 - ((m2 < m1 || (m2 === m1 && d2 < d1)) ? 1 : 0));
}

export function evidenceOf(r: Row): Evidence {
  const age = r.birth_date ? yearsBetween(r.birth_date, r.ends_on) : Number(r.ends_on.slice(0, 4)) - r.birth_year;
  return {
    employed: r.employed, enrolled: r.enrolled, documents: r.documents, familyMember: r.family_member,
    adult: age >= ADULT_AGE, residenceYears: yearsBetween(r.first_from, r.ends_on),
  };
}

/** The conditions of a route the record does not show yet ('income' is never shown: to verify). */
export function missingFor(route: Pick<TransitionRoute, 'conditions'>, ev: Evidence): TransitionCondition[] {
  const met: Record<TransitionCondition, (min?: number) => boolean> = {
    employment: () => ev.employed, enrolment: () => ev.enrolled, documents: () => ev.documents, family_member: () => ev.familyMember,
    adult: () => ev.adult, residence_years: (min) => ev.residenceYears >= (min ?? 0), income: () => false,
  };
  return route.conditions.map((c) => ({ kind: c.kind as TransitionCondition, min: c.min })).filter((c) => !met[c.kind](c.min)).map((c) => c.kind);
}

export function stateOf(r: Row): TransitionState {
  if (r.current_type && r.current_type !== r.type_code) return 'granted';
  if (r.left) return 'left';
  return r.follow_up >= 2 ? 'applied' : r.follow_up === 1 ? 'pending' : 'no_route';
}

/**
 * The likely route: the first by rank whose conditions the record meets (income aside: it is
 * verified with the person). When none fits, what the closest route (fewest missing) still needs.
 */
export function likelyRoute(routes: TransitionRoute[], ev: Evidence): { route: TransitionRoute | null; missing: TransitionCondition[] } {
  let closest: { route: TransitionRoute; missing: TransitionCondition[]; hard: number } | null = null;
  for (const route of routes) {
    const missing = missingFor(route, ev);
    const hard = missing.filter((m) => m !== 'income').length;
    if (hard === 0) return { route, missing };
    if (!closest || hard < closest.hard) closest = { route, missing, hard };
  }
  return { route: null, missing: closest?.missing ?? [] };
}

const routeRef = (r: TransitionRoute) => ({ id: r.id, names: r.names, targetStatus: r.targetStatus, applicationDeadline: r.applicationDeadline, authority: r.authority });

function member(r: Row, routes: TransitionRoute[]): CohortMember {
  const evidence = evidenceOf(r);
  const { route, missing } = likelyRoute(routes, evidence);
  return {
    personId: r.person_id, givenName: '', familyName: '', householdId: r.household_id,
    statusType: r.type_code as CohortMember['statusType'], endsOn: r.ends_on, evidence, likelyRoute: route ? routeRef(route) : null, missing, state: stateOf(r),
  };
}

function checkWindow(f: { from: string; to: string }, at: string) {
  for (const k of ['from', 'to'] as const) if (Number.isNaN(new Date(f[k] + 'T00:00:00Z').getTime())) throw invalid(`${at}.${k}`, 'validation.format', { format: 'date' });
  if (f.to < f.from) throw invalid(`${at}.to`, 'validation.date_order');
  if ((Date.parse(f.to) - Date.parse(f.from)) / 86400_000 > MAX_WINDOW_DAYS) throw invalid(`${at}.to`, 'validation.window_too_long', { days: MAX_WINDOW_DAYS });
}

/** The cohort in the actor's organisation, every member evaluated, then the filter applied. */
async function cohortMembers(trx: Tx, actor: Actor, f: CohortFilter) {
  const rows = await pathways.transitionCohort(trx, actor, { statusType: f.statusType ?? TP, from: f.from, to: f.to });
  const country = countryOf(actor);
  const routes = country ? (await repo.routes(trx, country)).map(toRoute) : [];
  const all = rows.map((r) => ({ row: r, m: member(r, routes) }));
  const kept = all.filter(({ m }) => (f.employed === undefined || m.evidence.employed === f.employed)
    && (f.route === undefined || (f.route === 'none' ? m.likelyRoute === null : m.likelyRoute?.id === f.route))
    && (f.missing === undefined || (m.missing as string[]).includes(f.missing)));
  return { country, routes, kept };
}

export async function cohort(db: Db, actor: Actor, q: CohortFilter & { purpose: string; limit: number; offset: number }): Promise<Cohort> {
  checkWindow(q, 'querystring');
  return withActor(db, actor, async (trx) => {
    const filter: CohortFilter = { from: q.from, to: q.to, statusType: q.statusType ?? TP, ...(q.route !== undefined ? { route: q.route } : {}), ...(q.employed !== undefined ? { employed: q.employed } : {}), ...(q.missing !== undefined ? { missing: q.missing } : {}) };
    const { country, routes, kept } = await cohortMembers(trx, actor, filter);
    const members = kept.map((k) => k.m);
    const byEnd = new Map<string, { people: number; households: Set<string> }>();
    const byRoute = new Map<string | null, number>(), byMissing = new Map<TransitionCondition, number>(), byState: Record<string, number> = {};
    const households = new Set<string>();
    for (const m of members) {
      const e = byEnd.get(m.endsOn) ?? { people: 0, households: new Set() };
      e.people++; if (m.householdId) { e.households.add(m.householdId); households.add(m.householdId); }
      byEnd.set(m.endsOn, e);
      byRoute.set(m.likelyRoute?.id ?? null, (byRoute.get(m.likelyRoute?.id ?? null) ?? 0) + 1);
      for (const c of m.missing as TransitionCondition[]) byMissing.set(c, (byMissing.get(c) ?? 0) + 1);
      byState[m.state] = (byState[m.state] ?? 0) + 1;
    }
    const page = await named(trx, actor, members.slice(q.offset, q.offset + q.limit));
    // Only the people shown by name are read; the groups are counts of the organisation's own people.
    await auditReads(trx, actor, 'person', page.map((m) => m.personId), q.purpose, 'transition.cohort');
    const routeById = new Map(routes.map((r) => [r.id, r]));
    return {
      filter, country, total: members.length, households: households.size,
      byEndDate: [...byEnd.entries()].map(([endsOn, e]) => ({ endsOn, people: e.people, households: e.households.size })),
      byRoute: [...byRoute.entries()].map(([id, people]) => ({ route: id ? routeRef(routeById.get(id)!) : null, people })).sort((a, b) => b.people - a.people),
      byMissing: [...byMissing.entries()].map(([condition, people]) => ({ condition, people })).sort((a, b) => b.people - a.people),
      byState, items: page,
    };
  });
}

// ---- bulk steps: preview, apply (one command, one reason), undo per person -----------------------
async function select(trx: Tx, actor: Actor, body: BulkStepRequest) {
  checkWindow(body.cohort, 'body.cohort');
  const { kept } = await cohortMembers(trx, actor, body.cohort);
  const inCohort = new Map(kept.map((k) => [k.m.personId, k]));
  const selection = body.personIds ? [...new Set(body.personIds)] : kept.map((k) => k.m.personId);
  const chosen = selection.filter((id) => inCohort.has(id)).map((id) => inCohort.get(id)!);
  const withStep = await pathways.peopleWithStep(trx, actor, chosen.map((c) => c.m.personId), body.step.title);
  const stepFor = body.step.for ?? 'all';
  const affected: typeof chosen = [], excluded: Array<{ k: (typeof chosen)[number]; reason: BulkExclusion }> = [];
  for (const k of chosen) {
    const reason: BulkExclusion | null = k.row.left ? 'case_closed' : k.m.state === 'granted' ? 'granted'
      : stepFor === 'adult' && !k.m.evidence.adult ? 'minor' : stepFor === 'child' && k.m.evidence.adult ? 'adult'
      : withStep.has(k.m.personId) ? 'already_has_step' : null;
    if (reason) excluded.push({ k, reason }); else affected.push(k);
  }
  return { affected, excluded, notInCohort: selection.length - chosen.length };
}

const ref = (m: CohortMember) => ({ personId: m.personId, givenName: m.givenName, familyName: m.familyName });

/** The members with their names (read for these people only). */
async function named(trx: Tx, actor: Actor, members: CohortMember[]): Promise<CohortMember[]> {
  const names = await pathways.transitionNames(trx, actor, members.map((m) => m.personId));
  return members.map((m) => ({ ...m, givenName: names.get(m.personId)?.given_name ?? '', familyName: names.get(m.personId)?.family_name ?? '' }));
}

export async function previewBulkStep(db: Db, actor: Actor, body: BulkStepRequest): Promise<BulkPreview> {
  return withActor(db, actor, async (trx) => {
    const s = await select(trx, actor, body);
    const shown = await named(trx, actor, [...s.affected, ...s.excluded.map((x) => x.k)].map((k) => k.m));
    const byId = new Map(shown.map((m) => [m.personId, m]));
    for (let i = 0; i < shown.length; i += 5000) await auditReads(trx, actor, 'person', shown.slice(i, i + 5000).map((m) => m.personId), body.purpose, 'transition.cohort');
    return { affected: s.affected.map((k) => ref(byId.get(k.m.personId)!)), excluded: s.excluded.map((x) => ({ ...ref(byId.get(x.k.m.personId)!), reason: x.reason })), notInCohort: s.notInCohort };
  });
}

function toAction(a: { id: string; created_at: Date; reason: string; step: unknown; affected: number; excluded: number; undone: number }): BulkAction {
  return { id: a.id, at: new Date(a.created_at).toISOString(), reason: a.reason, step: a.step as BulkAction['step'], affected: a.affected, excluded: a.excluded, undone: Number(a.undone) };
}

/**
 * One command: the same step added to the plan of everyone the preview showed as affected (selected
 * again inside this transaction, so nobody outside the actor's reach or the cohort is touched), one
 * reason, one audit entry for the action and one per person.
 */
export async function applyBulkStep(db: Db, actor: Actor, body: BulkStepRequest): Promise<BulkAction & { excludedBecause: Record<string, number> }> {
  return withActor(db, actor, async (trx) => {
    await repo.withoutJit(trx);
    const s = await select(trx, actor, body);
    if (!s.affected.length) throw new AppError(422, 'nobody_affected', {}, [{ path: 'body.personIds', key: 'validation.nobody_affected' }]);
    const ids = s.affected.map((k) => k.m.personId);
    const added = await pathways.addStepToEach(trx, actor, ids, body.step);
    const excludedBecause: Record<string, number> = {};
    for (const x of s.excluded) excludedBecause[x.reason] = (excludedBecause[x.reason] ?? 0) + 1;
    const a = await repo.insertAction(trx, { organisationId: actor.organisationId, cohort: body.cohort, step: body.step, reason: body.reason.trim(), affected: ids.length, excluded: s.excluded.length, by: actor.id });
    await repo.insertActionPeople(trx, a.id, actor.organisationId, added);
    await audit(trx, actor, {
      action: 'transition.bulk_step', recordType: 'transition_action', recordId: a.id, purpose: body.purpose,
      detail: { reason: body.reason.trim(), step: { domain: body.step.domain, title: body.step.title }, cohort: body.cohort, affected: ids.length, excluded: excludedBecause, notInCohort: s.notInCohort },
    });
    // One entry per person touched (in chunks: a statement carries at most 65,535 parameters).
    for (let i = 0; i < ids.length; i += 5000) await auditReads(trx, actor, 'person', ids.slice(i, i + 5000), `transition action ${a.id}`, 'transition.bulk_step_person');
    return { ...toAction({ ...a, reason: body.reason.trim(), step: body.step, affected: ids.length, excluded: s.excluded.length, undone: 0 }), excludedBecause };
  });
}

export async function listActions(db: Db, actor: Actor): Promise<BulkAction[]> {
  assertReach(actor, 'personal', 'read', { organisationId: actor.organisationId, territoryPath: actor.territoryPath }, 'transition_action');
  return withActor(db, actor, async (trx) => (await repo.actions(trx, actor.organisationId, 100)).map(toAction));
}

/** Undoes the action for one person: the step it added is removed, so the plan is as it was. */
export async function undoForPerson(db: Db, actor: Actor, actionId: string, personId: string): Promise<BulkAction> {
  return withActor(db, actor, async (trx) => {
    const a = await repo.action(trx, actionId, actor.organisationId);
    if (!a) throw notFound('transition_action');
    const p = await repo.actionPerson(trx, actionId, personId);
    if (!p) throw notFound('person');
    if (p.undone_at) throw new AppError(409, 'already_undone');
    const r = p.step_id ? await pathways.removeAddedStep(trx, actor, personId, p.step_id) : 'gone';
    // A step someone has worked on since is not thrown away by an undo.
    if (r === 'changed') throw new AppError(409, 'step_changed');
    await repo.markUndone(trx, actionId, personId, actor.id);
    await audit(trx, actor, { action: 'transition.undo', recordType: 'person', recordId: personId, detail: { actionId, stepId: p.step_id, step: r } });
    return toAction((await repo.action(trx, actionId, actor.organisationId))!);
  });
}

// ---- figures: projections and progress (counts only) --------------------------------------------
const cellOf = (threshold: number, suppress: boolean) => (n: number): number | null => (suppress && n > 0 && n < threshold ? null : n);

function monthRange(from: string, months: number): string[] {
  const [y, m] = from.split('-').map(Number);
  return Array.from({ length: months }, (_, i) => { const d = new Date(Date.UTC(y, m - 1 + i, 1)); return d.toISOString().slice(0, 7); });
}

export async function projections(db: Db, actor: Actor, q: { territory?: string; statusType?: string; from: string; months: number }, threshold: number): Promise<Projections> {
  return withActor(db, actor, async (trx) => {
    const scope = await pathways.transitionScope(trx, actor, q.territory);
    const months = monthRange(q.from, q.months);
    const last = new Date(Date.UTC(Number(months.at(-1)!.slice(0, 4)), Number(months.at(-1)!.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const type = q.statusType ?? TP;
    const rows = await pathways.transitionEndingByMonth(trx, scope.orgs.map((o) => o.id), type, `${months[0]}-01`, last);
    const by = new Map(rows.map((r) => [r.month, Number(r.n)]));
    const suppress = suppressSmallCells(actor, scope.scopePath);
    const cell = cellOf(threshold, suppress);
    await audit(trx, actor, { action: 'transition.projections', recordType: 'territory', recordId: scope.scopeCode, purpose: 'statistics' });
    return {
      scope: { territoryCode: scope.scopeCode, organisations: scope.orgs.length }, statusType: type as Projections['statusType'],
      months: months.map((month) => ({ month, ending: cell(by.get(month) ?? 0) })), suppressedBelow: suppress ? threshold : null,
    };
  });
}

const emptyCounts = () => ({ cohort: 0, granted: 0, applied: 0, pending: 0, left: 0, no_route: 0 });

export async function progress(db: Db, actor: Actor, q: { territory?: string; statusType?: string; from: string; to: string }, threshold: number): Promise<Progress> {
  checkWindow(q, 'querystring');
  return withActor(db, actor, async (trx) => {
    const scope = await pathways.transitionScope(trx, actor, q.territory);
    const rows = await pathways.transitionStateCounts(trx, scope.orgs.map((o) => o.id), q.statusType ?? TP, q.from, q.to);
    const perOrg = new Map(scope.orgs.map((o) => [o.id, emptyCounts()]));
    const totals = emptyCounts();
    const grantedAs: Record<string, number> = {};
    for (const r of rows) {
      const c = perOrg.get(r.organisation_id)!, n = Number(r.n), state = r.state as TransitionState;
      c[state] += n; c.cohort += n; totals[state] += n; totals.cohort += n;
      if (r.granted_as) grantedAs[r.granted_as] = (grantedAs[r.granted_as] ?? 0) + n;
    }
    // Per municipality, counts are below NUTS 3: withheld under the threshold for readers who may not see the people.
    const orgCell = cellOf(threshold, !has(actor, 'people.read'));
    const totalSuppress = suppressSmallCells(actor, scope.scopePath);
    const totalCell = cellOf(threshold, totalSuppress);
    const cells = (c: ReturnType<typeof emptyCounts>, f: (n: number) => number | null) => ({
      cohort: f(c.cohort), granted: f(c.granted), applied: f(c.applied), pending: f(c.pending), left: f(c.left), no_route: f(c.no_route),
    });
    const organisations = scope.orgs.map((o) => {
      const c = perOrg.get(o.id)!;
      const shown = cells(c, orgCell);
      // The share is shown only when the counts it rests on are.
      const share = c.cohort && shown.cohort !== null && shown.granted !== null && shown.applied !== null ? (c.granted + c.applied) / c.cohort : null;
      return { organisation: { id: o.id, name: o.name }, ...shown, share, size: c.cohort };
    }).filter((o) => o.size > 0)
      .sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || b.size - a.size || a.organisation.name.localeCompare(b.organisation.name))
      .map(({ size: _size, ...o }) => o);
    await audit(trx, actor, { action: 'transition.progress', recordType: 'territory', recordId: scope.scopeCode, purpose: 'statistics' });
    return {
      scope: { territoryCode: scope.scopeCode, organisations: scope.orgs.length }, window: { from: q.from, to: q.to },
      totals: cells(totals, totalCell), grantedAs: Object.fromEntries(Object.entries(grantedAs).map(([k, n]) => [k, totalCell(n)])),
      organisations, suppressedBelow: totalSuppress || !has(actor, 'people.read') ? threshold : null,
    };
  });
}
