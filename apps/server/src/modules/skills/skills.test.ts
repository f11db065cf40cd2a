// Skills and work through the HTTP API, on the demo data: ESCO search as you type, an occupation's
// essential skills, and a person's skills profile (gated, audited, consent shown, exported, erased).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
const P = 'purpose=case_management';

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    cwSe: 'caseworker@sollentuna.localpact.eu', cwHh: 'caseworker@hamburg.localpact.eu', dpo: 'dpo@localpact.eu',
  })) c[k] = await t.signIn(email);
});
afterAll(async () => { await t?.close(); });

const get = (url: string, cookie: string) => t.request({ url, cookie });
const send = (method: string, url: string, cookie: string, body: unknown) => t.request({ method, url, cookie, body });
const search = async (q: string, extra = '') => {
  const res = await get(`/api/esco/search?q=${encodeURIComponent(q)}${extra}`, c.cwSe);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Array<{ kind: string; id: string; label: string; matched: string | null; matchedLang: string; isco: string | null; code: string | null }>;
};

describe('ESCO search as you type', () => {
  it('finds the welder by the start of a word, in English and in French, with its ISCO group', async () => {
    const en = await search('weld', '&kind=occupation');
    expect(en[0]).toMatchObject({ kind: 'occupation', label: 'welder', isco: '7212' });
    const fr = await search('soudeu', '&kind=occupation&lang=fr');
    expect(fr.map((h) => h.id)).toContain(en[0].id);
    expect(fr.find((h) => h.id === en[0].id)!.label).toMatch(/soudeu/i);
    // Accents and case do not matter; every word must start a word of the label.
    expect((await search('PLONGEUR Soudeur', '&kind=occupation'))[0]).toMatchObject({ matched: 'soudeur-plongeur', matchedLang: 'fr' });
    expect(await search('zzqx weld')).toEqual([]);
  });

  it('finds by an alternative label and says which label matched', async () => {
    // "soudeuse de tuyaux" is the feminine form of the pipe welder's French label.
    const hits = await search('soudeuse tuyaux', '&kind=occupation');
    expect(hits[0]).toMatchObject({ label: 'pipe welder', matched: expect.stringContaining('soudeuse de tuyaux'), matchedLang: 'fr' });
  });

  it('finds occupations by ISCO-08 code and ESCO code, and skills by label', async () => {
    const isco = await search('7212');
    expect(isco.length).toBeGreaterThan(1);
    expect(isco.every((h) => h.isco === '7212' && h.kind === 'occupation')).toBe(true);
    const skill = await search('arc welding', '&kind=skill');
    expect(skill.every((h) => h.kind === 'skill')).toBe(true);
    // A label that starts with the words comes first (here "arc welding underwater", an alternative label of "weld underwater").
    expect(skill[0]).toMatchObject({ label: 'weld underwater', matched: expect.stringMatching(/^arc welding /) });
    expect(skill.map((h) => h.label)).toContain('apply arc welding techniques');
    const es = await search('soldadura', '&kind=skill&lang=es');
    expect(es[0].matchedLang).toBe('es');
  });

  it('refuses a query too short or too long with the field', async () => {
    const res = await get('/api/esco/search?q=w', c.cwSe);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().errors)).toContain('q');
  });

  it('gives an occupation with its essential skills', async () => {
    const [welder] = await search('welder', '&kind=occupation');
    const res = await get(`/api/esco/occupations/${welder.id}`, c.cwSe);
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o).toMatchObject({ label: 'welder', isco: '7212', iscoLabel: expect.stringMatching(/welders/i) });
    expect(o.essentialSkills.length).toBeGreaterThan(5);
    expect(o.essentialSkills.map((s: { label: string }) => s.label)).toContain('operate welding equipment');
    expect((await get('/api/esco/occupations/00000000-0000-0000-0000-000000000000', c.cwSe)).statusCode).toBe(404);
  });
});

describe('a person\'s skills profile', () => {
  let personId: string;
  let profileBody: Record<string, unknown>;

  it('is written by the case worker holding the person, read with an audited purpose', async () => {
    const people = await get(`/api/people?${P}&limit=1`, c.cwSe);
    personId = people.json().items[0].id;
    const empty = await get(`/api/people/${personId}/skills-profile?${P}`, c.cwSe);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ version: 0, skills: [], matchingConsent: false });

    const [welder] = await search('welder', '&kind=occupation');
    const occ = (await get(`/api/esco/occupations/${welder.id}`, c.cwSe)).json();
    profileBody = {
      version: 0,
      education: [{ iscedLevel: 3, iscedField: '07', country: 'UA', title: 'Vocational diploma, welding', completedYear: 2008, documents: 'lost' }],
      experience: [{ occupationId: welder.id, years: 12, country: 'UA' }],
      skills: occ.essentialSkills.slice(0, 4).map((s: { id: string }, i: number) => ({ skillId: s.id, shown: i === 0 ? 'certified' : 'declared' })),
      languages: [{ code: 'uk', level: 'native' }, { code: 'sv', level: 'A2' }],
      drivingLicences: ['B', 'C'],
    };
    const put = await send('PUT', `/api/people/${personId}/skills-profile`, c.cwSe, profileBody);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 1, experience: [{ label: 'welder', isco: '7212', years: 12 }], drivingLicences: ['B', 'C'] });
    expect(put.json().skills).toHaveLength(4);

    const read = await get(`/api/people/${personId}/skills-profile?purpose=job_search_interview&lang=fr`, c.cwSe);
    expect(read.json().experience[0].label).toMatch(/soudeu/i);
    // Every read is in the audit log (the purpose text is kept apart from the append-only rows, erasable with the person).
    const log = await t.database.db.selectFrom('audit_log').select(['action']).where('record_id', '=', personId).where('action', 'like', 'skill_profile.%').orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['skill_profile.read', 'skill_profile.update', 'skill_profile.read']);
  });

  it('answers 409 to a stale version and 400 with the field to an unknown ESCO id or a duplicate', async () => {
    expect((await send('PUT', `/api/people/${personId}/skills-profile`, c.cwSe, profileBody)).statusCode).toBe(409);
    const bad = await send('PUT', `/api/people/${personId}/skills-profile`, c.cwSe, { ...profileBody, version: 1, experience: [{ occupationId: '00000000-0000-4000-8000-000000000000', years: 1, country: null }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.experience.0.occupationId');
    const twice = await send('PUT', `/api/people/${personId}/skills-profile`, c.cwSe, { ...profileBody, version: 1, languages: [{ code: 'uk', level: 'B1' }, { code: 'uk', level: 'C1' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].path).toBe('body.languages.1.code');
    const level = await send('PUT', `/api/people/${personId}/skills-profile`, c.cwSe, { ...profileBody, version: 1, education: [{ ...(profileBody.education as object[])[0], iscedLevel: 9 }] });
    expect(level.statusCode).toBe(400);
  });

  it('is out of reach (404) for another municipality, read or write', async () => {
    expect((await get(`/api/people/${personId}/skills-profile?${P}`, c.cwHh)).statusCode).toBe(404);
    expect((await send('PUT', `/api/people/${personId}/skills-profile`, c.cwHh, { ...profileBody, version: 1 })).statusCode).toBe(404);
  });

  it('shows the job-matching consent when the person gives it', async () => {
    const give = await send('POST', `/api/people/${personId}/consents`, c.cwSe, { purpose: 'job_matching', givenOn: '2026-11-02', how: 'in_writing' });
    expect(give.statusCode, give.body).toBeLessThan(300);
    expect((await get(`/api/people/${personId}/skills-profile?${P}`, c.cwSe)).json().matchingConsent).toBe(true);
  });

  let recognitionId: string;
  it('follows the recognition of her diploma step by step, with the Swedish bodies from the vendored table', async () => {
    const bodies = (await get('/api/recognition/bodies?country=SE', c.cwSe)).json().items;
    expect(bodies.map((b: { id: string }) => b.id)).toContain('SE-academic');
    expect((await get('/api/recognition/bodies', c.cwSe)).json().items.filter((b: { kind: string }) => b.kind === 'academic')).toHaveLength(27);
    const [welder] = await search('welder', '&kind=occupation');
    const start = await send('POST', `/api/people/${personId}/recognitions`, c.cwSe, {
      bodyId: 'SE-academic', qualification: 'Vocational diploma, welding', originCountry: 'UA', occupationId: welder.id,
      startedOn: '2026-01-10', documentsDueOn: '2026-02-10', documentsNeeded: ['diploma', 'certified_translation'],
    });
    expect(start.statusCode, start.body).toBe(201);
    const r = start.json();
    recognitionId = r.id;
    expect(r).toMatchObject({ status: 'preparing', occupation: { label: 'welder' }, documents: [{ kind: 'certified_translation', submittedOn: null }, { kind: 'diploma', submittedOn: null }] });
    // Documents were due on 10 February 2026 and nothing is submitted: the step is overdue.
    expect(r.overdue).toBe('documents');
    const overdue = await get('/api/recognitions/overdue?purpose=worklist', c.cwSe);
    expect(overdue.json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await get('/api/recognitions/overdue?purpose=worklist', c.cwHh)).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);

    const submitted = await send('PATCH', `/api/recognitions/${r.id}`, c.cwSe, { version: 1, documents: [{ kind: 'diploma', submittedOn: '2026-02-01' }, { kind: 'certified_translation', submittedOn: '2026-02-03' }], submittedOn: '2026-02-03', decisionDueOn: '2099-04-03' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', overdue: null, version: 2 });
    // A partial recognition names its compensation measures, and a decision is dated after the submission.
    const noMeasure = await send('PATCH', `/api/recognitions/${r.id}`, c.cwSe, { version: 2, decision: 'partial', decidedOn: '2026-03-20' });
    expect(noMeasure.statusCode).toBe(400);
    expect(noMeasure.json().errors[0].path).toBe('body.compensation');
    const early = await send('PATCH', `/api/recognitions/${r.id}`, c.cwSe, { version: 2, decision: 'full', decidedOn: '2026-01-20' });
    expect(early.json().errors[0].path).toBe('body.decidedOn');
    const decided = await send('PATCH', `/api/recognitions/${r.id}`, c.cwSe, { version: 2, decision: 'partial', compensation: ['adaptation_period'], decidedOn: '2026-03-20' });
    expect(decided.json()).toMatchObject({ status: 'decided', decision: 'partial', compensation: ['adaptation_period'] });
    expect((await send('PATCH', `/api/recognitions/${r.id}`, c.cwSe, { version: 2, withdrawn: true })).statusCode).toBe(409);
    expect((await send('PATCH', `/api/recognitions/${r.id}`, c.cwHh, { version: 3, withdrawn: true })).statusCode).toBe(404);
    const list = await get(`/api/people/${personId}/recognitions?purpose=case_management`, c.cwSe);
    expect(list.json().items).toHaveLength(1);
    const bad = await send('POST', `/api/people/${personId}/recognitions`, c.cwSe, { bodyId: 'XX-academic', qualification: 'x', originCountry: null, occupationId: null, startedOn: '2026-01-10', documentsDueOn: null, documentsNeeded: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.bodyId');
  });

  it('is in the person\'s export and erased with the person', async () => {
    const exp = await get(`/api/people/${personId}/export?purpose=art15_request`, c.dpo);
    expect(exp.statusCode, exp.body).toBe(200);
    expect(exp.json().skills).toMatchObject({ profile: { version: 1, experience: [{ label: 'welder' }] }, recognitions: [{ id: recognitionId, decision: 'partial' }] });
    const erased = await send('POST', `/api/people/${personId}/erase`, c.dpo, { reason: 'Art. 17 request' });
    expect(erased.statusCode, erased.body).toBe(200);
    for (const table of ['recognition_cases', 'recognition_documents', 'skill_profiles', 'skill_profile_education', 'skill_profile_experience', 'skill_profile_skills', 'skill_profile_languages'] as const) {
      const rows = await t.database.db.selectFrom(table).select('person_id').where('person_id', '=', personId).execute();
      expect(rows, table).toEqual([]);
    }
    expect((await get(`/api/people/${personId}/skills-profile?${P}`, c.cwSe)).statusCode).toBe(404);
  });
});

describe('offers and matching with reasons', () => {
  const skillId = async (label: string) => (await search(label, '&kind=skill')).find((h) => h.label === label)!.id;
  let welderId: string;
  let people: Array<{ id: string }>;
  let vacancyId: string;

  it('lets an employer publish offers of its own organisation; a case worker may not; past offers close by themselves', async () => {
    c.employer = await t.signIn('partner@stalbygg-sigtuna.localpact.eu');
    [{ id: welderId }] = await search('welder', '&kind=occupation');
    const offer = { kind: 'job', title: 'Welder, night shift', occupationId: welderId, municipality: 'SE_0191', hoursPerWeek: 38, startsOn: null, closesOn: '2099-06-30', language: { code: 'sv', level: 'B1' }, essentialSkills: [await skillId('apply arc welding techniques')], optionalSkills: [] };
    const res = await send('POST', '/api/offers', c.employer, offer);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ publisher: { name: expect.stringContaining('Stålbygg') }, municipality: { code: 'SE_0191', name: 'Sigtuna' }, open: true });
    expect((await send('POST', '/api/offers', c.cwSe, offer)).statusCode).toBe(403);
    const region = await send('POST', '/api/offers', c.employer, { ...offer, municipality: 'SE110' });
    expect(region.json().errors[0].path).toBe('body.municipality');
    const past = await send('POST', '/api/offers', c.employer, { ...offer, title: 'Welder, closed already', closesOn: '2020-01-31' });
    expect(past.json().open).toBe(false);
    const open = (await get('/api/offers?kind=job', c.cwSe)).json().items.map((o: { title: string }) => o.title);
    expect(open).toEqual(expect.arrayContaining(['Welder, night shift', 'Welder, steel structures (MIG/TIG)']));
    expect(open).not.toContain('Welder, closed already');
    vacancyId = (await get('/api/offers?kind=job', c.cwSe)).json().items.find((o: { title: string }) => o.title === 'Welder, steel structures (MIG/TIG)').id;
  });

  it('matches a person only with her consent, with the skills matched and missing, the course nearby that teaches the missing one, language and distance', async () => {
    people = [];
    for (const [givenName, birthDate] of [['Olena', '1988-03-14'], ['Bohdan', '1979-11-02']]) {
      const reg = await send('POST', '/api/people', c.cwSe, { givenName, familyName: 'Zvaryuvalnyk', birthDate, sex: 'unknown', nationalities: ['UA'], languages: [] });
      expect(reg.statusCode, reg.body).toBe(201);
      people.push({ id: reg.json().id });
    }
    const [ana, ben] = people;
    const profile = (skills: string[]) => ({ version: 0, education: [], experience: [{ occupationId: welderId, years: 8, country: 'UA' }], skills: skills.map((id) => ({ skillId: id, shown: 'declared' })), languages: [{ code: 'sv', level: 'A2' }], drivingLicences: [] });
    const skills = [await skillId('apply arc welding techniques'), await skillId('perform metal inert gas welding'), await skillId('wear appropriate protective gear')];
    for (const p of [ana, ben]) { const put = await send('PUT', `/api/people/${p.id}/skills-profile`, c.cwSe, profile(skills)); expect(put.statusCode, put.body).toBe(200); }

    const refused = await get(`/api/people/${ana.id}/matches?${P}`, c.cwSe);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('params.id');
    expect((await send('POST', `/api/people/${ana.id}/consents`, c.cwSe, { purpose: 'job_matching', givenOn: '2026-11-02', how: 'in_writing' })).statusCode).toBeLessThan(300);

    const res = await get(`/api/people/${ana.id}/matches?${P}`, c.cwSe);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ score: number; offer: { title: string }; reasons: Record<string, unknown> & { language: unknown; skillsMissing: Array<{ label: string }>; occupation: unknown; skillsMatched: Array<{ label: string }>; distanceKm: number } }>;
    expect(items.map((m) => m.score)).toEqual([...items.map((m) => m.score)].sort((a, b) => b - a));
    const best = items.find((m) => m.offer.title === 'Welder, steel structures (MIG/TIG)')!;
    const second = items.find((m) => m.offer.title === 'Welder, night shift')!;
    expect(best.reasons.occupation).toMatchObject({ label: 'welder', years: 8, sameGroup: false });
    expect(best.reasons.skillsMatched.map((s: { label: string }) => s.label)).toEqual(expect.arrayContaining(['apply arc welding techniques', 'perform metal inert gas welding']));
    const tig = best.reasons.skillsMissing.find((s: { label: string }) => s.label === 'perform tungsten inert gas welding');
    expect(tig).toMatchObject({ essential: true, closedBy: [{ title: expect.stringContaining('TIG welding'), municipality: 'Sollentuna' }] });
    expect(best.reasons.language).toEqual({ code: 'sv', needed: 'A2', has: 'A2', ok: true });
    // Sollentuna to Sigtuna: about 20 km between the municipalities' centres.
    expect(best.reasons.distanceKm).toBeGreaterThan(10);
    expect(best.reasons.distanceKm).toBeLessThan(30);
    // The night-shift vacancy asks for Swedish B1: she has A2. It asks only for arc welding, which she has.
    expect(second.reasons.language).toMatchObject({ needed: 'B1', ok: false });
    expect(second.reasons.skillsMissing).toEqual([]);
    // The course is training, not a job: never in the matches.
    expect(items.some((m) => m.offer.title.startsWith('TIG welding'))).toBe(false);
  });

  it('shows an offer\'s candidates pseudonymised, never one without consent, and only to the organisation holding them', async () => {
    const [ana, ben] = people;
    const res = await get(`/api/offers/${vacancyId}/candidates?purpose=matching`, c.cwSe);
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((x: { personId: string }) => x.personId);
    expect(ids).toContain(ana.id);
    expect(ids).not.toContain(ben.id);
    expect(Object.keys(res.json().items[0]).sort()).toEqual(['personId', 'reasons', 'score']);
    expect(res.body).not.toMatch(/givenName|familyName/);
    const log = await t.database.db.selectFrom('audit_log').select(['action']).where('record_id', '=', ana.id).where('action', '=', 'match.offer').execute();
    expect(log).toEqual([{ action: 'match.offer' }]);
    expect((await get(`/api/offers/${vacancyId}/candidates?purpose=matching`, c.employer)).statusCode).toBe(404);
    expect((await get(`/api/offers/${vacancyId}/candidates?purpose=matching`, c.cwHh)).json().items).toEqual([]);
  });
});
