// Placement: a coordinator builds a run from pending households and the municipalities in reach
// with their live free capacity and a distribution key; the engine proposes, a named person
// reviews, overrides with reasons and approves; approval announces the arrivals to the
// municipalities. Every run is kept whole (inputs, weights, figures, result, overrides, approver).
import type { Instance, Result, UnassignedWhy } from '@localpact/placement';
import { check } from '@localpact/placement';
import type { CreatePendingHousehold, CreateRun, Override, Approve, PendingHousehold, Run, Explanation } from '@localpact/contracts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertRight, reachFilter, reaches, type Actor } from '../../platform/access.ts';
import { reach, reachFilterFor, type ReachOptions } from '../../platform/gate.ts';
import { audit, auditReads } from '../../platform/audit.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import * as territories from '../territories/service.ts';
import * as repo from './repository.ts';
import { householdNeeds, adults } from './needs.ts';
import { keyShares, quotas, type DistributionKeyType } from './keys.ts';
import { components, score, defaultWeights, type Weights, type ScoringHousehold, type ScoringMunicipality } from './scoring.ts';
import { solveInWorker } from './solver.ts';
import * as capacity from './capacity.ts';
import type { ArrivalGroup } from './capacity.ts';
import { runOwner, runRecord } from './records.ts';

/** Leaving someone unplaced costs more than any placement can score: place everyone who fits. */
export const UNASSIGNED_PENALTY = 10_000;
export const DEFAULT_QUOTA_TOLERANCE = 0.1;

function toHousehold(r: repo.HouseholdRow): PendingHousehold {
  return {
    id: r.id, reference: r.reference, size: r.size, ages: r.ages, sexes: r.sexes, unaccompaniedMinor: r.unaccompanied_minor, languages: r.languages,
    occupations: r.occupations, ties: r.ties, preferences: r.preferences, medicalCare: r.medical_care, psychosocialCare: r.psychosocial_care,
    stepFree: r.step_free, procedure: r.procedure, status: r.status,
    placedOrganisation: r.placed_organisation_id ? { id: r.placed_organisation_id, name: r.placed_name ?? '' } : null,
    needs: householdNeeds({ ages: r.ages, unaccompaniedMinor: r.unaccompanied_minor, stepFree: r.step_free, medicalCare: r.medical_care, psychosocialCare: r.psychosocial_care }),
  };
}

const householdReach = (actor: Actor) => reachFilter(actor, 'shared', 'h.organisation_id', 't.path');

export async function createHousehold(db: Db, actor: Actor, input: CreatePendingHousehold): Promise<PendingHousehold> {
  assertRight(actor, 'placement.manage');
  if (input.unaccompaniedMinor && input.ages.some((a) => a >= 18)) throw invalid('body.ages', 'placement.uam_ages');
  if (input.sexes && input.sexes.length && input.sexes.length !== input.ages.length) throw invalid('body.sexes', 'placement.sexes_length');
  return withActor(db, actor, async (trx) => {
    for (const [field, codes] of [['ties', input.ties ?? []], ['preferences', input.preferences ?? []]] as const) {
      const found = await territories.findManyByCode(trx, [...codes]);
      if (found.length !== new Set(codes).size) throw invalid(`body.${field}`, 'validation.territory_unknown');
    }
    // Insert unless the reference exists (also when another request registers it at the same moment).
    const id = await repo.insertHousehold(trx, {
      organisationId: actor.organisationId, reference: input.reference, ages: input.ages, sexes: input.sexes ?? [], unaccompaniedMinor: !!input.unaccompaniedMinor,
      languages: input.languages ?? [], occupations: input.occupations ?? [], ties: input.ties ?? [], preferences: input.preferences ?? [],
      medicalCare: !!input.medicalCare, psychosocialCare: !!input.psychosocialCare, stepFree: !!input.stepFree, procedure: input.procedure,
    });
    if (!id) throw new AppError(409, 'duplicate', { what: 'what.household', field: 'reference' }, [{ path: 'body.reference', key: 'problem.duplicate' }]);
    await audit(trx, actor, { action: 'placement.household.create', recordType: 'placement_household', recordId: id });
    const row = await repo.householdsInReach(trx, householdReach(actor)).where('h.id', '=', id).executeTakeFirstOrThrow();
    return toHousehold(row);
  });
}

/**
 * Households placed by an approved run whose arrival notice will not bring them (declined,
 * withdrawn, expired, or left out of a partial acceptance) go back to the pending list, to be
 * placed again. Reception's answer is read through its service; run before reading households.
 */
async function returnNotComing(trx: Tx, actor: Actor) {
  const placed = await repo.placedWithNotice(trx, [actor.organisationId]);
  if (!placed.length) return 0;
  const notComing = await capacity.householdsNotComing(trx, [...new Set(placed.map((h) => h.notice_id!))]);
  const whole = new Set(notComing.filter((x) => x.reference === null).map((x) => x.noticeId));
  const some = new Set(notComing.filter((x) => x.reference !== null).map((x) => `${x.noticeId}|${x.reference}`));
  const back = placed.filter((h) => whole.has(h.notice_id!) || some.has(`${h.notice_id}|${h.reference}`)).map((h) => h.id);
  const n = await repo.unplace(trx, back);
  if (n) await audit(trx, actor, { action: 'placement.household.return', recordType: 'placement_household', detail: { households: back } });
  return n;
}

export async function listHouseholds(db: Db, actor: Actor, f: { status?: string; limit: number; offset: number }) {
  assertRight(actor, 'placement.manage');
  return withActor(db, actor, async (trx) => {
    await returnNotComing(trx, actor);
    let q = repo.householdsInReach(trx, householdReach(actor));
    if (f.status) q = q.where('h.status', '=', f.status);
    const rows = await q.orderBy('h.created_at').orderBy('h.reference').limit(f.limit).offset(f.offset).execute();
    // Pseudonymous, but about people: every read is on the record.
    await auditReads(trx, actor, 'placement_household', rows.map((r) => r.id), 'placement planning');
    return { items: rows.map(toHousehold) };
  });
}

// ---------------------------------------------------------------------------------------------
interface RunContext {
  municipalities: Array<{ id: string; name: string; territoryCode: string; population: number; lon: number | null; lat: number | null; quota: number; intakeYtd: number; personsBefore: number; share?: number; target?: number }>;
  /** The year the quotas count, and its persons (runs made before issue 11 have none). */
  year?: { year: number; received: number; thisRun: number; total: number };
  households: Array<{ id: string; reference: string; size: number }>;
  scoring: { households: ScoringHousehold[]; municipalities: Array<Omit<ScoringMunicipality, 'demand'> & { demand: Record<string, number> }> };
}

async function buildInstance(trx: Tx, actor: Actor, input: CreateRun, territoryPath: string) {
  const weights: Weights = { ...defaultWeights, ...(input.weights ?? {}) };
  await returnNotComing(trx, actor);
  let hq = repo.householdsInReach(trx, householdReach(actor)).where('h.status', '=', 'pending');
  if (input.householdIds) hq = hq.where('h.id', 'in', input.householdIds);
  const households = await hq.orderBy('h.created_at').orderBy('h.reference').execute();
  if (input.householdIds && households.length !== new Set(input.householdIds).size) throw invalid('body.householdIds', 'placement.household_not_pending');
  if (households.length === 0) throw invalid('body.householdIds', 'placement.no_pending');
  const munis = await repo.municipalitiesWithin(trx, territoryPath);
  if (munis.length === 0) throw invalid('body.territoryCode', 'placement.no_municipalities');

  const free = await capacity.freeCapacity(trx, munis.map((m) => m.id));
  // Everyone each municipality received this year (reception's arrival notices, placed or announced by hand).
  const intakeYtd = await capacity.intakeThisYear(trx, munis.map((m) => m.id));
  const countries = (await repo.countries(trx)).map((c) => ({ code: c.code, population: Number(c.population), gdpUsd: Number(c.gdp_usd) }));
  const shares = keyShares(input.distributionKey as DistributionKeyType, munis.map((m) => ({ id: m.id, territoryCode: m.territory_code, country: m.country ?? '', population: Number(m.population ?? 0) })), countries, input.customKey);
  const runPersons = households.reduce((s, h) => s + h.size, 0);
  // The key shares the year's arrivals in the territory (received this year + this run); each
  // municipality's quota for this run is what is left of its share (docs/placement.md).
  const received = [...intakeYtd.values()].reduce((a, b) => a + b, 0);
  const quota = quotas(shares, runPersons, intakeYtd);

  // Labour demand resolved along each municipality's chain: the nearest territory's figure wins.
  const chains = munis.map((m) => m.path.split('/').filter(Boolean));
  const demandRows = await repo.labourDemand(trx, [...new Set(chains.flat())]);
  const byTerritory = new Map<string, Map<string, number>>();
  for (const r of demandRows) { if (!byTerritory.has(r.territory_code)) byTerritory.set(r.territory_code, new Map()); byTerritory.get(r.territory_code)!.set(r.isco, Number(r.demand)); }
  const scoringMunis: ScoringMunicipality[] = munis.map((m, i) => {
    const demand = new Map<string, number>();
    for (const code of chains[i]) for (const [isco, d] of byTerritory.get(code) ?? []) demand.set(isco, d);
    const f = free.get(m.id) ?? {};
    return { chain: chains[i], demand, offersHealth: (f.health_slots ?? 0) > 0, offersPsychosocial: (f.psychosocial_slots ?? 0) > 0, offersLanguage: (f.language_course_seats ?? 0) > 0 };
  });
  const scoringHouseholds: ScoringHousehold[] = households.map((h) => ({ occupations: h.occupations, ties: h.ties, preferences: h.preferences, medicalCare: h.medical_care, psychosocialCare: h.psychosocial_care, adults: adults(h.ages) }));
  const needs = households.map((h) => householdNeeds({ ages: h.ages, unaccompaniedMinor: h.unaccompanied_minor, stepFree: h.step_free, medicalCare: h.medical_care, psychosocialCare: h.psychosocial_care }));
  const resources = [...new Set(needs.flatMap((n) => Object.keys(n)))].sort();
  const tolerance = input.quotaTolerance ?? DEFAULT_QUOTA_TOLERANCE;
  const instance: Instance = {
    resources,
    municipalities: munis.map((m) => ({
      id: m.id,
      capacity: Object.fromEntries(resources.map((r) => [r, free.get(m.id)?.[r] ?? 0])),
      quota: Math.round((quota.get(m.id) ?? 0) * 100) / 100, quotaTolerance: tolerance, quotaPenalty: weights.quotaPenalty,
    })),
    households: households.map((h, i) => ({
      id: h.id, size: h.size, needs: needs[i],
      scores: scoringMunis.map((m) => Math.round(score(components(scoringHouseholds[i], m), weights) * 1000) / 1000),
    })),
    // Stop at a proven gap of 0.01 % (or the time limit): beyond that no person's placement changes in practice.
    options: { timeLimitSeconds: input.timeLimitSeconds ?? 20, gapTolerance: 1e-4, unassignedPenalty: UNASSIGNED_PENALTY, explain: true },
  };
  const context: RunContext = {
    municipalities: munis.map((m) => ({
      id: m.id, name: m.name, territoryCode: m.territory_code, population: Number(m.population ?? 0), lon: m.lon, lat: m.lat,
      share: shares.get(m.id) ?? 0, target: (shares.get(m.id) ?? 0) * (received + runPersons),
      quota: quota.get(m.id) ?? 0, intakeYtd: intakeYtd.get(m.id) ?? 0, personsBefore: intakeYtd.get(m.id) ?? 0,
    })),
    year: { year: new Date().getUTCFullYear(), received, thisRun: runPersons, total: received + runPersons },
    households: households.map((h) => ({ id: h.id, reference: h.reference, size: h.size })),
    scoring: { households: scoringHouseholds, municipalities: scoringMunis.map((m) => ({ ...m, demand: Object.fromEntries(m.demand) })) },
  };
  return { instance, context, weights };
}

async function scopeOf(trx: Tx, actor: Actor, territoryCode: string) {
  const t = await territories.findByCode(trx, territoryCode);
  // A territory outside the coordinator's own is answered like an unknown one.
  if (!t || !t.path.startsWith(actor.territoryPath)) throw invalid('body.territoryCode', 'validation.territory_unknown');
  return t;
}

export async function createRun(db: Db, actor: Actor, input: CreateRun, previousRunId: string | null = null): Promise<Run> {
  assertRight(actor, 'placement.manage');
  if (input.distributionKey === 'custom' && !input.customKey) throw invalid('body.customKey', 'validation.required');
  // Inputs are read in one transaction, the solve happens outside it (it may take a while),
  // and the run is written in another.
  const built = await withActor(db, actor, async (trx) => {
    const scope = await scopeOf(trx, actor, input.territoryCode);
    return buildInstance(trx, actor, input, scope.path);
  });
  const result = await solveInWorker(built.instance);
  const figures = { objective: result.objective, bound: result.bound, gap: result.gap, solveMs: result.solveMs, method: result.method, households: built.instance.households.length, municipalities: built.instance.municipalities.length };
  const id = await withActor(db, actor, async (trx) => {
    const runId = await repo.insertRun(trx, {
      organisationId: actor.organisationId, territoryCode: input.territoryCode, createdBy: actor.id, distributionKey: input.distributionKey,
      keyTable: input.customKey, weights: built.weights, instance: built.instance, context: built.context, result, figures, previousRunId,
    });
    await audit(trx, actor, { action: 'placement.run.create', recordType: 'placement_run', recordId: runId, purpose: 'placement proposal', detail: { ...figures, previousRunId } });
    return runId;
  });
  return getRun(db, actor, id);
}

/** A run through the gate: the coordinator's right first, then the run's owner in reach (404 otherwise). */
async function loadRun(trx: Tx, actor: Actor, id: string, o: ReachOptions) {
  assertRight(actor, 'placement.manage');
  return reach(trx, actor, runRecord, id, 'read', o);
}

interface OverrideEntry { householdId: string; from: string | null; to: string | null; reason: string; by: string; at: string }

/** The assignment after the overrides: household id → municipality id (or null). */
function currentAssignment(result: Result, overrides: OverrideEntry[]): Map<string, string | null> {
  const current = new Map<string, string | null>();
  for (const a of result.assignments) current.set(a.household, a.municipality);
  for (const u of result.unassigned) current.set(u.household, null);
  for (const o of overrides) current.set(o.householdId, o.to);
  return current;
}

function view(r: repo.RunRow): Run {
  const instance = r.instance as Instance, context = r.context as RunContext, result = r.result as Result;
  const overrides = (r.overrides as OverrideEntry[]) ?? [];
  const current = currentAssignment(result, overrides);
  const muniIndex = new Map(context.municipalities.map((m, i) => [m.id, i]));
  const proposed = new Map(result.assignments.map((a) => [a.household, a.municipality]));
  const lastOverride = new Map(overrides.map((o) => [o.householdId, o]));
  const weights = r.weights as Weights;
  const personsAfter = new Map<string, number>();
  const loads = new Map<string, Record<string, { used: number; capacity: number }>>();
  for (const m of instance.municipalities) loads.set(m.id, Object.fromEntries(instance.resources.map((res) => [res, { used: 0, capacity: m.capacity[res] ?? 0 }])));
  const assignments: Run['assignments'] = [];
  const unassigned: Run['unassigned'] = [];
  const unassignedReason = new Map(result.unassigned.map((u) => [u.household, u.reason]));
  context.households.forEach((h, hi) => {
    const to = current.get(h.id) ?? null;
    const override = lastOverride.get(h.id);
    // Every household of the run has a line; an unplaced one also appears in `unassigned` with why.
    if (to === null) unassigned.push({ household: h, reason: override ? override.reason : unassignedReason.get(h.id) ?? '' });
    const mi = to === null ? -1 : muniIndex.get(to)!;
    if (mi >= 0) {
      personsAfter.set(to!, (personsAfter.get(to!) ?? 0) + h.size);
      const needs = instance.households[hi].needs;
      for (const [res, v] of Object.entries(needs)) { const need = Array.isArray(v) ? v[mi] : v; const l = loads.get(to!)![res]; if (l) l.used += need; }
    }
    const comps = mi >= 0 ? components(context.scoring.households[hi], { ...context.scoring.municipalities[mi], demand: new Map(Object.entries(context.scoring.municipalities[mi].demand)) }) : null;
    assignments.push({
      household: h,
      municipality: mi >= 0 ? { id: to!, name: context.municipalities[mi].name, territoryCode: context.municipalities[mi].territoryCode } : null,
      proposedMunicipalityId: proposed.get(h.id) ?? null,
      score: mi >= 0 ? score(comps!, weights) : null,
      components: comps,
      overridden: !!override, reason: override?.reason ?? null,
    });
  });
  const year = context.year ?? {
    year: new Date(r.created_at).getUTCFullYear(), received: context.municipalities.reduce((n, m) => n + m.intakeYtd, 0), thisRun: context.households.reduce((n, h) => n + h.size, 0), total: 0,
  };
  if (!context.year) year.total = year.received + year.thisRun;
  return {
    id: r.id, status: r.status, version: r.version, territory: { code: r.territory_code, name: r.territory_name },
    distributionKey: r.distribution_key, weights, organisation: { id: r.organisation_id, name: r.organisation_name },
    createdAt: new Date(r.created_at).toISOString(), createdBy: r.created_by_name ?? null, year,
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null, approvedBy: r.approved_by_name ?? null, previousRunId: r.previous_run_id,
    figures: r.figures as Run['figures'],
    assignments, unassigned,
    municipalities: context.municipalities.map((m) => {
      // Runs made before the year's target was kept: quota = max(0, target − received), so target ≈ quota + received.
      const target = m.target ?? m.quota + m.intakeYtd;
      const after = m.personsBefore + (personsAfter.get(m.id) ?? 0);
      return {
        id: m.id, name: m.name, territoryCode: m.territoryCode, population: m.population, lon: m.lon, lat: m.lat,
        share: m.share ?? (year.total > 0 ? target / year.total : 0), target: Math.round(target * 10) / 10,
        quota: Math.round(m.quota * 10) / 10, intakeYtd: m.intakeYtd, personsBefore: m.personsBefore, personsAfter: after,
        ofTarget: target > 0 ? after / target : null,
        loads: loads.get(m.id) ?? {},
      };
    }),
    overrides,
  };
}

export async function getRun(db: Db, actor: Actor, id: string): Promise<Run> {
  return withActor(db, actor, async (trx) => {
    const r = await loadRun(trx, actor, id, { purpose: 'placement review' });
    return view(r);
  });
}

export async function listRuns(db: Db, actor: Actor, limit: number, offset: number) {
  assertRight(actor, 'placement.manage');
  return withActor(db, actor, async (trx) => {
    const rows = await repo.listRuns(trx, reachFilterFor(actor, runRecord, 'r.organisation_id', 't.path'), limit, offset);
    return {
      items: rows.map((r) => {
        const f = r.figures as Run['figures'];
        // The engine's assignments, then the people's overrides in order: what the run assigns now.
        const assigned = new Set((typeof r.assigned_ids === 'string' ? JSON.parse(r.assigned_ids) : r.assigned_ids) as string[]);
        for (const o of (r.overrides as OverrideEntry[] | null) ?? []) { if (o.to) assigned.add(o.householdId); else assigned.delete(o.householdId); }
        return {
          id: r.id, status: r.status, territory: { code: r.territory_code, name: r.territory_name }, organisation: { id: r.organisation_id, name: r.organisation_name },
          createdAt: new Date(r.created_at).toISOString(), households: f.households, assigned: assigned.size, gap: f.gap, distributionKey: r.distribution_key,
        };
      }),
    };
  });
}

export async function explain(db: Db, actor: Actor, runId: string, householdId: string): Promise<Explanation> {
  return withActor(db, actor, async (trx) => {
    const r = await loadRun(trx, actor, runId, { auditedAs: 'placement.explanation.read' });
    const context = r.context as RunContext, result = r.result as Result, weights = r.weights as Weights;
    const hi = context.households.findIndex((h) => h.id === householdId);
    if (hi < 0) throw notFound('household');
    const current = currentAssignment(result, (r.overrides as OverrideEntry[]) ?? []).get(householdId) ?? null;
    const muni = (id: string) => context.municipalities.find((m) => m.id === id)!;
    const compsAt = (id: string) => { const mi = context.municipalities.findIndex((m) => m.id === id); return components(context.scoring.households[hi], { ...context.scoring.municipalities[mi], demand: new Map(Object.entries(context.scoring.municipalities[mi].demand)) }); };
    const e = result.explanations.find((x) => x.household === householdId);
    await audit(trx, actor, { action: 'placement.explanation.read', recordType: 'placement_household', recordId: householdId, purpose: 'placement review', detail: { runId } });
    return {
      household: context.households[hi],
      municipality: current ? { id: current, name: muni(current).name } : null,
      score: current ? score(compsAt(current), weights) : null,
      components: current ? compsAt(current) : null,
      weights,
      alternatives: (e?.alternatives ?? []).map((a) => ({
        municipality: { id: a.municipality, name: muni(a.municipality).name },
        score: a.score, components: compsAt(a.municipality),
        blockedBy: a.blockedBy.map((b) => ({
          kind: b.kind,
          ...('resource' in b ? { resource: b.resource } : {}),
          ...('shadowPrice' in b && b.shadowPrice !== undefined ? { shadowPrice: b.shadowPrice } : {}),
          ...(b.kind === 'capacity' ? { used: b.used, capacity: b.capacity, need: b.need } : {}),
          ...(b.kind === 'quota' ? { persons: b.persons, upper: b.upper } : {}),
          ...(b.kind === 'quotaLower' ? { persons: b.persons, lower: b.lower, municipality: { id: b.municipality, name: muni(b.municipality).name } } : {}),
          detail: b.kind === 'capacity' ? `${b.resource}: ${b.used}/${b.capacity} used, needs ${b.need}`
            : b.kind === 'quota' ? `quota: ${b.persons} persons, upper bound ${b.upper.toFixed(1)}`
            : b.kind === 'quotaLower' ? `leaving would put ${muni(b.municipality).name} below its quota (${b.persons} < ${b.lower.toFixed(1)})`
            : b.kind === 'tradeoff' ? 'room was available, but the move would lower the total score of all households' : b.kind,
        })),
      })),
      unassignedReason: current ? null : (result.unassigned.find((u) => u.household === householdId)?.reason ?? null),
      unassignedWhy: current ? null : whyData(result.unassigned.find((u) => u.household === householdId)?.why, muni),
    };
  });
}

/** The engine's reason as data, with municipality names (runs stored before it existed have none). */
function whyData(why: UnassignedWhy | undefined, muni: (id: string) => { name: string }): Explanation['unassignedWhy'] {
  if (!why) return null;
  switch (why.kind) {
    case 'noAllowed': return { kind: why.kind, cause: why.cause };
    case 'tooBig': return { kind: why.kind, resources: why.resources.map((resource) => ({ resource })) };
    case 'full': return { kind: why.kind, mustGo: why.mustGo, resources: why.resources };
    case 'notWorth': return { kind: why.kind, municipality: { id: why.municipality, name: muni(why.municipality).name }, score: why.score };
  }
}

export async function overrideAssignment(db: Db, actor: Actor, runId: string, input: Override): Promise<Run> {
  return withActor(db, actor, async (trx) => {
    const r = await loadRun(trx, actor, runId, { forUpdate: true, auditedAs: 'placement.override' });
    if (r.status !== 'proposed') throw new AppError(409, 'placement_not_proposed', { status: r.status });
    if (r.version !== input.version) throw conflict('placement_run', r.version);
    const instance = r.instance as Instance, context = r.context as RunContext, result = r.result as Result;
    if (!context.households.some((h) => h.id === input.householdId)) throw invalid('body.householdId', 'placement.household_not_in_run');
    if (input.municipalityId && !context.municipalities.some((m) => m.id === input.municipalityId)) throw invalid('body.municipalityId', 'placement.municipality_not_in_run');
    const overrides = [...((r.overrides as OverrideEntry[]) ?? [])];
    const current = currentAssignment(result, overrides);
    const entry: OverrideEntry = { householdId: input.householdId, from: current.get(input.householdId) ?? null, to: input.municipalityId, reason: input.reason.trim(), by: actor.email, at: new Date().toISOString() };
    current.set(input.householdId, input.municipalityId);
    // The engine's own checker decides whether the changed plan still fits the capacity.
    const assignments = [...current].filter(([, m]) => m !== null).map(([h, m]) => ({ household: h, municipality: m!, score: 0 }));
    const verdict = check(instance, { ...result, assignments, unassigned: [...current].filter(([, m]) => m === null).map(([h]) => ({ household: h, reason: 'override' })) });
    const names = new Map(context.municipalities.map((m) => [m.id, m.name]));
    const capacityViolations = verdict.violations.filter((v) => /capacity|exceed/i.test(v))
      .map((v) => v.replace(/municipality ([0-9a-f-]{36})/g, (_, id: string) => names.get(id) ?? id));
    if (capacityViolations.length) throw new AppError(409, 'placement_over_capacity', { detail: capacityViolations.join('; ') }, [{ path: 'body.municipalityId', key: 'placement.over_capacity', params: { detail: capacityViolations.join('; ') } }]);
    overrides.push(entry);
    await repo.updateRun(trx, runId, { overrides }, r.version + 1);
    await audit(trx, actor, { action: 'placement.override', recordType: 'placement_run', recordId: runId, purpose: 'placement review', detail: { ...entry, reason: undefined }, text: { reason: entry.reason } });
    return view((await repo.findRun(trx, runId))!);
  });
}

export async function approveRun(db: Db, actor: Actor, runId: string, input: Approve): Promise<Run> {
  return withActor(db, actor, async (trx) => {
    const r = await loadRun(trx, actor, runId, { forUpdate: true, auditedAs: 'placement.approve' });
    if (r.status !== 'proposed') throw new AppError(409, 'placement_not_proposed', { status: r.status });
    if (r.version !== input.version) throw conflict('placement_run', r.version);
    if (!reaches(actor, 'shared', 'write', runOwner(r))) throw notFound('placement_run');
    const v = view(r);
    const placed = v.assignments.filter((a) => a.municipality);
    // Households placed or withdrawn since the proposal cannot be placed again.
    const byTarget = new Map<string, string[]>();
    for (const a of placed) byTarget.set(a.municipality!.id, [...(byTarget.get(a.municipality!.id) ?? []), a.household.id]);
    for (const [organisationId, ids] of byTarget) {
      if ((await repo.placeHouseholds(trx, ids, runId, organisationId)) !== ids.length) throw new AppError(409, 'placement_households_changed');
    }
    await repo.updateRun(trx, runId, { status: 'approved', approvedBy: actor.id }, r.version + 1);
    // The arrivals, grouped per municipality, resource and procedure, become arrival notices.
    const households = await repo.householdsInReach(trx, householdReach(actor)).where('h.id', 'in', placed.length ? placed.map((a) => a.household.id) : ['00000000-0000-0000-0000-000000000000']).execute();
    const byId = new Map(households.map((h) => [h.id, h]));
    const groups = new Map<string, ArrivalGroup>();
    for (const a of placed) {
      const h = byId.get(a.household.id)!;
      const resource = h.unaccompanied_minor ? 'uam_places' : 'housing_places';
      const key = `${a.municipality!.id}|${resource}|${h.procedure}`;
      const g = groups.get(key) ?? { organisationId: a.municipality!.id, resource, procedure: h.procedure as ArrivalGroup['procedure'], households: 0, persons: 0, ages: [], medical: 0, stepFree: 0, languages: [], members: [] };
      g.households += 1; g.persons += h.size; g.ages.push(...h.ages);
      if (h.medical_care || h.psychosocial_care) g.medical += 1;
      if (h.step_free) g.stepFree += h.size;
      g.languages.push(...h.languages);
      g.members.push({ id: h.id, reference: h.reference, ages: h.ages, sexes: h.sexes as ArrivalGroup['members'][number]['sexes'], languages: h.languages, unaccompaniedMinor: h.unaccompanied_minor });
      groups.set(key, g);
    }
    // Each notice reserves its places as it is sent, in one order for every approval (resource, then
    // municipality) so that parallel approvals queue on the same rows instead of deadlocking.
    const ordered = [...groups.values()].sort((a, b) => (a.resource + a.organisationId + a.procedure < b.resource + b.organisationId + b.procedure ? -1 : 1));
    let noticeIds: string[];
    try {
      noticeIds = await capacity.announceArrivals(trx, actor, runId, ordered, { responseHours: input.responseHours ?? 48, expectedArrival: input.expectedArrival });
    } catch (e) {
      // Capacity changed since the proposal: say where, and write nothing (the transaction rolls back).
      if (e instanceof AppError && e.code === 'insufficient_capacity') {
        const x = e.extra as { free: number; needed: number; resource: string; organisation?: { id: string; name: string } };
        throw new AppError(409, 'placement_capacity_changed', { organisation: x.organisation?.name ?? '', resource: x.resource, free: x.free, needed: x.needed }, [],
          { organisation: x.organisation ?? null, resource: x.resource, free: x.free, needed: x.needed });
      }
      throw e;
    }
    for (let i = 0; i < ordered.length; i++) await repo.setNotice(trx, ordered[i].members.map((m) => m.id), noticeIds[i]);
    await audit(trx, actor, { action: 'placement.approve', recordType: 'placement_run', recordId: runId, purpose: 'placement decision', detail: { households: placed.length, overrides: v.overrides.length, notices: noticeIds } });
    return view((await repo.findRun(trx, runId))!);
  });
}

export async function discardRun(db: Db, actor: Actor, runId: string, version: number): Promise<Run> {
  return withActor(db, actor, async (trx) => {
    const r = await loadRun(trx, actor, runId, { forUpdate: true, auditedAs: 'placement.discard' });
    if (r.status !== 'proposed') throw new AppError(409, 'placement_not_proposed', { status: r.status });
    if (r.version !== version) throw conflict('placement_run', r.version);
    await repo.updateRun(trx, runId, { status: 'discarded' }, r.version + 1);
    await audit(trx, actor, { action: 'placement.discard', recordType: 'placement_run', recordId: runId, purpose: 'placement review' });
    return view((await repo.findRun(trx, runId))!);
  });
}

/** Re-opens a run: the same territory, key and weights, on its households that are still pending, with live capacity. */
export async function resolveAgain(db: Db, actor: Actor, runId: string): Promise<Run> {
  const prev = await withActor(db, actor, async (trx) => {
    const r = await loadRun(trx, actor, runId, { auditedAs: 'placement.run.create' });
    const ids = (r.context as RunContext).households.map((h) => h.id);
    const pending = await repo.householdsInReach(trx, householdReach(actor)).where('h.id', 'in', ids).where('h.status', '=', 'pending').execute();
    return { r, pending: pending.map((h) => h.id) };
  });
  if (prev.pending.length === 0) throw invalid('params.id', 'placement.no_pending');
  return createRun(db, actor, {
    territoryCode: prev.r.territory_code, distributionKey: prev.r.distribution_key as CreateRun['distributionKey'],
    customKey: (prev.r.key_table as Record<string, number> | null) ?? undefined, weights: prev.r.weights as Weights,
    householdIds: prev.pending, quotaTolerance: (prev.r.instance as Instance).municipalities[0]?.quotaTolerance,
  }, runId);
}
