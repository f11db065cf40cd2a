// SQL of the skills module: ESCO search and look-ups (reference data), and the skills profile
// (personal tables under row-level security; the gate decides before any of these run).
import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/context.ts';
import { platformLookup } from '../../platform/rls.ts';
import { escapeLike, tablesOf } from '../../platform/sql.ts';
import type { OfferTable, RecognitionCaseTable } from './schema.ts';

/** The tables this repository may touch: its module's own, and those it joins for names, places and owners. */
const own = tablesOf<'isco_groups' | 'esco_occupations' | 'esco_skills' | 'esco_labels' | 'esco_occupation_skills' | 'skill_profiles' | 'skill_profile_education'
  | 'skill_profile_experience' | 'skill_profile_skills' | 'skill_profile_languages' | 'recognition_bodies' | 'recognition_cases' | 'recognition_documents'
  | 'offers' | 'offer_skills' | 'organisations' | 'territories'>();

/** Occupations by ISCO-08 group or ESCO code prefix ("7212", "7212.1"). */
export async function occupationsByCode(trx: Tx, code: string, limit: number) {
  return own(trx).selectFrom('esco_occupations').select(['id', 'isco', 'code', 'label_en', 'label_fr'])
    .where((eb) => eb.or([eb('isco', 'like', `${escapeLike(code)}%`), eb('code', 'like', `${escapeLike(code)}%`)]))
    .orderBy('code').limit(limit).execute();
}

/** Preferred labels of these concepts in one language (missing where ESCO has none in it). */
export async function preferredLabels(trx: Tx, ids: readonly string[], lang: string): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await own(trx).selectFrom('esco_labels').select(['concept_id', 'label']).where('preferred', '=', true).where('lang', '=', lang)
    .where('concept_id', 'in', ids).orderBy('concept_id').orderBy('label').execute();
  const m = new Map<string, string>();
  for (const r of rows) if (!m.has(r.concept_id)) m.set(r.concept_id, r.label);
  return m;
}

export async function occupations(trx: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return own(trx).selectFrom('esco_occupations').select(['id', 'isco', 'code', 'label_en', 'label_fr']).where('id', 'in', ids).execute();
}

export async function skills(trx: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return own(trx).selectFrom('esco_skills').select(['id', 'type', 'label_en']).where('id', 'in', ids).execute();
}

export async function iscoGroup(trx: Tx, code: string) {
  return own(trx).selectFrom('isco_groups').select(['code', 'label_en', 'label_fr']).where('code', '=', code).executeTakeFirst();
}

export async function occupationSkills(trx: Tx, occupationId: string) {
  return own(trx).selectFrom('esco_occupation_skills as l').innerJoin('esco_skills as s', 's.id', 'l.skill_id')
    .select(['s.id', 's.type', 's.label_en', 'l.essential']).where('l.occupation_id', '=', occupationId).orderBy('s.label_en').execute();
}

// ---- the skills profile ----------------------------------------------------------------------------
export async function profile(trx: Tx, personId: string) {
  const p = await own(trx).selectFrom('skill_profiles').selectAll().where('person_id', '=', personId).executeTakeFirst();
  if (!p) return undefined;
  const [education, experience, skills, languages] = await Promise.all([
    own(trx).selectFrom('skill_profile_education').selectAll().where('person_id', '=', personId).orderBy('position').execute(),
    own(trx).selectFrom('skill_profile_experience').selectAll().where('person_id', '=', personId).orderBy('position').execute(),
    own(trx).selectFrom('skill_profile_skills').selectAll().where('person_id', '=', personId).orderBy('skill_id').execute(),
    own(trx).selectFrom('skill_profile_languages').selectAll().where('person_id', '=', personId).orderBy('code').execute(),
  ]);
  return { ...p, education, experience, skills, languages };
}

export async function profileVersion(trx: Tx, personId: string): Promise<number> {
  const r = await own(trx).selectFrom('skill_profiles').select('version').where('person_id', '=', personId).forUpdate().executeTakeFirst();
  return r?.version ?? 0;
}

export interface ProfileRows {
  drivingLicences: string[];
  education: Array<{ iscedLevel: number; iscedField: string | null; country: string | null; title: string | null; completedYear: number | null; documents: string }>;
  experience: Array<{ occupationId: string; years: number; country: string | null }>;
  skills: Array<{ skillId: string; shown: string }>;
  languages: Array<{ code: string; level: string }>;
}

/** Replaces the whole profile (one transaction: the caller's). */
export async function replaceProfile(trx: Tx, personId: string, organisationId: string, version: number, p: ProfileRows) {
  if (version === 0) {
    await own(trx).insertInto('skill_profiles').values({ person_id: personId, organisation_id: organisationId, driving_licences: p.drivingLicences }).execute();
  } else {
    await own(trx).updateTable('skill_profiles').set({ organisation_id: organisationId, driving_licences: p.drivingLicences, updated_at: sql`now()`, version: sql`version + 1` })
      .where('person_id', '=', personId).execute();
  }
  for (const t of ['skill_profile_education', 'skill_profile_experience', 'skill_profile_skills', 'skill_profile_languages'] as const) {
    await own(trx).deleteFrom(t).where('person_id', '=', personId).execute();
  }
  const whose = { person_id: personId, organisation_id: organisationId };
  if (p.education.length) await own(trx).insertInto('skill_profile_education').values(p.education.map((e, i) => ({ ...whose, position: i, isced_level: e.iscedLevel, isced_field: e.iscedField, country: e.country, title: e.title, completed_year: e.completedYear, documents: e.documents }))).execute();
  if (p.experience.length) await own(trx).insertInto('skill_profile_experience').values(p.experience.map((e, i) => ({ ...whose, position: i, occupation_id: e.occupationId, years: e.years, country: e.country }))).execute();
  if (p.skills.length) await own(trx).insertInto('skill_profile_skills').values(p.skills.map((s) => ({ ...whose, skill_id: s.skillId, shown: s.shown }))).execute();
  if (p.languages.length) await own(trx).insertInto('skill_profile_languages').values(p.languages.map((l) => ({ ...whose, code: l.code, level: l.level }))).execute();
}

/** Erasure: everything the module holds about these people. */
export async function deleteProfiles(trx: Tx, personIds: readonly string[]) {
  for (const t of ['recognition_documents', 'recognition_cases', 'skill_profile_education', 'skill_profile_experience', 'skill_profile_skills', 'skill_profile_languages', 'skill_profiles'] as const) {
    await own(trx).deleteFrom(t).where('person_id', 'in', personIds).execute();
  }
}

// ---- recognition of qualifications ----------------------------------------------------------------
export async function recognitionBodies(trx: Tx, country?: string) {
  let q = own(trx).selectFrom('recognition_bodies').select(['id', 'country', 'kind', 'name', 'host', 'url', 'notes']);
  if (country) q = q.where('country', '=', country);
  return q.orderBy('country').orderBy('kind').execute();
}

export async function recognitionBody(trx: Tx, id: string) {
  return own(trx).selectFrom('recognition_bodies').select(['id', 'country', 'kind', 'name', 'host', 'url', 'notes']).where('id', '=', id).executeTakeFirst();
}

/** The owner of a case, for the gate (row-level security lifted for this lookup only). */
export async function recognitionOwner(trx: Tx, id: string) {
  return platformLookup(trx, () => own(trx).selectFrom('recognition_cases as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['c.organisation_id', 't.path', 'c.person_id']).where('c.id', '=', id).executeTakeFirst());
}

export async function insertTestRecognition(trx: Tx, personId: string, organisationId: string): Promise<string> {
  const r = await own(trx).insertInto('recognition_cases').values({ person_id: personId, organisation_id: organisationId, body_id: 'SE-academic', qualification: 'Gate test', started_on: '2026-01-01' })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

const caseColumns = ['c.id', 'c.person_id', 'c.body_id', 'c.qualification', 'c.origin_country', 'c.occupation_id', 'c.status', 'c.compensation', 'c.decision', 'c.version',
  sql<string>`c.started_on::text`.as('started_on'), sql<string | null>`c.documents_due_on::text`.as('documents_due_on'), sql<string | null>`c.submitted_on::text`.as('submitted_on'),
  sql<string | null>`c.decision_due_on::text`.as('decision_due_on'), sql<string | null>`c.decided_on::text`.as('decided_on')] as const;

export async function recognitions(trx: Tx, where: { personId?: string; id?: string }) {
  let q = own(trx).selectFrom('recognition_cases as c').select([...caseColumns]);
  if (where.personId) q = q.where('c.person_id', '=', where.personId);
  if (where.id) q = q.where('c.id', '=', where.id);
  return q.orderBy('c.started_on', 'desc').orderBy('c.id').execute();
}

export async function recognitionDocuments(trx: Tx, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  return own(trx).selectFrom('recognition_documents').select(['case_id', 'kind', sql<string | null>`submitted_on::text`.as('submitted_on')]).where('case_id', 'in', caseIds).orderBy('kind').execute();
}

/** Open cases of one organisation whose documents or decision are past their due date. */
export async function overdueRecognitions(trx: Tx, organisationId: string, today: string, limit: number) {
  return own(trx).selectFrom('recognition_cases as c').select([...caseColumns])
    .where('c.organisation_id', '=', organisationId)
    .where((eb) => eb.or([
      eb.and([eb('c.status', '=', 'preparing'), eb('c.documents_due_on', '<', today)]),
      eb.and([eb('c.status', '=', 'submitted'), eb('c.decision_due_on', '<', today)]),
    ]))
    .orderBy(sql`coalesce(c.decision_due_on, c.documents_due_on)`).limit(limit).execute();
}

// ---- offers and matching -----------------------------------------------------------------------------
export async function offers(trx: Tx, where: { ids?: readonly string[]; organisationId?: string; openOn?: string; kind?: string; limit?: number }) {
  let q = own(trx).selectFrom('offers as o')
    .innerJoin('organisations as g', 'g.id', 'o.organisation_id')
    .innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['o.id', 'o.kind', 'o.title', 'o.occupation_id', 'o.territory_code', 't.name as territory_name', 't.lon', 't.lat', 'o.hours_per_week', 'o.language_code', 'o.language_level',
      'o.organisation_id', 'g.name as publisher', 'o.closed_at', 'o.version',
      sql<string | null>`o.starts_on::text`.as('starts_on'), sql<string>`o.closes_on::text`.as('closes_on')]);
  if (where.ids) { if (!where.ids.length) return []; q = q.where('o.id', 'in', where.ids); }
  if (where.organisationId) q = q.where('o.organisation_id', '=', where.organisationId);
  if (where.kind) q = q.where('o.kind', '=', where.kind);
  if (where.openOn) q = q.where('o.closed_at', 'is', null).where('o.closes_on', '>=', where.openOn);
  return q.orderBy('o.closes_on').orderBy('o.id').limit(where.limit ?? 1000).execute();
}

export async function offerSkills(trx: Tx, offerIds: readonly string[]) {
  if (!offerIds.length) return [];
  return own(trx).selectFrom('offer_skills as os').innerJoin('esco_skills as s', 's.id', 'os.skill_id')
    .select(['os.offer_id', 'os.skill_id', 'os.essential', 's.label_en']).where('os.offer_id', 'in', offerIds).execute();
}

/** Open job offers that share a skill, the occupation or its ISCO-08 unit group with a profile. */
export async function jobOffersFor(trx: Tx, skillIds: readonly string[], occupationIds: readonly string[], today: string, limit: number): Promise<string[]> {
  if (!skillIds.length && !occupationIds.length) return [];
  const rows = await own(trx).selectFrom('offers as o').select('o.id')
    .where('o.kind', '=', 'job').where('o.closed_at', 'is', null).where('o.closes_on', '>=', today)
    .where((eb) => eb.or([
      ...(skillIds.length ? [eb.exists(eb.selectFrom('offer_skills as os').select('os.offer_id').whereRef('os.offer_id', '=', 'o.id').where('os.skill_id', 'in', skillIds))] : []),
      ...(occupationIds.length ? [eb('o.occupation_id', 'in', eb.selectFrom('esco_occupations as x').select('x.id')
        .where('x.isco', 'in', eb.selectFrom('esco_occupations as y').select('y.isco').where('y.id', 'in', occupationIds)))] : []),
    ]))
    .limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Open training and language offers that teach these skills. */
export async function trainingFor(trx: Tx, skillIds: readonly string[], today: string) {
  if (!skillIds.length) return [];
  return own(trx).selectFrom('offer_skills as os').innerJoin('offers as o', 'o.id', 'os.offer_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['os.skill_id', 'o.id', 'o.title', 't.name', 't.lon', 't.lat'])
    .where('o.kind', 'in', ['training', 'language_course']).where('o.closed_at', 'is', null).where('o.closes_on', '>=', today)
    .where('os.skill_id', 'in', skillIds).orderBy('o.closes_on').execute();
}

/** Where an organisation sits (its territory's centre): a person's municipality for distances. */
export async function organisationPlace(trx: Tx, organisationId: string) {
  return own(trx).selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['t.lon', 't.lat']).where('o.id', '=', organisationId).executeTakeFirst();
}

/** People of an organisation whose profile shares a skill or an ISCO-08 unit group with an offer. */
export async function candidatesFor(trx: Tx, organisationId: string, skillIds: readonly string[], occupationId: string | null, limit: number): Promise<string[]> {
  const rows = await own(trx).selectFrom('skill_profiles as p').select('p.person_id')
    .where('p.organisation_id', '=', organisationId)
    .where((eb) => eb.or([
      ...(skillIds.length ? [eb.exists(eb.selectFrom('skill_profile_skills as s').select('s.person_id').whereRef('s.person_id', '=', 'p.person_id').where('s.skill_id', 'in', skillIds))] : []),
      ...(occupationId ? [eb.exists(eb.selectFrom('skill_profile_experience as e').innerJoin('esco_occupations as x', 'x.id', 'e.occupation_id').select('e.person_id')
        .whereRef('e.person_id', '=', 'p.person_id').where('x.isco', '=', eb.selectFrom('esco_occupations as y').select('y.isco').where('y.id', '=', occupationId)))] : []),
      eb.val(false),
    ]))
    .limit(limit).execute();
  return rows.map((r) => r.person_id);
}

/** The matching view of several profiles at once: skills, experience with ISCO groups, languages. */
export async function matchProfiles(trx: Tx, personIds: readonly string[]) {
  if (!personIds.length) return { skills: [], experience: [], languages: [] };
  const [skills, experience, languages] = await Promise.all([
    own(trx).selectFrom('skill_profile_skills').select(['person_id', 'skill_id']).where('person_id', 'in', personIds).execute(),
    own(trx).selectFrom('skill_profile_experience as e').innerJoin('esco_occupations as x', 'x.id', 'e.occupation_id')
      .select(['e.person_id', 'e.occupation_id', 'e.years', 'x.isco', 'x.label_en']).where('e.person_id', 'in', personIds).execute(),
    own(trx).selectFrom('skill_profile_languages').select(['person_id', 'code', 'level']).where('person_id', 'in', personIds).execute(),
  ]);
  return { skills, experience, languages };
}

export async function municipality(trx: Tx, code: string) {
  return own(trx).selectFrom('territories').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
}

export async function insertRecognition(trx: Tx, values: Insertable<RecognitionCaseTable>): Promise<string> {
  return (await own(trx).insertInto('recognition_cases').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function replaceRecognitionDocuments(trx: Tx, caseId: string, personId: string, organisationId: string, docs: ReadonlyArray<{ kind: string; submittedOn: string | null }>) {
  await own(trx).deleteFrom('recognition_documents').where('case_id', '=', caseId).execute();
  if (docs.length) await own(trx).insertInto('recognition_documents').values(docs.map((d) => ({ case_id: caseId, person_id: personId, organisation_id: organisationId, kind: d.kind, submitted_on: d.submittedOn }))).execute();
}

export async function updateRecognition(trx: Tx, id: string, set: { documents_due_on: string | null; submitted_on: string | null; decision_due_on: string | null; decision: string | null; compensation: string[]; decided_on: string | null; status: string }) {
  await own(trx).updateTable('recognition_cases').set({ ...set, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute();
}

export async function insertOffer(trx: Tx, values: Insertable<OfferTable>, essential: readonly string[], optional: readonly string[]): Promise<string> {
  const o = await own(trx).insertInto('offers').values(values).returning('id').executeTakeFirstOrThrow();
  const skills = [...essential.map((id) => ({ offer_id: o.id, skill_id: id, essential: true })), ...optional.map((id) => ({ offer_id: o.id, skill_id: id, essential: false }))];
  if (skills.length) await own(trx).insertInto('offer_skills').values(skills).execute();
  return o.id;
}

export async function closeOffer(trx: Tx, id: string) {
  await own(trx).updateTable('offers').set({ closed_at: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute();
}

/** Every label in rank order (preferred first, shorter first): the source of the search index. */
export async function labelsInRankOrder(db: Db) {
  return own(db).selectFrom('esco_labels').select(['kind', 'concept_id', 'lang', 'preferred', 'label', 'search_key'])
    .orderBy('preferred', 'desc').orderBy(sql`length(label)`).orderBy('concept_id').orderBy('lang').orderBy('label').execute();
}
