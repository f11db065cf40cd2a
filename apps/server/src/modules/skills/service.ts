// Skills and work: ESCO search as you type, an occupation with its essential skills, and the
// skills profile of a person (reached through the gate, every read audited with its purpose).
import { todayIso, type EscoHit, type EscoKind, type EscoLanguage, type EscoOccupation, type NewOffer, type Offer, type OfferMatch, type CandidateMatch, type NewRecognition, type Recognition, type RecognitionBody, type SkillProfile, type UpdateRecognition, type UpdateSkillProfile } from '@localpact/contracts';
import { assertReach, assertRight, type Actor } from '../../platform/access.ts';
import { audit, auditReads } from '../../platform/audit.ts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { reach } from '../../platform/gate.ts';
import { hasConsent } from '../pathways/service.ts';
import * as repo from './repository.ts';
import { distanceKm, FAR_KM, score, type MatchOffer, type MatchPerson } from './matching.ts';
import { profileRecord, recognitionRecord } from './records.ts';
import { queryWords } from './search-key.ts';
import { escoIndex, searchIndex, type LabelHit } from './search-index.ts';

const kindOf = (k: string): EscoKind => (k === 'o' ? 'occupation' : 'skill');

/** Occupations and skills by any label in any vendored language, or occupations by ISCO/ESCO code. */
export async function search(db: Db, actor: Actor, q: { q: string; kind?: EscoKind; lang?: EscoLanguage; limit: number }): Promise<EscoHit[]> {
  const lang = q.lang ?? 'en';
  const ix = await escoIndex(db);
  return withActor(db, actor, (trx) => searchIn(trx, ix, q.q, q.kind, lang, q.limit));
}

async function searchIn(trx: Tx, ix: Awaited<ReturnType<typeof escoIndex>>, text: string, kind: EscoKind | undefined, lang: EscoLanguage, limit: number): Promise<EscoHit[]> {
  const code = text.trim();
  if (/^\d[\d.]*$/.test(code)) {
    if (kind === 'skill') return [];
    const rows = await repo.occupationsByCode(trx, code, limit);
    const names = lang === 'en' || lang === 'fr' ? null : await repo.preferredLabels(trx, rows.map((r) => r.id), lang);
    return rows.map((r) => ({ kind: 'occupation' as const, id: r.id, label: names?.get(r.id) ?? (lang === 'fr' ? r.label_fr : r.label_en), matched: null, matchedLang: lang, isco: r.isco, code: r.code, skillType: null }));
  }
  const words = queryWords(text);
  if (!words.length) return [];
  // Several labels of one concept may match (alternatives, languages): keep the best per concept.
  const labels = searchIndex(ix, words, kind === 'occupation' ? 'o' : kind === 'skill' ? 's' : undefined, limit * 8);
  const best = new Map<string, LabelHit>();
  for (const l of labels) if (!best.has(l.concept_id)) best.set(l.concept_id, l);
  const hits = [...best.values()].slice(0, limit);
  const ids = hits.map((h) => h.concept_id);
  const [names, occ, sk] = await Promise.all([
    repo.preferredLabels(trx, ids, lang),
    repo.occupations(trx, hits.filter((h) => h.kind === 'o').map((h) => h.concept_id)),
    repo.skills(trx, hits.filter((h) => h.kind === 's').map((h) => h.concept_id)),
  ]);
  const occById = new Map(occ.map((o) => [o.id, o]));
  const skById = new Map(sk.map((s) => [s.id, s]));
  return hits.map((h) => {
    const o = occById.get(h.concept_id);
    const s = skById.get(h.concept_id);
    const label = names.get(h.concept_id) ?? o?.label_en ?? s?.label_en ?? h.label;
    return {
      kind: kindOf(h.kind), id: h.concept_id, label, matched: h.label === label ? null : h.label, matchedLang: h.lang as EscoLanguage,
      isco: o?.isco ?? null, code: o?.code ?? null, skillType: s?.type ?? null,
    };
  });
}

/** An occupation with its ISCO-08 group and the skills ESCO calls essential for it. */
export async function occupation(db: Db, actor: Actor, id: string, lang: EscoLanguage = 'en'): Promise<EscoOccupation> {
  return withActor(db, actor, async (trx) => {
    const [o] = await repo.occupations(trx, [id]);
    if (!o) throw notFound('occupation');
    const [links, group] = await Promise.all([repo.occupationSkills(trx, id), repo.iscoGroup(trx, o.isco)]);
    const essential = links.filter((l) => l.essential);
    const names = await repo.preferredLabels(trx, [id, ...essential.map((l) => l.id)], lang);
    return {
      id, label: names.get(id) ?? (lang === 'fr' ? o.label_fr : o.label_en), isco: o.isco, code: o.code,
      iscoLabel: group ? (lang === 'fr' ? group.label_fr : group.label_en) : null,
      essentialSkills: essential.map((l) => ({ id: l.id, label: names.get(l.id) ?? l.label_en, skillType: l.type, essential: true })),
      optionalSkills: links.length - essential.length,
    };
  });
}

// ---- the skills profile ----------------------------------------------------------------------------
async function profileView(trx: Tx, personId: string, lang: EscoLanguage): Promise<SkillProfile> {
  const p = await repo.profile(trx, personId);
  const matchingConsent = await hasConsent(trx, personId, 'job_matching');
  if (!p) return { personId, version: 0, updatedAt: null, education: [], experience: [], skills: [], languages: [], drivingLicences: [], matchingConsent };
  const occIds = p.experience.map((e) => e.occupation_id);
  const skillIds = p.skills.map((s) => s.skill_id);
  const [occ, sk, names] = await Promise.all([repo.occupations(trx, occIds), repo.skills(trx, skillIds), repo.preferredLabels(trx, [...occIds, ...skillIds], lang)]);
  const occById = new Map(occ.map((o) => [o.id, o]));
  const skById = new Map(sk.map((s) => [s.id, s]));
  return {
    personId, version: p.version, updatedAt: p.updated_at.toISOString(),
    education: p.education.map((e) => ({ iscedLevel: e.isced_level, iscedField: e.isced_field as SkillProfile['education'][number]['iscedField'], country: e.country, title: e.title, completedYear: e.completed_year, documents: e.documents as 'held' })),
    experience: p.experience.map((e) => ({ occupationId: e.occupation_id, label: names.get(e.occupation_id) ?? occById.get(e.occupation_id)!.label_en, isco: occById.get(e.occupation_id)!.isco, years: Number(e.years), country: e.country })),
    skills: p.skills.map((s) => ({ skillId: s.skill_id, label: names.get(s.skill_id) ?? skById.get(s.skill_id)!.label_en, skillType: skById.get(s.skill_id)!.type, shown: s.shown as 'declared' }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    languages: p.languages.map((l) => ({ code: l.code, level: l.level as 'A1' })),
    drivingLicences: p.driving_licences as SkillProfile['drivingLicences'],
    matchingConsent,
  };
}

export async function getProfile(db: Db, actor: Actor, personId: string, purpose: string, lang: EscoLanguage = 'en'): Promise<SkillProfile> {
  return withActor(db, actor, async (trx) => {
    await reach(trx, actor, profileRecord, personId, 'read', { purpose });
    return profileView(trx, personId, lang);
  });
}

export async function updateProfile(db: Db, actor: Actor, personId: string, input: UpdateSkillProfile, lang: EscoLanguage = 'en'): Promise<SkillProfile> {
  return withActor(db, actor, async (trx) => {
    const { owner } = await reach(trx, actor, profileRecord, personId, 'write', { forUpdate: true });
    const current = await repo.profileVersion(trx, personId);
    if (current !== input.version) throw conflict('skill_profile', current);
    // Every ESCO id must exist: the field path names the first one that does not.
    const occIds = [...new Set(input.experience.map((e) => e.occupationId))];
    const skillIds = [...new Set(input.skills.map((s) => s.skillId))];
    const [occ, sk] = await Promise.all([repo.occupations(trx, occIds), repo.skills(trx, skillIds)]);
    const knownOcc = new Set(occ.map((o) => o.id));
    const knownSkill = new Set(sk.map((s) => s.id));
    input.experience.forEach((e, i) => { if (!knownOcc.has(e.occupationId)) throw invalid(`body.experience.${i}.occupationId`, 'validation.unknown_occupation'); });
    const seen = new Set<string>();
    input.skills.forEach((s, i) => {
      if (!knownSkill.has(s.skillId)) throw invalid(`body.skills.${i}.skillId`, 'validation.unknown_skill');
      if (seen.has(s.skillId)) throw invalid(`body.skills.${i}.skillId`, 'validation.listed_twice');
      seen.add(s.skillId);
    });
    const langs = new Set<string>();
    input.languages.forEach((l, i) => { if (langs.has(l.code)) throw invalid(`body.languages.${i}.code`, 'validation.listed_twice'); langs.add(l.code); });
    await repo.replaceProfile(trx, personId, owner.organisationId, current, input);
    await audit(trx, actor, {
      action: 'skill_profile.update', recordType: 'skill_profile', recordId: personId,
      detail: { version: current + 1, education: input.education.length, experience: input.experience.length, skills: input.skills.length, languages: input.languages.length },
    });
    return profileView(trx, personId, lang);
  });
}

/** The person's export (pathways calls it through the manifest's personData). */
export async function exportProfile(trx: Tx, personId: string) {
  const p = await repo.profile(trx, personId);
  const recognitions = await recognitionViews(trx, await repo.recognitions(trx, { personId }), 'en');
  if (!p && !recognitions.length) return null;
  return { profile: p ? await profileView(trx, personId, 'en') : null, recognitions };
}

export async function eraseProfiles(trx: Tx, personIds: readonly string[]) {
  await repo.deleteProfiles(trx, personIds);
}

// ---- recognition of qualifications ----------------------------------------------------------------
type CaseRow = Awaited<ReturnType<typeof repo.recognitions>>[number];

export async function listBodies(db: Db, actor: Actor, country?: string): Promise<RecognitionBody[]> {
  return withActor(db, actor, async (trx) => (await repo.recognitionBodies(trx, country)) as RecognitionBody[]);
}

/** Which step is late on this day: documents (preparing past their due date) or decision (submitted past its due date). */
export function overdueStep(c: { status: string; documents_due_on: string | null; decision_due_on: string | null }, today: string): Recognition['overdue'] {
  if (c.status === 'preparing' && c.documents_due_on && c.documents_due_on < today) return 'documents';
  if (c.status === 'submitted' && c.decision_due_on && c.decision_due_on < today) return 'decision';
  return null;
}

async function recognitionViews(trx: Tx, rows: CaseRow[], lang: EscoLanguage): Promise<Recognition[]> {
  if (!rows.length) return [];
  const today = todayIso();
  const [docs, bodies, names, occ] = await Promise.all([
    repo.recognitionDocuments(trx, rows.map((r) => r.id)),
    repo.recognitionBodies(trx),
    repo.preferredLabels(trx, rows.flatMap((r) => (r.occupation_id ? [r.occupation_id] : [])), lang),
    repo.occupations(trx, rows.flatMap((r) => (r.occupation_id ? [r.occupation_id] : []))),
  ]);
  const bodyById = new Map(bodies.map((b) => [b.id, b]));
  const occById = new Map(occ.map((o) => [o.id, o]));
  return rows.map((r) => ({
    id: r.id, personId: r.person_id, body: bodyById.get(r.body_id) as RecognitionBody, qualification: r.qualification, originCountry: r.origin_country,
    occupation: r.occupation_id ? { id: r.occupation_id, label: names.get(r.occupation_id) ?? occById.get(r.occupation_id)?.label_en ?? r.occupation_id } : null,
    status: r.status as Recognition['status'], startedOn: r.started_on, documentsDueOn: r.documents_due_on, submittedOn: r.submitted_on, decisionDueOn: r.decision_due_on,
    decision: r.decision as Recognition['decision'], compensation: r.compensation as Recognition['compensation'], decidedOn: r.decided_on,
    documents: docs.filter((d) => d.case_id === r.id).map((d) => ({ kind: d.kind as Recognition['documents'][number]['kind'], submittedOn: d.submitted_on })),
    overdue: overdueStep(r, today), version: r.version,
  }));
}

export async function listRecognitions(db: Db, actor: Actor, personId: string, purpose: string, lang: EscoLanguage = 'en'): Promise<Recognition[]> {
  return withActor(db, actor, async (trx) => {
    await reach(trx, actor, profileRecord, personId, 'read', { purpose, readAction: 'recognition.list' });
    return recognitionViews(trx, await repo.recognitions(trx, { personId }), lang);
  });
}

export async function startRecognition(db: Db, actor: Actor, personId: string, input: NewRecognition, lang: EscoLanguage = 'en'): Promise<Recognition> {
  return withActor(db, actor, async (trx) => {
    const { owner } = await reach(trx, actor, profileRecord, personId, 'write');
    if (!(await repo.recognitionBody(trx, input.bodyId))) throw invalid('body.bodyId', 'validation.unknown_body');
    if (input.occupationId && !(await repo.occupations(trx, [input.occupationId])).length) throw invalid('body.occupationId', 'validation.unknown_occupation');
    if (input.documentsDueOn && input.documentsDueOn < input.startedOn) throw invalid('body.documentsDueOn', 'validation.before_start');
    const c = { id: await repo.insertRecognition(trx, {
      person_id: personId, organisation_id: owner.organisationId, body_id: input.bodyId, qualification: input.qualification, origin_country: input.originCountry,
      occupation_id: input.occupationId, started_on: input.startedOn, documents_due_on: input.documentsDueOn,
    }) };
    await repo.replaceRecognitionDocuments(trx, c.id, personId, owner.organisationId, input.documentsNeeded.map((kind) => ({ kind, submittedOn: null })));
    await audit(trx, actor, { action: 'recognition.create', recordType: 'recognition', recordId: c.id, detail: { personId, bodyId: input.bodyId } });
    return (await recognitionViews(trx, await repo.recognitions(trx, { id: c.id }), lang))[0];
  });
}

/** The next steps of a case: documents submitted, the application submitted, the decision. */
export async function updateRecognition(db: Db, actor: Actor, id: string, input: UpdateRecognition, lang: EscoLanguage = 'en'): Promise<Recognition> {
  return withActor(db, actor, async (trx) => {
    const rec = await reach(trx, actor, recognitionRecord, id, 'write', { forUpdate: true });
    const [cur] = await repo.recognitions(trx, { id });
    if (cur.version !== input.version) throw conflict('recognition', cur.version);
    const next = {
      documents_due_on: input.documentsDueOn !== undefined ? input.documentsDueOn : cur.documents_due_on,
      submitted_on: input.submittedOn !== undefined ? input.submittedOn : cur.submitted_on,
      decision_due_on: input.decisionDueOn !== undefined ? input.decisionDueOn : cur.decision_due_on,
      decision: input.decision !== undefined ? input.decision : cur.decision,
      compensation: input.compensation ?? cur.compensation,
      decided_on: input.decidedOn !== undefined ? input.decidedOn : cur.decided_on,
    };
    // Dates follow the steps: nothing is submitted before the case started, decided before it was submitted.
    if (next.submitted_on && next.submitted_on < cur.started_on) throw invalid('body.submittedOn', 'validation.before_start');
    if (next.decided_on && (!next.submitted_on || next.decided_on < next.submitted_on)) throw invalid('body.decidedOn', 'validation.before_submission');
    if (next.decision && !next.decided_on) throw invalid('body.decidedOn', 'validation.decision_date');
    if (next.compensation.length && next.decision !== 'partial') throw invalid('body.compensation', 'validation.compensation_partial');
    if (next.decision === 'partial' && !next.compensation.length) throw invalid('body.compensation', 'validation.compensation_partial');
    const status = input.withdrawn ? 'withdrawn' : next.decision ? 'decided' : next.submitted_on ? 'submitted' : 'preparing';
    if (input.documents) {
      for (const [i, d] of input.documents.entries()) {
        if (d.submittedOn && d.submittedOn < cur.started_on) throw invalid(`body.documents.${i}.submittedOn`, 'validation.before_start');
      }
      await repo.replaceRecognitionDocuments(trx, id, rec.personId, rec.owner.organisationId, input.documents);
    }
    await repo.updateRecognition(trx, id, { ...next, status });
    await audit(trx, actor, { action: 'recognition.update', recordType: 'recognition', recordId: id, detail: { status, decision: next.decision } });
    return (await recognitionViews(trx, await repo.recognitions(trx, { id }), lang))[0];
  });
}

/** The organisation's recognition cases with a step past its due date (a worklist: each person read is audited). */
export async function overdueRecognitions(db: Db, actor: Actor, purpose: string, limit: number, lang: EscoLanguage = 'en'): Promise<Recognition[]> {
  return withActor(db, actor, async (trx) => {
    const rows = await repo.overdueRecognitions(trx, actor.organisationId, todayIso(), limit);
    await auditReads(trx, actor, 'recognition', rows.map((r) => r.id), purpose, 'recognition.worklist');
    return recognitionViews(trx, rows, lang);
  });
}

// ---- offers and matching ------------------------------------------------------------------------------
type OfferRow = Awaited<ReturnType<typeof repo.offers>>[number];

async function offerViews(trx: Tx, rows: OfferRow[], lang: EscoLanguage, today = todayIso()): Promise<Offer[]> {
  if (!rows.length) return [];
  const skills = await repo.offerSkills(trx, rows.map((r) => r.id));
  const occIds = rows.flatMap((r) => (r.occupation_id ? [r.occupation_id] : []));
  const [occ, names] = await Promise.all([repo.occupations(trx, occIds), repo.preferredLabels(trx, [...occIds, ...skills.map((s) => s.skill_id)], lang)]);
  const occById = new Map(occ.map((o) => [o.id, o]));
  return rows.map((r) => {
    const mine = skills.filter((s) => s.offer_id === r.id).map((s) => ({ id: s.skill_id, label: names.get(s.skill_id) ?? s.label_en, essential: s.essential }));
    const o = r.occupation_id ? occById.get(r.occupation_id) : undefined;
    return {
      id: r.id, kind: r.kind as Offer['kind'], title: r.title, publisher: { id: r.organisation_id, name: r.publisher },
      occupation: o ? { id: o.id, label: names.get(o.id) ?? o.label_en, isco: o.isco } : null,
      municipality: { code: r.territory_code, name: r.territory_name },
      hoursPerWeek: r.hours_per_week === null ? null : Number(r.hours_per_week), startsOn: r.starts_on, closesOn: r.closes_on,
      language: r.language_code && r.language_level ? { code: r.language_code, level: r.language_level as 'A1' } : null,
      essentialSkills: mine.filter((s) => s.essential).map(({ id, label }) => ({ id, label })),
      optionalSkills: mine.filter((s) => !s.essential).map(({ id, label }) => ({ id, label })),
      open: r.closed_at === null && r.closes_on >= today,
    };
  });
}

/** Publishes an offer of the actor's own organisation (employers, public employment services, partners, municipalities). */
export async function createOffer(db: Db, actor: Actor, input: NewOffer, lang: EscoLanguage = 'en'): Promise<Offer> {
  assertRight(actor, 'offers.publish');
  return withActor(db, actor, async (trx) => {
    const place = await repo.municipality(trx, input.municipality);
    if (!place || place.level !== 5) throw invalid('body.municipality', 'validation.offer_place');
    if (input.occupationId && !(await repo.occupations(trx, [input.occupationId])).length) throw invalid('body.occupationId', 'validation.unknown_occupation');
    const all = [...input.essentialSkills, ...input.optionalSkills];
    const known = new Set((await repo.skills(trx, all)).map((s) => s.id));
    input.essentialSkills.forEach((id, i) => { if (!known.has(id)) throw invalid(`body.essentialSkills.${i}`, 'validation.unknown_skill'); });
    input.optionalSkills.forEach((id, i) => {
      if (!known.has(id)) throw invalid(`body.optionalSkills.${i}`, 'validation.unknown_skill');
      if (input.essentialSkills.includes(id)) throw invalid(`body.optionalSkills.${i}`, 'validation.listed_twice');
    });
    if (input.startsOn && input.startsOn < todayIso() && input.closesOn < input.startsOn) throw invalid('body.closesOn', 'validation.before_start');
    const o = { id: await repo.insertOffer(trx, {
      organisation_id: actor.organisationId, kind: input.kind, title: input.title, occupation_id: input.occupationId, territory_code: input.municipality,
      hours_per_week: input.hoursPerWeek, starts_on: input.startsOn, closes_on: input.closesOn,
      language_code: input.language?.code ?? null, language_level: input.language?.level ?? null,
    }, input.essentialSkills, input.optionalSkills) };
    await audit(trx, actor, { action: 'offer.create', recordType: 'offer', recordId: o.id, detail: { kind: input.kind, municipality: input.municipality } });
    return (await offerViews(trx, await repo.offers(trx, { ids: [o.id] }), lang))[0];
  });
}

/** Closes an offer of one's own organisation before its closing date (an offer past it is closed by itself). */
export async function closeOffer(db: Db, actor: Actor, id: string, lang: EscoLanguage = 'en'): Promise<Offer> {
  assertRight(actor, 'offers.publish');
  return withActor(db, actor, async (trx) => {
    const [o] = await repo.offers(trx, { ids: [id] });
    if (!o || o.organisation_id !== actor.organisationId) throw notFound('offer');
    if (o.closed_at === null) {
      await repo.closeOffer(trx, id);
      await audit(trx, actor, { action: 'offer.close', recordType: 'offer', recordId: id });
    }
    return (await offerViews(trx, await repo.offers(trx, { ids: [id] }), lang))[0];
  });
}

/** Open offers (every signed-in user may see what is published), or one organisation's own, open or not. */
export async function listOffers(db: Db, actor: Actor, f: { kind?: string; mine?: boolean; limit: number }, lang: EscoLanguage = 'en'): Promise<Offer[]> {
  return withActor(db, actor, async (trx) => offerViews(trx, await repo.offers(trx, f.mine ? { organisationId: actor.organisationId, kind: f.kind, limit: f.limit } : { openOn: todayIso(), kind: f.kind, limit: f.limit }), lang));
}

function matchPerson(personId: string, data: Awaited<ReturnType<typeof repo.matchProfiles>>, place: MatchPerson['place']): MatchPerson {
  return {
    skills: new Set(data.skills.filter((s) => s.person_id === personId).map((s) => s.skill_id)),
    experience: data.experience.filter((e) => e.person_id === personId).map((e) => ({ occupationId: e.occupation_id, isco: e.isco, label: e.label_en, years: Number(e.years) })),
    languages: new Map(data.languages.filter((l) => l.person_id === personId).map((l) => [l.code, l.level])),
    place,
  };
}

function matchOffer(o: Offer, row: OfferRow): MatchOffer {
  return {
    id: o.id, occupationId: o.occupation?.id ?? null, occupationIsco: o.occupation?.isco ?? null,
    skills: [...o.essentialSkills.map((s) => ({ ...s, essential: true })), ...o.optionalSkills.map((s) => ({ ...s, essential: false }))],
    language: o.language, place: { lon: row.lon, lat: row.lat },
  };
}

const consentRequired = () => new AppError(422, 'matching_consent_required', {}, [{ path: 'params.id', key: 'validation.matching_consent' }]);

/** Job offers for a person, best first, with reasons, and training offers nearby that teach what is missing. Only with the person's consent. */
export async function matchesForPerson(db: Db, actor: Actor, personId: string, purpose: string, limit: number, lang: EscoLanguage = 'en'): Promise<OfferMatch[]> {
  return withActor(db, actor, async (trx) => {
    const { owner } = await reach(trx, actor, profileRecord, personId, 'read', { purpose, readAction: 'match.person' });
    if (!(await hasConsent(trx, personId, 'job_matching'))) throw consentRequired();
    const data = await repo.matchProfiles(trx, [personId]);
    const place = (await repo.organisationPlace(trx, owner.organisationId)) ?? null;
    const person = matchPerson(personId, data, place);
    const today = todayIso();
    const ids = await repo.jobOffersFor(trx, [...person.skills], person.experience.map((e) => e.occupationId), today, 2000);
    const rows = await repo.offers(trx, { ids, openOn: today, limit: 2000 });
    const views = await offerViews(trx, rows, lang, today);
    const scored = views.map((o, i) => ({ offer: o, ...score(matchOffer(o, rows[i]), person) }))
      .sort((a, b) => b.score - a.score || a.offer.closesOn.localeCompare(b.offer.closesOn)).slice(0, limit);
    // Training that closes a missing skill, nearest first.
    const missing = [...new Set(scored.flatMap((m) => m.reasons.skillsMissing.map((s) => s.id)))];
    const training = (await repo.trainingFor(trx, missing, today))
      .map((t) => ({ ...t, km: distanceKm(place, { lon: t.lon, lat: t.lat }) ?? Infinity }))
      .filter((t) => t.km <= FAR_KM).sort((a, b) => a.km - b.km);
    return scored.map((m) => ({
      offer: m.offer, score: m.score,
      reasons: { ...m.reasons, skillsMissing: m.reasons.skillsMissing.map((s) => ({ ...s, closedBy: training.filter((t) => t.skill_id === s.id).slice(0, 3).map((t) => ({ offerId: t.id, title: t.title, municipality: t.name })) })) },
    }));
  });
}

/** For an offer: the people of one's own organisation whose consent allows matching, best first, pseudonymised (ids only). */
export async function candidatesForOffer(db: Db, actor: Actor, offerId: string, purpose: string, limit: number, lang: EscoLanguage = 'en'): Promise<CandidateMatch[]> {
  return withActor(db, actor, async (trx) => {
    assertReach(actor, 'personal', 'read', { organisationId: actor.organisationId, territoryPath: '' }, 'offer');
    const rows = await repo.offers(trx, { ids: [offerId] });
    if (!rows.length) throw notFound('offer');
    const [offer] = await offerViews(trx, rows, lang);
    const mo = matchOffer(offer, rows[0]);
    const ids = await repo.candidatesFor(trx, actor.organisationId, mo.skills.map((s) => s.id), mo.occupationId, 5000);
    // Consent is checked person by person: nobody without an active job-matching consent is scored or shown.
    const consented: string[] = [];
    for (const id of ids) if (await hasConsent(trx, id, 'job_matching')) consented.push(id);
    const data = await repo.matchProfiles(trx, consented);
    const place = (await repo.organisationPlace(trx, actor.organisationId)) ?? null;
    const out = consented.map((id) => ({ personId: id, ...score(mo, matchPerson(id, data, place)) }))
      .sort((a, b) => b.score - a.score || a.personId.localeCompare(b.personId)).slice(0, limit)
      .map((c) => ({ personId: c.personId, score: c.score, reasons: { ...c.reasons, skillsMissing: c.reasons.skillsMissing.map((s) => ({ ...s, closedBy: [] })) } }));
    await auditReads(trx, actor, 'skill_profile', out.map((c) => c.personId), purpose, 'match.offer');
    return out;
  });
}
