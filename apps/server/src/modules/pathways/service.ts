// Integration pathways: the rules. Every command runs in one transaction as the actor
// (withActor), passes the access gate (access.ts) for the record it touches, and audits every
// read of personal data with its declared purpose. Row-level security (migration 0003) is the
// second wall: when the gate opens a door beyond the ordinary reach (break the glass, a
// data-subject request), the transaction is granted exactly that person or household.
import type {
  Aggregate, Consent, CorrectPerson, LegalStatus, NewArrival, NewConsent, NewLegalStatus, NewReferral, NewStep,
  PersonDetail, PersonSummary, Procedure, Referral, ReferralView, RegisterPerson, StatusType, Step, Template, UpdateStep, Worklist,
} from '@localpact/contracts';
import { procedureStatus } from '@localpact/contracts';
import { locales } from '../../platform/i18n.ts';
import { withActor, asSystem, type Db, type Tx } from '../../platform/context.ts';
import { assertReach, assertRight, has, reachedBy, reachFilter, suppressSmallCells, type Actor, type Owner } from '../../platform/access.ts';
import { audit, auditReads, eraseAuditTexts } from '../../platform/audit.ts';
import { redactPersonalText } from '../../platform/erasure.ts';
import { auditRefusal, reach, reachFilterFor } from '../../platform/gate.ts';
import { erasePersonData, exportPersonData } from '../../platform/person-data.ts';
import * as auditLog from '../audit/service.ts';
import { AppError, conflict, duplicate, invalid, notFound, forbidden } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import * as dupRepo from './repository-duplicates.ts';
import { latinForms, nameKey, normalise, phoneticKey, searchText, tokenKeys } from './names.ts';
import { householdRecord, personRecord, templateRecord } from './records.ts';
import { findDuplicates, openDuplicateReviews, possibleDuplicate } from './service-duplicates.ts';

/** Alerts look this many days ahead for statuses that end (issue 5: 90 days). */
export const STATUS_ALERT_DAYS = 90;
/** School age for the "no school place" alert: compulsory schooling from 6 to 17 in most member states. */
export const SCHOOL_AGE: [number, number] = [6, 17];
const ADULT_AGE = 18;

type Row = Record<string, unknown>;
const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : '');
const today = () => new Date().toISOString().slice(0, 10);
const ownOrg = (actor: Actor): Owner => ({ organisationId: actor.organisationId, territoryPath: actor.territoryPath });

export interface ReadOptions { purpose: string; breakGlass?: string; subjectRequest?: boolean }

// ---- status types (reference data an administrator maintains) --------------------------------
function toStatusType(r: { code: string; ends_on: string | null; legal_basis: string | null; version: number }): StatusType {
  return { code: r.code as StatusType['code'], endsOn: r.ends_on, legalBasis: r.legal_basis, version: r.version };
}

export async function listStatusTypes(db: Db, actor: Actor): Promise<StatusType[]> {
  assertReach(actor, 'reference', 'read', undefined, 'status_type');
  return withActor(db, actor, async (trx) => (await repo.statusTypes(trx)).map(toStatusType));
}

export async function updateStatusType(db: Db, actor: Actor, code: string, input: { version: number; endsOn: string | null }): Promise<StatusType> {
  assertRight(actor, 'status_types.manage');
  return withActor(db, actor, async (trx) => {
    const current = await repo.statusType(trx, code);
    if (!current) throw notFound('status_type');
    if (!(await repo.updateStatusTypeEnd(trx, code, input.version, input.endsOn))) throw conflict('status_type', current.version, { current: toStatusType(current) });
    await audit(trx, actor, { action: 'status_type.update', recordType: 'status_type', recordId: code, detail: { from: current.ends_on, to: input.endsOn } });
    return toStatusType((await repo.statusType(trx, code))!);
  });
}

// People, households and templates are reached through the gate procedure (platform/gate.ts) with
// the record types of records.ts: owner, decision, row-level security grant, break-the-glass and
// read audit in one place.

// ---- registration (the duplicate check: service-duplicates.ts) --------------------------------
function validDate(value: string | null | undefined, path: string) {
  if (value && Number.isNaN(new Date(value + 'T00:00:00Z').getTime())) throw invalid(path, 'validation.format', { format: 'date' });
}

export async function registerPerson(db: Db, actor: Actor, input: RegisterPerson): Promise<PersonDetail> {
  assertReach(actor, 'personal', 'write', ownOrg(actor), 'person');
  validDate(input.birthDate, 'body.birthDate');
  if (input.birthDate > today()) throw invalid('body.birthDate', 'validation.past_date');
  const id = await withActor(db, actor, async (trx) => {
    // Checked even when the asker confirmed: the confirmation covers what it was shown, not what lies outside its reach.
    const d = await findDuplicates(trx, actor, input.givenName, input.familyName, input.birthDate);
    if (!input.confirmNotDuplicate && d.duplicates.matches.length) throw possibleDuplicate(d.duplicates);
    let householdId = input.householdId ?? null;
    if (householdId) await reach(trx, actor, householdRecord, householdId, 'write');
    else householdId = await repo.insertHousehold(trx, actor.organisationId);
    const personId = await repo.insertPerson(trx, {
      organisation_id: actor.organisationId, household_id: householdId, household_role: input.householdRole ?? (input.householdId ? 'other' : 'head'),
      birth_date: input.birthDate, birth_year: Number(input.birthDate.slice(0, 4)), sex: input.sex, nationalities: input.nationalities,
      languages: JSON.stringify(input.languages), preferred_locale: input.preferredLocale ?? 'en', unaccompanied_minor: input.unaccompaniedMinor ?? false,
    });
    await repo.insertIdentity(trx, {
      person_id: personId, organisation_id: actor.organisationId, given_name: input.givenName.trim(), family_name: input.familyName.trim(),
      other_names: input.otherNames ?? null, identifiers: JSON.stringify(input.identifiers ?? []), phone: input.phone ?? null, email: input.email ?? null,
      address: input.address ?? null, name_key: nameKey(input.givenName, input.familyName, input.otherNames), search_text: searchText(input.givenName, input.familyName, input.otherNames),
    });
    await repo.setNameKeys(trx, personId, actor.organisationId, nameKey(input.givenName, input.familyName, input.otherNames));
    if (input.status) await insertStatus(trx, actor, personId, actor.organisationId, input.status);
    await openDuplicateReviews(trx, actor, personId, d.outside);
    // No names in the audit log: it outlives erasure.
    await audit(trx, actor, { action: 'person.create', recordType: 'person', recordId: personId, detail: { householdId, confirmedNotDuplicate: !!input.confirmNotDuplicate } });
    return personId;
  });
  return getPerson(db, actor, id, { purpose: 'registration' });
}

async function insertStatus(trx: Tx, actor: Actor, personId: string, org: string, s: NewLegalStatus) {
  for (const [k, v] of Object.entries({ decidedOn: s.decidedOn, validFrom: s.validFrom, validUntil: s.validUntil })) validDate(v, `body.${k}`);
  if (s.validFrom && s.validUntil && s.validUntil < s.validFrom) throw invalid('body.validUntil', 'validation.date_order');
  // One status at a time per person: concurrent additions queue here, so exactly one stays current.
  await repo.lockPerson(trx, personId);
  const statusId = await repo.insertLegalStatus(trx, {
    person_id: personId, organisation_id: org, type_code: s.typeCode, decided_on: s.decidedOn ?? null, valid_from: s.validFrom ?? null,
    valid_until: s.validUntil ?? null, note: s.note ?? null, current: true, recorded_by: actor.id,
  }, true);
  await audit(trx, actor, { action: 'person.status_add', recordType: 'person', recordId: personId, detail: { typeCode: s.typeCode, statusId } });
}

export async function addStatus(db: Db, actor: Actor, personId: string, s: NewLegalStatus): Promise<LegalStatus[]> {
  return withActor(db, actor, async (trx) => {
    const { owner } = await reach(trx, actor, personRecord, personId, 'write');
    await insertStatus(trx, actor, personId, owner.organisationId, s);
    return (await repo.statuses(trx, personId)).map(toStatus);
  });
}

// ---- reading ---------------------------------------------------------------------------------
function toArrival(a: unknown): NewArrival | null {
  if (!a) return null;
  const x = (typeof a === 'string' ? JSON.parse(a) : a) as NewArrival;
  return { ...x, arrivedOn: String(x.arrivedOn).slice(0, 10) };
}

function toSummary(r: Row & { status?: unknown }): PersonSummary {
  return {
    id: r.id as string, givenName: r.given_name as string, familyName: r.family_name as string,
    identityPending: !!r.identity_pending, arrival: toArrival(r.arrival),
    birthDate: (r.birth_date as string | null) ?? null,
    birthYear: r.birth_year as number, sex: r.sex as PersonSummary['sex'], nationalities: (r.nationalities as string[]) ?? [],
    householdId: (r.household_id as string | null) ?? null, householdRole: r.household_role as PersonSummary['householdRole'],
    status: (r.status as PersonSummary['status']) ?? null, closed: !!r.closed_at,
  };
}

function toStatus(r: Awaited<ReturnType<typeof repo.statuses>>[number]): LegalStatus {
  return {
    id: r.id, typeCode: r.type_code as LegalStatus['typeCode'], decidedOn: r.decided_on, validFrom: r.valid_from, validUntil: r.valid_until,
    endsOn: r.ends_on ? String(r.ends_on).slice(0, 10) : null, note: r.note, current: r.current, recordedAt: iso(r.recorded_at),
  };
}

function toStep(r: Awaited<ReturnType<typeof repo.steps>>[number]): Step {
  return {
    id: r.id, domain: r.domain as Step['domain'], title: r.title, status: r.status as Step['status'], stopReason: r.stop_reason,
    dueOn: r.due_on, startedOn: r.started_on, doneOn: r.done_on,
    responsibleOrganisation: r.responsible_organisation_id ? { id: r.responsible_organisation_id, name: r.responsible_name ?? '' } : null,
    notes: r.notes, followUp: r.follow_up, version: r.version,
  };
}

function toConsent(r: Awaited<ReturnType<typeof repo.consents>>[number]): Consent {
  return {
    id: r.id, purpose: r.purpose as Consent['purpose'], partnerOrganisation: r.partner_organisation_id ? { id: r.partner_organisation_id, name: r.partner_name ?? '' } : null,
    givenOn: r.given_on, how: r.how as Consent['how'], withdrawnOn: r.withdrawn_on,
  };
}

function toReferral(r: Awaited<ReturnType<typeof repo.referrals>>[number]): Referral {
  return {
    id: r.id, personId: r.person_id, partnerOrganisation: { id: r.partner_organisation_id, name: r.partner_name }, status: r.status as Referral['status'],
    shares: r.shares as Referral['shares'], stepId: r.step_id, note: r.note, createdAt: iso(r.created_at), version: r.version,
  };
}

async function detail(trx: Tx, id: string, by: 'role' | 'rights' | 'glass'): Promise<PersonDetail> {
  const r = await repo.personRow(trx, id);
  if (!r) throw notFound('person');
  const [statuses, steps, consents, referrals, corrections, plan, household] = await Promise.all([
    repo.statuses(trx, id), repo.steps(trx, id), repo.consents(trx, id), repo.referrals(trx, { personId: id }), repo.corrections(trx, id), repo.plan(trx, id),
    r.household_id ? repo.householdMembers(trx, r.household_id) : Promise.resolve([]),
  ]);
  return {
    ...toSummary(r as unknown as Row),
    otherNames: r.other_names, identifiers: r.identifiers as PersonDetail['identifiers'], phone: r.phone, email: r.email, address: r.address,
    languages: r.languages as PersonDetail['languages'], preferredLocale: r.preferred_locale, unaccompaniedMinor: r.unaccompanied_minor,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    household: household.map((m) => ({ id: m.id, givenName: m.given_name, familyName: m.family_name, identityPending: m.identity_pending, arrival: toArrival(m.arrival), householdRole: m.household_role as PersonSummary['householdRole'], birthYear: m.birth_year })),
    statuses: statuses.map(toStatus), plan: plan ? { templateId: plan.template_id, goals: plan.goals, version: plan.version } : null,
    steps: steps.map(toStep), consents: consents.map(toConsent), referrals: referrals.map(toReferral),
    corrections: corrections.map((c) => ({ field: c.field, oldValue: c.old_value, newValue: c.new_value, reason: c.reason, at: iso(c.at) })),
    reachedBy: by, version: r.version,
  };
}

export async function getPerson(db: Db, actor: Actor, id: string, o: ReadOptions): Promise<PersonDetail> {
  return withActor(db, actor, async (trx) => {
    const { by } = await reach(trx, actor, personRecord, id, 'read', { purpose: o.purpose, breakGlass: o.breakGlass, subjectRequest: o.subjectRequest });
    return detail(trx, id, by);
  }).catch((e) => (o.breakGlass ? auditRefusal(db, actor, e, { action: 'person.break_glass', recordType: 'person', recordId: id, purpose: o.breakGlass }) : Promise.reject(e)));
}

function queryForms(q: string | undefined): { forms: string[]; key: string | null } {
  if (!q || !normalise(q)) return { forms: [], key: null };
  const forms = [...new Set([normalise(q), ...latinForms(q)])].filter(Boolean);
  const single = normalise(q).split(' ').length === 1 ? phoneticKey(latinForms(q)[0] ?? q) : null;
  return { forms, key: single && single.length >= 3 ? single : null };
}

export async function listPeople(db: Db, actor: Actor, f: { q?: string; householdId?: string; purpose: string; limit: number; offset: number }) {
  return withActor(db, actor, async (trx) => {
    await repo.withoutJit(trx);
    const { forms, key } = queryForms(f.q);
    const reach = reachFilter(actor, 'personal', 'p.organisation_id', 'p.organisation_id');
    const identityReach = reachFilter(actor, 'personal', 'i.organisation_id', 'i.organisation_id');
    // Whole words (3+ letters each) are matched by phonetic key, in any spelling or script; when
    // that finds nobody, or for shorter fragments, by substring of the names as written.
    const words = f.q ? normalise(f.q).split(' ').filter(Boolean) : [];
    let found = null as Awaited<ReturnType<typeof repo.listPeople>> | null;
    if (words.length && words.length <= 4 && words.every((w) => w.length >= 3)) {
      const perWord = words.map((w) => [...new Set(tokenKeys(w).flat())].filter(Boolean));
      found = await repo.listPeople(trx, reach, identityReach, f, forms, key, perWord, reachFilter(actor, 'personal', 'k.organisation_id', 'k.organisation_id'));
      if (found.total === 0) found = null;
    }
    const { items, total } = found ?? await repo.listPeople(trx, reach, identityReach, f, forms, key);
    await auditReads(trx, actor, 'person', items.map((i) => i.id), f.purpose, 'person.list');
    return { items: items.map((i) => toSummary(i as unknown as Row)), total };
  });
}

/**
 * Data-subject requests (the DPO, or staff for their own people): find the person by name and
 * date of birth across the DPO's territory. Audited with the request reference as purpose.
 */
export async function findForSubjectRequest(db: Db, actor: Actor, f: { q: string; purpose: string }) {
  assertRight(actor, 'people.rights');
  return withActor(db, actor, async (trx) => {
    const { forms, key } = queryForms(f.q);
    if (!forms.length) return { items: [], total: 0 };
    const found = await repo.subjectRequestCandidates(trx, [...forms, ...(key ? [key] : [])]);
    const ids = found.filter((r) => reachedBy(actor, 'personal', 'read', { organisationId: r.organisation_id, territoryPath: r.path }, { subjectRights: true })).map((r) => r.id).slice(0, 50);
    if (!ids.length) return { items: [], total: 0 };
    await repo.grant(trx, ids);
    const rows = await repo.peopleSummaries(trx, ids);
    await auditReads(trx, actor, 'person', rows.map((r) => r.id), f.purpose, 'person.subject_request_search');
    return { items: rows.map((r) => toSummary(r as unknown as Row)), total: rows.length };
  });
}

// ---- corrections (GDPR Art. 16) with history ---------------------------------------------------
export async function correctPerson(db: Db, actor: Actor, id: string, input: CorrectPerson, subjectRequest = false): Promise<PersonDetail> {
  validDate(input.birthDate, 'body.birthDate');
  if (input.birthDate && input.birthDate > today()) throw invalid('body.birthDate', 'validation.past_date');
  return withActor(db, actor, async (trx) => {
    const { owner, by } = await reach(trx, actor, personRecord, id, 'write', { subjectRequest });
    const cur = await repo.personRow(trx, id);
    if (!cur) throw notFound('person');
    if (cur.version !== input.version) throw conflict('person', cur.version);
    const identityFields = { givenName: 'given_name', familyName: 'family_name', otherNames: 'other_names', phone: 'phone', email: 'email', address: 'address', identifiers: 'identifiers' } as const;
    const personFields = { birthDate: 'birth_date', sex: 'sex', nationalities: 'nationalities', languages: 'languages', preferredLocale: 'preferred_locale' } as const;
    const changes: Array<{ field: string; old: unknown; next: unknown }> = [];
    const idSet: Record<string, unknown> = {}, pSet: Record<string, unknown> = {}; // column → new value
    for (const [k, col] of Object.entries(identityFields)) {
      const v = (input as Record<string, unknown>)[k];
      if (v === undefined) continue;
      const old = (cur as Record<string, unknown>)[col];
      if (JSON.stringify(old) === JSON.stringify(v)) continue;
      changes.push({ field: k, old, next: v });
      idSet[col] = col === 'identifiers' ? JSON.stringify(v) : v;
    }
    for (const [k, col] of Object.entries(personFields)) {
      const v = (input as Record<string, unknown>)[k];
      if (v === undefined) continue;
      const old = (cur as Record<string, unknown>)[col];
      if (JSON.stringify(old) === JSON.stringify(v)) continue;
      changes.push({ field: k, old, next: v });
      pSet[col] = col === 'languages' ? JSON.stringify(v) : v;
      if (col === 'birth_date') pSet.birth_year = Number(String(v).slice(0, 4));
    }
    let identityCompleted = false;
    if (idSet.given_name !== undefined || idSet.family_name !== undefined || idSet.other_names !== undefined) {
      const g = (idSet.given_name ?? cur.given_name) as string, f = (idSet.family_name ?? cur.family_name) as string, o = (idSet.other_names !== undefined ? idSet.other_names : cur.other_names) as string | null;
      idSet.name_key = nameKey(g, f, o);
      idSet.search_text = searchText(g, f, o) + (cur.arrival ? ` ${arrivalSearchText(toArrival(cur.arrival)!)}` : '');
      if (cur.identity_pending && g.trim() && f.trim()) {
        // A new arrival gets a name: the same duplicate check as a registration (they may be known already).
        const birthDate = (pSet.birth_date as string | undefined) ?? cur.birth_date ?? `${cur.birth_year}-01-01`;
        const d = await findDuplicates(trx, actor, g, f, birthDate);
        d.duplicates.matches = d.duplicates.matches.filter((m) => m.id !== id);
        if (!input.confirmNotDuplicate && d.duplicates.matches.length) throw possibleDuplicate(d.duplicates);
        await openDuplicateReviews(trx, actor, id, d.outside);
        pSet.identity_pending = false;
        identityCompleted = true;
      }
    }
    if (Object.keys(idSet).length) await repo.updateIdentity(trx, id, idSet);
    if (idSet.name_key !== undefined) await repo.setNameKeys(trx, id, owner.organisationId, idSet.name_key as string);
    if (!(await repo.updatePerson(trx, id, input.version, pSet))) throw conflict('person', cur.version);
    await repo.insertCorrections(trx, changes.map((c) => ({
      person_id: id, organisation_id: owner.organisationId, field: c.field, old_value: JSON.stringify(c.old ?? null), new_value: JSON.stringify(c.next ?? null), reason: input.reason ?? null, by_user: actor.id,
    })));
    await audit(trx, actor, { action: 'person.correct', recordType: 'person', recordId: id, purpose: subjectRequest ? 'subject_request' : 'correction', detail: { fields: changes.map((c) => c.field), reachedBy: by, ...(identityCompleted ? { identityCompleted } : {}) } });
    return detail(trx, id, by);
  });
}

// ---- templates (shared records of the organisation; officers write) ----------------------------
function toTemplate(r: { id: string; name: string; audience: string; description: string | null; steps: unknown; version: number }): Template {
  return { id: r.id, name: r.name, audience: r.audience as Template['audience'], description: r.description, steps: r.steps as Template['steps'], version: r.version };
}

export async function listTemplates(db: Db, actor: Actor): Promise<Template[]> {
  return withActor(db, actor, async (trx) => {
    return (await repo.templates(trx, reachFilterFor(actor, templateRecord, 'pt.organisation_id', 't.path'))).map(toTemplate);
  });
}

const templateFor = (trx: Tx, actor: Actor, id: string, op: 'read' | 'write') => reach(trx, actor, templateRecord, id, op);

export async function createTemplate(db: Db, actor: Actor, input: { name: string; audience: string; description?: string | null; steps: Template['steps'] }): Promise<Template> {
  assertReach(actor, 'shared', 'write', ownOrg(actor), 'template');
  return withActor(db, actor, async (trx) => {
    const r = await repo.insertTemplate(trx, { organisation_id: actor.organisationId, name: input.name.trim(), audience: input.audience, description: input.description ?? null, steps: JSON.stringify(input.steps) });
    await audit(trx, actor, { action: 'template.create', recordType: 'template', recordId: r.id });
    return toTemplate(r);
  });
}

export async function updateTemplate(db: Db, actor: Actor, id: string, input: { version: number; name?: string; audience?: string; description?: string | null; steps?: Template['steps'] }): Promise<Template> {
  return withActor(db, actor, async (trx) => {
    const cur = await templateFor(trx, actor, id, 'write');
    const set: Record<string, unknown> = {};
    if (input.name !== undefined) set.name = input.name.trim();
    if (input.audience !== undefined) set.audience = input.audience;
    if (input.description !== undefined) set.description = input.description;
    if (input.steps !== undefined) set.steps = JSON.stringify(input.steps);
    const r = await repo.updateTemplate(trx, id, input.version, set);
    if (!r) throw conflict('template', cur.version, { current: toTemplate(cur) });
    await audit(trx, actor, { action: 'template.update', recordType: 'template', recordId: id, detail: { fields: Object.keys(set) } });
    return toTemplate(r);
  });
}

// ---- plans and steps -----------------------------------------------------------------------------
function addDays(days: number | null): string | null {
  if (days === null || days === undefined) return null;
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}

async function applyTo(trx: Tx, actor: Actor, personId: string, org: string, template: { id: string; steps: Template['steps'] }, isChild: boolean) {
  const steps = template.steps.filter((s) => s.for === 'all' || (s.for === 'child') === isChild);
  await repo.assignTemplate(trx, personId, org, template.id);
  const base = await repo.nextStepPosition(trx, personId);
  await repo.insertSteps(trx, steps.map((s, i) => ({
    person_id: personId, organisation_id: org, domain: s.domain, title: s.title, due_on: addDays(s.dueAfterDays), position: base + i, follow_up: s.followUp ?? false,
  })));
  await audit(trx, actor, { action: 'plan.apply_template', recordType: 'person', recordId: personId, detail: { templateId: template.id, steps: steps.length } });
}

function ageOf(birthYear: number, birthDate: string | null): number {
  const now = new Date();
  if (!birthDate) return now.getUTCFullYear() - birthYear;
  const [y, m, d] = birthDate.split('-').map(Number);
  return now.getUTCFullYear() - y - ((now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) ? 1 : 0);
}

export async function applyTemplateToPerson(db: Db, actor: Actor, personId: string, templateId: string): Promise<PersonDetail> {
  return withActor(db, actor, async (trx) => {
    const { owner, by } = await reach(trx, actor, personRecord, personId, 'write');
    const t = await templateFor(trx, actor, templateId, 'read');
    const p = await repo.birthOf(trx, personId);
    await applyTo(trx, actor, personId, owner.organisationId, t, ageOf(p.birth_year, p.birth_date) < ADULT_AGE);
    return detail(trx, personId, by);
  });
}

/** A family plan: every member gets the template's steps meant for them (adult or child). */
export async function applyTemplateToHousehold(db: Db, actor: Actor, householdId: string, templateId: string): Promise<{ people: number; steps: number }> {
  return withActor(db, actor, async (trx) => {
    const h = await reach(trx, actor, householdRecord, householdId, 'write');
    const t = await templateFor(trx, actor, templateId, 'read');
    const members = await repo.liveMembers(trx, householdId);
    let steps = 0;
    for (const m of members) {
      const child = ageOf(m.birth_year, m.birth_date) < ADULT_AGE;
      await applyTo(trx, actor, m.id, h.owner.organisationId, t, child);
      steps += t.steps.filter((s) => s.for === 'all' || (s.for === 'child') === child).length;
    }
    return { people: members.length, steps };
  });
}

export async function updatePlan(db: Db, actor: Actor, personId: string, input: { version?: number; goals?: string | null }) {
  return withActor(db, actor, async (trx) => {
    const { owner } = await reach(trx, actor, personRecord, personId, 'write');
    const cur = await repo.plan(trx, personId);
    if (!cur) {
      if (input.version !== undefined) throw conflict('plan', 0);
      // Two first writes at once: one creates the plan, the other is told it now exists (409).
      if (!(await repo.insertPlanIfAbsent(trx, personId, owner.organisationId, input.goals ?? null))) {
        const now = await repo.plan(trx, personId);
        throw conflict('plan', now?.version ?? 1, now ? { current: { templateId: now.template_id, goals: now.goals, version: now.version } } : {})
          .disclosing({ recordType: 'person', ids: now ? [personId] : [], purpose: 'plan_conflict' });
      }
    } else {
      if (input.version !== cur.version) {
        throw conflict('plan', cur.version, { current: { templateId: cur.template_id, goals: cur.goals, version: cur.version } })
          .disclosing({ recordType: 'person', ids: [personId], purpose: 'plan_conflict' });
      }
      await repo.updatePlanGoals(trx, personId, cur.version, input.goals ?? null);
    }
    await audit(trx, actor, { action: 'plan.update', recordType: 'person', recordId: personId });
    const p = (await repo.plan(trx, personId))!;
    return { templateId: p.template_id, goals: p.goals, version: p.version };
  });
}

async function checkResponsible(trx: Tx, id: string | null | undefined, path: string) {
  if (!id) return;
  if (!(await repo.organisationOf(trx, id))) throw invalid(path, 'validation.organisation_unknown');
}

export async function addStep(db: Db, actor: Actor, personId: string, input: NewStep): Promise<Step> {
  validDate(input.dueOn, 'body.dueOn');
  return withActor(db, actor, async (trx) => {
    const { owner } = await reach(trx, actor, personRecord, personId, 'write');
    await checkResponsible(trx, input.responsibleOrganisationId, 'body.responsibleOrganisationId');
    const [stepId] = await repo.insertSteps(trx, [{
      person_id: personId, organisation_id: owner.organisationId, domain: input.domain, title: input.title.trim(), due_on: input.dueOn ?? null,
      responsible_organisation_id: input.responsibleOrganisationId ?? null, notes: input.notes ?? null, position: await repo.nextStepPosition(trx, personId), follow_up: input.followUp ?? false,
    }]);
    await audit(trx, actor, { action: 'step.create', recordType: 'person', recordId: personId, detail: { stepId, domain: input.domain } });
    return toStep((await repo.steps(trx, personId)).find((s) => s.id === stepId)!);
  });
}

export async function updateStep(db: Db, actor: Actor, stepId: string, input: UpdateStep): Promise<Step> {
  validDate(input.dueOn, 'body.dueOn');
  return withActor(db, actor, async (trx) => {
    // Steps are visible only where their person is: an out-of-reach step is simply not found.
    const s = await repo.stepOwner(trx, stepId);
    if (!s) throw notFound('step');
    await reach(trx, actor, personRecord, s.person_id, 'write').catch(() => { throw notFound('step'); });
    if (s.version !== input.version) throw conflict('step', s.version);
    const status = input.status ?? s.status;
    if (status === 'stopped' && !(input.stopReason ?? '').trim()) throw invalid('body.stopReason', 'validation.stop_reason');
    await checkResponsible(trx, input.responsibleOrganisationId, 'body.responsibleOrganisationId');
    const set: Record<string, unknown> = {};
    if (input.title !== undefined) set.title = input.title.trim();
    if (input.dueOn !== undefined) set.due_on = input.dueOn;
    if (input.notes !== undefined) set.notes = input.notes;
    if (input.responsibleOrganisationId !== undefined) set.responsible_organisation_id = input.responsibleOrganisationId;
    if (input.status !== undefined && input.status !== s.status) {
      set.status = input.status;
      if (input.status === 'in_progress') set.started_on = today();
      if (input.status === 'done') set.done_on = today();
      set.stop_reason = input.status === 'stopped' ? input.stopReason!.trim() : null;
    } else if (input.stopReason !== undefined && status === 'stopped') set.stop_reason = input.stopReason;
    if (!(await repo.updateStep(trx, stepId, input.version, set))) throw conflict('step', s.version);
    await audit(trx, actor, { action: 'step.update', recordType: 'person', recordId: s.person_id, detail: { stepId, fields: Object.keys(set), status: set.status ?? null } });
    return toStep((await repo.steps(trx, s.person_id)).find((x) => x.id === stepId)!);
  });
}

// ---- people who arrive through an arrival notice -------------------------------------------------
export interface ArrivalRegistration {
  /** The receiving municipality. */
  organisationId: string;
  notice: { id: string; reference: string; procedure: Procedure };
  arrivedOn: string;
  /** Pseudonymous: placement carries no names. */
  households: Array<{ reference: string; ages: number[]; sexes: Array<'female' | 'male' | 'other' | 'unknown'>; languages: string[]; unaccompaniedMinor: boolean }>;
}

const arrivalSearchText = (a: { reference: string; householdReference: string | null }) => [normalise(a.reference), a.householdReference ? normalise(a.householdReference) : ''].filter(Boolean).join(' ');

/**
 * For reception, in its transaction (the arrival commits with its people or not at all): the
 * households of a notice that arrived become people of the municipality — ages as birth years, sex
 * when known, languages, the legal status the procedure gives (procedureStatus), the household with
 * its unaccompanied-minor flag — without names (placement is pseudonymous). Each is marked
 * identity_pending and linked to the notice ("AN-…, person 2 of 4"); the case worker completes the
 * identity later (PATCH /people/:id, with the duplicate check). Found by the notice's or the
 * household's reference. Every creation is audited.
 */
export async function receiveArrivals(trx: Tx, actor: Actor, input: ArrivalRegistration): Promise<{ people: string[]; households: string[] }> {
  const org = await repo.organisationOf(trx, input.organisationId);
  assertReach(actor, 'personal', 'write', org ? { organisationId: org.id, territoryPath: org.path } : undefined, 'person');
  const persons = input.households.reduce((n, h) => n + h.ages.length, 0);
  const year = Number(input.arrivedOn.slice(0, 4));
  const status = procedureStatus[input.notice.procedure];
  const people: string[] = [], households: string[] = [];
  let position = 0;
  for (const h of input.households) {
    const householdId = await repo.insertHousehold(trx, org!.id);
    households.push(householdId);
    // The oldest adult heads the household (an unaccompanied minor heads their own); the case worker corrects roles.
    const byAge = h.ages.map((age, i) => ({ age, i })).sort((a, b) => b.age - a.age || a.i - b.i);
    const head = (h.unaccompaniedMinor ? byAge[0] : byAge.find((x) => x.age >= ADULT_AGE) ?? byAge[0]).i;
    const locale = h.languages.find((l) => (locales as readonly string[]).includes(l)) ?? 'en';
    for (let i = 0; i < h.ages.length; i++) {
      position++;
      const personId = await repo.insertPerson(trx, {
        organisation_id: org!.id, household_id: householdId,
        household_role: i === head ? 'head' : h.ages[i] < ADULT_AGE && !h.unaccompaniedMinor ? 'child' : 'other',
        birth_date: null, birth_year: year - h.ages[i], sex: h.sexes[i] ?? 'unknown', nationalities: [],
        languages: JSON.stringify(h.languages.map((code) => ({ code, level: null }))), preferred_locale: locale,
        unaccompanied_minor: h.unaccompaniedMinor, identity_pending: true,
      });
      const arrival = { reference: input.notice.reference, householdReference: h.reference };
      await repo.insertIdentity(trx, { person_id: personId, organisation_id: org!.id, given_name: '', family_name: '', name_key: '', search_text: arrivalSearchText(arrival) });
      const linked = await repo.insertArrival(trx, { personId, organisationId: org!.id, noticeId: input.notice.id, noticeReference: input.notice.reference, position, persons, householdReference: h.reference, arrivedOn: input.arrivedOn });
      if (!linked) throw conflict('person', 0);
      await repo.insertLegalStatus(trx, { person_id: personId, organisation_id: org!.id, type_code: status, valid_from: input.arrivedOn, recorded_by: actor.id });
      await audit(trx, actor, { action: 'person.create_from_arrival', recordType: 'person', recordId: personId, detail: { noticeId: input.notice.id, reference: input.notice.reference, position, of: persons, householdId, legalStatus: status } });
      people.push(personId);
    }
  }
  return { people, households };
}

// ---- worklist and aggregates ------------------------------------------------------------------
export async function worklist(db: Db, actor: Actor, f: { kind?: string; purpose: string; limit: number; offset: number; asOf?: string }): Promise<Worklist> {
  validDate(f.asOf, 'querystring.asOf');
  assertReach(actor, 'personal', 'read', ownOrg(actor), 'person');
  return withActor(db, actor, async (trx) => {
    // Short indexed queries over row-level-security filters, without JIT; the alerts subtract
    // per-organisation sets as hashed anti-joins (memory for a large city's sets: repository).
    await repo.worklistSettings(trx);
    const { rows, counts } = await repo.worklist(trx, actor.organisationId, STATUS_ALERT_DAYS, SCHOOL_AGE, f.kind, f.limit, f.offset, f.asOf ?? today());
    await auditReads(trx, actor, 'person', [...new Set(rows.map((r) => r.person_id))], f.purpose, 'person.worklist');
    const c = { status_ending: counts.status_ending ?? 0, school_place: counts.school_place ?? 0, overdue_step: counts.overdue_step ?? 0, waiting_language: counts.waiting_language ?? 0 };
    return {
      items: rows.map((r) => ({
        kind: r.kind as Worklist['items'][number]['kind'], personId: r.person_id, givenName: r.given_name, familyName: r.family_name,
        identityPending: !!r.identity_pending, arrival: toArrival(r.arrival), stepId: r.step_id,
        domain: r.domain as Worklist['items'][number]['domain'], title: r.title, dueOn: r.due_on ? String(r.due_on).slice(0, 10) : null,
        statusType: r.status_type as Worklist['items'][number]['statusType'], endsOn: r.ends_on ? String(r.ends_on).slice(0, 10) : null, age: r.age,
      })),
      counts: c, total: f.kind ? (c as Record<string, number>)[f.kind] ?? 0 : c.status_ending + c.school_place + c.overdue_step + c.waiting_language,
    };
  });
}

/**
 * Counts only, never people: the municipality sees its own figures; regional, national and EU
 * levels those of every organisation in their territory. Erased people still count: erasure
 * removes identity, not the fact that someone was received (statistics stay right).
 */
export async function aggregate(db: Db, actor: Actor, territoryCode?: string, smallCellThreshold = 5): Promise<Aggregate> {
  assertRight(actor, 'aggregates.read');
  return withActor(db, actor, async (trx) => {
    let scopePath = actor.territoryPath, scopeCode = actor.territoryCode;
    if (territoryCode) {
      const t = await repo.territory(trx, territoryCode);
      if (!t) throw notFound('territory');
      if (!t.path.startsWith(actor.territoryPath)) throw notFound('territory');
      scopePath = t.path; scopeCode = t.code;
    }
    const municipal = actor.role === 'municipal_officer';
    const orgs = await repo.organisationsIn(trx, municipal ? { organisationId: actor.organisationId } : { pathPrefix: scopePath });
    const empty = { scope: { territoryCode: scopeCode, organisations: orgs.length }, people: 0, households: 0, byStatus: {}, byNationality: {}, alerts: { status_ending: 0, school_place: 0, overdue_step: 0, waiting_language: 0 }, suppressedBelow: null };
    if (!orgs.length) return empty;
    const result = await repo.platformLookup(trx, async () => {
      const counted = await repo.counts(trx, orgs);
      const alerts = { status_ending: 0, school_place: 0, overdue_step: 0, waiting_language: 0 } as Record<string, number>;
      for (const o of orgs.slice(0, 500)) {
        const w = await repo.worklistCounts(trx, o, STATUS_ALERT_DAYS, SCHOOL_AGE, today());
        for (const [k, n] of Object.entries(w)) alerts[k] = (alerts[k] ?? 0) + n;
      }
      return { ...counted, alerts };
    });
    await audit(trx, actor, { action: 'pathways.aggregate', recordType: 'territory', recordId: scopeCode, purpose: 'statistics' });
    // Small cells: below NUTS 3, a reader who may not see the people gets no count under the threshold
    // (a "2" in one municipality can point at a family). Zero stays zero: it identifies nobody.
    if (suppressSmallCells(actor, scopePath)) {
      const cell = (n: number) => (n > 0 && n < smallCellThreshold ? null : n);
      const cells = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, n]) => [k, cell(n)]));
      return { ...empty, people: cell(result.people), households: cell(result.households), byStatus: cells(result.byStatus), byNationality: cells(result.byNationality), alerts: cells(result.alerts) as Aggregate['alerts'], suppressedBelow: smallCellThreshold };
    }
    return { ...empty, ...result, alerts: result.alerts as Aggregate['alerts'], suppressedBelow: null };
  });
}

// ---- consents and referrals ------------------------------------------------------------------
export async function addConsent(db: Db, actor: Actor, personId: string, input: NewConsent): Promise<Consent[]> {
  validDate(input.givenOn, 'body.givenOn');
  if (input.givenOn > today()) throw invalid('body.givenOn', 'validation.past_date');
  if ((input.purpose === 'share_with_partner' || input.purpose === 'transfer') && !input.partnerOrganisationId) throw invalid('body.partnerOrganisationId', 'validation.required');
  return withActor(db, actor, async (trx) => {
    const { owner } = await reach(trx, actor, personRecord, personId, 'write');
    await checkResponsible(trx, input.partnerOrganisationId, 'body.partnerOrganisationId');
    // The same consent (purpose, partner) is recorded once while it is in force: concurrent
    // requests queue on the person and the later ones answer 409.
    await repo.lockPerson(trx, personId);
    if (await repo.activeConsentFor(trx, personId, input.purpose, input.partnerOrganisationId ?? null)) throw duplicate('consent', 'purpose');
    const consentId = await repo.insertConsent(trx, {
      person_id: personId, organisation_id: owner.organisationId, purpose: input.purpose, partner_organisation_id: input.partnerOrganisationId ?? null,
      given_on: input.givenOn, how: input.how, recorded_by: actor.id,
    });
    await audit(trx, actor, { action: 'consent.give', recordType: 'person', recordId: personId, detail: { consentId, purpose: input.purpose, partnerOrganisationId: input.partnerOrganisationId ?? null, how: input.how } });
    return (await repo.consents(trx, personId)).map(toConsent);
  });
}

/** Withdrawal ends the consent and every referral that rests on it: the partner stops seeing the person. */
export async function withdrawConsent(db: Db, actor: Actor, consentId: string): Promise<Consent[]> {
  return withActor(db, actor, async (trx) => {
    const c = await repo.consentOwner(trx, consentId);
    if (!c) throw notFound('consent');
    await reach(trx, actor, personRecord, c.person_id, 'write').catch(() => { throw notFound('consent'); });
    if (!c.withdrawn_on) {
      const referralsClosed = await repo.withdrawConsent(trx, consentId, today());
      await audit(trx, actor, { action: 'consent.withdraw', recordType: 'person', recordId: c.person_id, detail: { consentId, referralsClosed } });
    } else {
      // Nothing changes, but the answer still lists the person's consents: a read.
      await audit(trx, actor, { action: 'consent.withdraw', recordType: 'person', recordId: c.person_id, purpose: 'consent withdrawal', detail: { consentId, alreadyWithdrawn: true } });
    }
    return (await repo.consents(trx, c.person_id)).map(toConsent);
  });
}

/** For other modules: whether the person's own consent for a purpose that names no partner (job_matching, contact) is in force. */
export async function hasConsent(trx: Tx, personId: string, purpose: 'job_matching' | 'contact'): Promise<boolean> {
  return !!(await repo.activeConsentFor(trx, personId, purpose, null));
}

/** For other modules: the person record type, to reach a person through the gate. */
export { personRecord };

export async function createReferral(db: Db, actor: Actor, personId: string, input: NewReferral): Promise<Referral> {
  return withActor(db, actor, async (trx) => {
    const { owner } = await reach(trx, actor, personRecord, personId, 'write');
    const partner = await repo.organisationOf(trx, input.partnerOrganisationId);
    if (!partner) throw invalid('body.partnerOrganisationId', 'validation.organisation_unknown');
    if (!['ngo', 'employer', 'training_provider'].includes(partner.kind)) throw invalid('body.partnerOrganisationId', 'validation.not_a_partner');
    const consent = await repo.latestConsentFor(trx, personId, 'share_with_partner', partner.id);
    if (!consent) {
      throw new AppError(422, 'consent_required', { partner: partner.name }, [{ path: 'body.partnerOrganisationId', key: 'validation.consent_required' }]);
    }
    if (input.stepId) {
      if (!(await repo.stepOfPerson(trx, input.stepId, personId))) throw invalid('body.stepId', 'validation.invalid');
    }
    const referralId = await repo.insertReferral(trx, {
      person_id: personId, organisation_id: owner.organisationId, partner_organisation_id: partner.id, consent_id: consent.id,
      step_id: input.stepId ?? null, shares: [...new Set(input.shares)], note: input.note ?? null,
    });
    await audit(trx, actor, { action: 'referral.create', recordType: 'person', recordId: personId, detail: { referralId, partnerOrganisationId: partner.id, shares: input.shares, consentId: consent.id } });
    return toReferral((await repo.referrals(trx, { id: referralId }))[0]);
  }).catch((e) => (e instanceof AppError && e.code === 'consent_required'
    ? auditRefusal(db, actor, e, { action: 'referral.refused', recordType: 'person', recordId: personId, detail: { partnerOrganisationId: input.partnerOrganisationId, reason: 'no_consent' } })
    : Promise.reject(e)));
}

async function referralView(trx: Tx, r: Awaited<ReturnType<typeof repo.referrals>>[number]): Promise<ReferralView> {
  const shares = new Set(r.shares);
  const p = await repo.personRow(trx, r.person_id);
  const person: ReferralView['person'] = {};
  if (p) {
    if (shares.has('name')) { person.givenName = p.given_name; person.familyName = p.family_name; }
    if (shares.has('contact')) { person.phone = p.phone; person.email = p.email; }
    if (shares.has('languages')) person.languages = p.languages as ReferralView['person']['languages'];
    if (shares.has('birth_year')) person.birthYear = p.birth_year;
    if (shares.has('legal_status')) person.legalStatus = (p.status as ReferralView['person']['legalStatus']) ?? null;
  }
  let step: ReferralView['step'] = null;
  if (shares.has('step') && r.step_id) {
    const s = await repo.stepSummary(trx, r.step_id);
    if (s) step = { domain: s.domain as Step['domain'], title: s.title, dueOn: s.due_on };
  }
  return { id: r.id, status: r.status as ReferralView['status'], shares: r.shares as ReferralView['shares'], from: { id: r.organisation_id, name: r.from_name }, createdAt: iso(r.created_at), version: r.version, person, step, note: r.note };
}

/** A partner's incoming referrals (only what each shares); staff see their organisation's outgoing ones. */
export async function listReferrals(db: Db, actor: Actor, purpose: string): Promise<{ items: ReferralView[] }> {
  if (!has(actor, 'referrals.receive')) throw forbidden();
  return withActor(db, actor, async (trx) => {
    const rows = (await repo.referrals(trx, { partnerId: actor.organisationId })).filter((r) => r.status !== 'closed');
    const items: ReferralView[] = [];
    for (const r of rows) {
      const owner = await repo.personOwner(trx, r.person_id);
      if (!owner || owner.erased || !owner.sharedWith?.includes(actor.organisationId)) continue;
      assertReach(actor, 'referral', 'read', owner, 'referral');
      items.push(await referralView(trx, r));
    }
    await auditReads(trx, actor, 'person', rows.map((r) => r.person_id), purpose, 'referral.read');
    return { items };
  });
}

export async function getReferral(db: Db, actor: Actor, id: string, purpose: string): Promise<ReferralView> {
  return withActor(db, actor, async (trx) => {
    const r = (await repo.referrals(trx, { id }))[0];
    const owner = r ? await repo.personOwner(trx, r.person_id) : undefined;
    // Partners through the referral; the referring organisation's staff through their own reach.
    const ok = !!r && !!owner && !owner.erased && r.status !== 'closed' && r.partner_organisation_id === actor.organisationId && has(actor, 'referrals.receive');
    if (!ok) {
      if (!(r && owner && !owner.erased && reachedBy(actor, 'personal', 'read', owner))) throw notFound('referral');
    } else assertReach(actor, 'referral', 'read', owner, 'referral');
    await audit(trx, actor, { action: 'referral.read', recordType: 'person', recordId: r.person_id, purpose });
    return referralView(trx, r);
  });
}

export async function updateReferral(db: Db, actor: Actor, id: string, input: { version: number; status: 'accepted' | 'closed' }): Promise<ReferralView> {
  return withActor(db, actor, async (trx) => {
    const r = (await repo.referrals(trx, { id }))[0];
    const owner = r ? await repo.personOwner(trx, r.person_id) : undefined;
    const partnerSide = !!r && !!owner && r.partner_organisation_id === actor.organisationId && has(actor, 'referrals.receive');
    const staffSide = !!r && !!owner && reachedBy(actor, 'personal', 'write', owner) === 'role';
    if (!r || !owner || owner.erased || r.status === 'closed' || !(partnerSide || staffSide)) throw notFound('referral');
    if (partnerSide) assertReach(actor, 'referral', 'read', owner, 'referral');
    if (!(await repo.setReferralStatus(trx, id, input.version, input.status))) throw conflict('referral', r.version);
    await audit(trx, actor, { action: `referral.${input.status}`, recordType: 'person', recordId: r.person_id, detail: { referralId: id } });
    const fresh = (await repo.referrals(trx, { id }))[0];
    return referralView(trx, fresh);
  });
}

// ---- moving a household to another municipality -----------------------------------------------
/**
 * Hands a household over to another municipality (relocation, family reunification). Every adult
 * member must have an active 'transfer' consent naming the receiving municipality; children follow
 * their parents. The handover is audited on both sides (the audit rows carry each organisation).
 */
export async function transferHousehold(db: Db, actor: Actor, householdId: string, input: { toOrganisationId: string; reason?: string | null }) {
  return withActor(db, actor, async (trx) => {
    const h = await reach(trx, actor, householdRecord, householdId, 'write');
    const to = await repo.organisationOf(trx, input.toOrganisationId);
    if (!to || to.kind !== 'municipality') throw invalid('body.toOrganisationId', 'validation.not_a_municipality');
    if (to.id === h.owner.organisationId) throw invalid('body.toOrganisationId', 'validation.invalid');
    const members = await repo.liveMembers(trx, householdId);
    for (const m of members) {
      if (ageOf(m.birth_year, m.birth_date) < ADULT_AGE) continue;
      if (!(await repo.latestConsentFor(trx, m.id, 'transfer', to.id))) {
        throw new AppError(422, 'consent_required', { partner: to.name }, [{ path: 'body.toOrganisationId', key: 'validation.consent_required' }]);
      }
    }
    const ids = members.map((m) => m.id);
    await repo.grant(trx, [householdId, ...ids]);
    await repo.moveHousehold(trx, householdId, ids, to.id);
    await audit(trx, actor, { action: 'household.transfer_out', recordType: 'household', recordId: householdId, detail: { to: to.id, people: ids } });
    // The receiving side's own record of the handover (its organisation on the audit row).
    await audit(trx, actor, { action: 'household.transfer_in', onBehalfOf: to.id, recordType: 'household', recordId: householdId, detail: { from: h.owner.organisationId, people: ids } });
    return { householdId, organisationId: to.id, people: ids.length };
  });
}

// ---- the person's rights: export (Art. 15, 20), erasure (Art. 17), retention --------------------
export async function exportPerson(db: Db, actor: Actor, id: string, purpose: string, subjectRequest = false) {
  return withActor(db, actor, async (trx) => {
    const { by } = await reach(trx, actor, personRecord, id, 'read', { subjectRequest: subjectRequest || actor.role === 'dpo', auditedAs: 'person.export' });
    const d = await detail(trx, id, by);
    // Who read the record and why: the person has a right to know (Art. 15(1)(c)).
    const accesses = await repo.platformLookup(trx, () => auditLog.entriesAbout(trx, 'person', id, 5000));
    // What other modules hold about the person (a skills profile, …), read in the same audited export.
    const more = await exportPersonData(trx, id);
    await audit(trx, actor, { action: 'person.export', recordType: 'person', recordId: id, purpose });
    return {
      generatedAt: new Date().toISOString(), controller: d.organisation, language: d.preferredLocale,
      person: d, ...more,
      accesses: accesses.map((a) => ({ at: iso(a.at), action: a.action, organisationId: a.organisation_id, purpose: a.purpose, outcome: a.outcome })),
    };
  });
}

/** How the people may be named in free text elsewhere: each name as written and in Latin letters. */
async function personNames(trx: Tx, ids: string[]): Promise<string[]> {
  const rows = await repo.identityNames(trx, ids);
  return rows.flatMap((r) => [r.given_name, r.family_name, r.other_names ?? ''])
    .flatMap((n) => [n.trim(), ...latinForms(n)]).filter((n) => n.length >= 3);
}

/** Anonymises people in place: see the header of migration 0003. Returns how many were erased. */
async function anonymise(trx: Tx, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  await repo.platformLookup(trx, () => dupRepo.deleteDuplicateReviewsOf(trx, ids));
  await repo.anonymise(trx, ids);
  // What other modules hold about them (a skills profile, …) goes in the same transaction.
  await erasePersonData(trx, ids);
  // Every column a manifest declares as a person's free text, in whichever module (platform/erasure.ts).
  await redactPersonalText(trx, ids);
  return ids.length;
}

export async function erasePerson(db: Db, actor: Actor, id: string, reason: string) {
  return withActor(db, actor, async (trx) => {
    const { by } = await reach(trx, actor, personRecord, id, 'write', { subjectRequest: true });
    const names = await personNames(trx, [id]);
    await anonymise(trx, [id]);
    await audit(trx, actor, { action: 'person.erase', recordType: 'person', recordId: id, purpose: 'erasure', detail: { reachedBy: by }, text: { reason } });
    // Last: the audit log's texts about the person (this erasure's reason included), and any that name them.
    await eraseAuditTexts(trx, { personIds: [id], names });
    return { erased: 1 };
  });
}

export async function eraseHousehold(db: Db, actor: Actor, householdId: string, reason: string) {
  return withActor(db, actor, async (trx) => {
    const h = await reach(trx, actor, householdRecord, householdId, 'write', { subjectRequest: true });
    const live = await repo.liveMembers(trx, householdId);
    const names = await personNames(trx, live.map((p) => p.id));
    const n = await anonymise(trx, live.map((p) => p.id));
    for (const p of live) await audit(trx, actor, { action: 'person.erase', recordType: 'person', recordId: p.id, purpose: 'erasure', detail: { householdId }, text: { reason } });
    await audit(trx, actor, { action: 'household.erase', recordType: 'household', recordId: householdId, purpose: 'erasure', detail: { people: n, owner: h.owner.organisationId }, text: { reason } });
    await eraseAuditTexts(trx, { personIds: live.map((p) => p.id), householdIds: [householdId], names });
    return { erased: n };
  });
}

export async function closeCase(db: Db, actor: Actor, id: string, closed: boolean) {
  return withActor(db, actor, async (trx) => {
    const { by } = await reach(trx, actor, personRecord, id, 'write');
    await repo.setClosed(trx, id, closed);
    await audit(trx, actor, { action: closed ? 'person.close' : 'person.reopen', recordType: 'person', recordId: id });
    return detail(trx, id, by);
  });
}

/** The retention job: anonymises every case closed longer than `days` ago. The platform's own act. */
export async function runRetention(db: Db, days: number, opts: { dryRun?: boolean } = {}): Promise<{ due: number; erased: number }> {
  return asSystem(db, async (trx) => {
    const due = await repo.closedBefore(trx, days);
    if (opts.dryRun) return { due: due.length, erased: 0 };
    const names = await personNames(trx, due.map((d) => d.id));
    const n = await anonymise(trx, due.map((d) => d.id));
    for (const d of due) await audit(trx, null, { action: 'person.erase', recordType: 'person', recordId: d.id, purpose: 'retention', detail: { retentionDays: days } });
    await audit(trx, null, { action: 'retention.run', detail: { retentionDays: days, erased: n } });
    await eraseAuditTexts(trx, { personIds: due.map((d) => d.id), names });
    return { due: due.length, erased: n };
  });
}

/** Every break of the glass, for the DPO: who, when, whose record, and the reason they gave. */
export async function breakGlassEvents(db: Db, actor: Actor, limit: number) {
  assertRight(actor, 'audit.read');
  return withActor(db, actor, async (trx) => {
    const rows = await auditLog.entriesWithAction(trx, 'person.break_glass', limit);
    await audit(trx, actor, { action: 'audit.search', recordType: 'audit_log', purpose: 'break-the-glass review' });
    return { items: rows.map((r) => ({ at: iso(r.at), actorEmail: r.actor_email, organisationId: r.organisation_id, personId: r.record_id, reason: r.purpose, outcome: r.outcome })) };
  });
}

export * from './service-transition.ts';
// ---- activities that count, for funding indicators (service-activities.ts) ----------------------
export { activityCounts, activityParticipants, type ActivityCell, type ActivitySelector } from './service-activities.ts';
