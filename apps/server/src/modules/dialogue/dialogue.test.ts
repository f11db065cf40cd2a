// Dialogue between levels through the API: a region consults the municipalities of its NUTS 2
// region; who may see and answer; one official answer drafted by two and signed by one, with
// versions; late answers; visibility honoured in every aggregate and export; drafts hidden from the
// consulting body; reminders; the published outcome and its notifications; issues from below; the
// good-practice library. Runs on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { sendReminders } from './service.ts';
import { rebuildTallies } from './repository.ts';

let t: TestApp;
const c: Record<string, string> = {};
const org: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    sollentuna: 'officer@sollentuna.localpact.eu', caseworker: 'caseworker@sollentuna.localpact.eu', sigtuna: 'officer@sigtuna.localpact.eu',
    vasby: 'officer@upplands-vasby.localpact.eu', regional: 'coordinator@stockholm-region.localpact.eu', national: 'coordinator@migrationsverket.localpact.eu',
    hamburg: 'officer@hamburg.localpact.eu', partner: 'partner@redcross-sollentuna.localpact.eu',
  })) c[k] = await t.signIn(email);
  for (const o of await t.database.db.selectFrom('organisations').select(['id', 'territory_code', 'kind']).execute()) org[`${o.kind}:${o.territory_code}`] = o.id;
});
afterAll(async () => { await t?.close(); });

const get = (url: string, who: string) => t.request({ url, cookie: c[who] });
const send = (method: string, url: string, who: string, body: unknown = {}) => t.request({ method, url, cookie: c[who], body });
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

const questionnaire = [
  { kind: 'single_choice', prompt: 'Can your municipality meet the reception deadline of the draft plan?', required: true, options: ['Yes', 'Partly', 'No'] },
  { kind: 'free_text', prompt: 'What would you need?', required: true, showIf: { question: 0, equals: 'No' } },
  { kind: 'scale', prompt: 'How clear is the distribution key?', required: true, scaleMin: 1, scaleMax: 5 },
  { kind: 'ranking', prompt: 'Rank the priorities', options: ['Housing', 'Language courses', 'Work'] },
  { kind: 'number', prompt: 'Places you could add in 2027' },
  { kind: 'multiple_choice', prompt: 'Which support would help?', options: ['Funding', 'Staff', 'Guidance'] },
];

let id = '';
let q: Array<{ id: string; kind: string }> = [];

describe('consultations between levels', () => {
  it('a region opens a consultation to every municipality of its NUTS 2 region; bad questionnaires get 400 with the field', async () => {
    const base = { title: 'Draft regional reception plan 2027', purpose: 'Your view on the draft plan before it is adopted.', deadline: inDays(14), territoryCode: 'SE110', kinds: ['municipality'], weightByPopulation: true, questions: questionnaire };
    expect((await send('POST', '/api/dialogue/consultations', 'sollentuna', base)).statusCode).toBe(403);
    const past = await send('POST', '/api/dialogue/consultations', 'regional', { ...base, deadline: inDays(-1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('body.deadline');
    const noOptions = await send('POST', '/api/dialogue/consultations', 'regional', { ...base, questions: [{ kind: 'single_choice', prompt: 'x', options: ['only'] }] });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().errors[0].path).toBe('body.questions.0.options');
    const badCondition = await send('POST', '/api/dialogue/consultations', 'regional', { ...base, questions: [questionnaire[0], { kind: 'free_text', prompt: 'x', showIf: { question: 0, equals: 'Maybe' } }] });
    expect(badCondition.json().errors[0].path).toBe('body.questions.1.showIf');
    const outside = await send('POST', '/api/dialogue/consultations', 'regional', { ...base, territoryCode: 'DE6' });
    expect(outside.json().errors[0].path).toBe('body.territoryCode');

    const r = await send('POST', '/api/dialogue/consultations', 'regional', base);
    expect(r.statusCode).toBe(201);
    id = r.json().id;
    q = r.json().questions;
    expect(r.json()).toMatchObject({ status: 'open', invited: 3, submitted: 0, mine: true, weightByPopulation: true });
    expect(q.map((x) => x.kind)).toEqual(questionnaire.map((x) => x.kind));
  });

  it('an organisation not invited can neither see nor answer it (404)', async () => {
    expect((await get(`/api/dialogue/consultations/${id}`, 'hamburg')).statusCode).toBe(404);
    expect((await get(`/api/dialogue/consultations/${id}/results`, 'hamburg')).statusCode).toBe(404);
    expect((await get(`/api/dialogue/consultations/${id}/answers`, 'hamburg')).statusCode).toBe(404);
    expect((await send('PUT', `/api/dialogue/consultations/${id}/response`, 'hamburg', { version: 0, answers: [] })).statusCode).toBe(404);
    expect((await get('/api/dialogue/consultations', 'hamburg')).json().items.map((x: { id: string }) => x.id)).not.toContain(id);
    // The national authority above is not invited either: municipalities were.
    expect((await get(`/api/dialogue/consultations/${id}`, 'national')).statusCode).toBe(404);
    const listed = (await get('/api/dialogue/consultations', 'sollentuna')).json().items.find((x: { id: string }) => x.id === id);
    expect(listed).toMatchObject({ myResponse: 'not_started', mine: false, invited: 3 });
  });

  it('two staff draft one answer with versions (stale → 409); a draft stays out of the consulting body\'s results', async () => {
    const first = await send('PUT', `/api/dialogue/consultations/${id}/response`, 'caseworker', { version: 0, answers: [{ questionId: q[0].id, choice: ['No'] }, { questionId: q[2].id, number: 2 }] });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'draft', version: 1 });
    const again = await send('PUT', `/api/dialogue/consultations/${id}/response`, 'sollentuna', { version: 0, answers: [] });
    expect(again.statusCode).toBe(409);
    const second = await send('PUT', `/api/dialogue/consultations/${id}/response`, 'sollentuna', {
      version: 1, visibility: 'public',
      answers: [{ questionId: q[1].id, text: 'Two more social workers and temporary housing.' }, { questionId: q[3].id, choice: ['Housing', 'Work', 'Language courses'] }, { questionId: q[4].id, number: 40 }, { questionId: q[5].id, choice: ['Funding', 'Staff'] }],
    });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ version: 2, visibility: 'public' });
    expect(second.json().answers).toHaveLength(6);
    const stale = await send('PUT', `/api/dialogue/consultations/${id}/response`, 'caseworker', { version: 1, answers: [{ questionId: q[2].id, number: 3 }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);

    // Bad values: 400 with the field's path, nothing written.
    const badOption = await send('PUT', `/api/dialogue/consultations/${id}/response`, 'sollentuna', { version: 2, answers: [{ questionId: q[0].id, choice: ['Maybe'] }] });
    expect(badOption.statusCode).toBe(400);
    expect(badOption.json().errors[0].path).toBe('body.answers.0.choice.0');
    const badScale = await send('PUT', `/api/dialogue/consultations/${id}/response`, 'sollentuna', { version: 2, answers: [{ questionId: q[2].id, number: 9 }] });
    expect(badScale.json().errors[0].path).toBe('body.answers.0.number');
    const badRanking = await send('PUT', `/api/dialogue/consultations/${id}/response`, 'sollentuna', { version: 2, answers: [{ questionId: q[3].id, choice: ['Housing'] }] });
    expect(badRanking.json().errors[0].path).toBe('body.answers.0.choice');

    const seen = (await get(`/api/dialogue/consultations/${id}/results`, 'regional')).json();
    expect(seen).toMatchObject({ basis: 'all_submitted', submitted: 0, counted: 0 });
    expect(seen.questions[0].options.every((o: { count: number }) => o.count === 0)).toBe(true);
    expect((await get(`/api/dialogue/consultations/${id}/answers`, 'regional')).json().items).toEqual([]);
    expect((await get(`/api/dialogue/consultations/${id}/response`, 'regional')).statusCode).toBe(404);
  });

  it('only a signer submits; required questions shown by their condition must be answered', async () => {
    expect((await send('POST', `/api/dialogue/consultations/${id}/response/submit`, 'caseworker', { version: 2 })).statusCode).toBe(403);
    expect((await send('POST', `/api/dialogue/consultations/${id}/response/submit`, 'sollentuna', { version: 1 })).statusCode).toBe(409);
    const signed = await send('POST', `/api/dialogue/consultations/${id}/response/submit`, 'sollentuna', { version: 2 });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'submitted', late: false, submittedBy: 'Sara Lindqvist' });
    expect((await send('PUT', `/api/dialogue/consultations/${id}/response`, 'caseworker', { version: 3, answers: [] })).statusCode).toBe(409);

    // Sigtuna says "No" but leaves the conditional question unanswered: 400 naming it.
    await send('PUT', `/api/dialogue/consultations/${id}/response`, 'sigtuna', { version: 0, visibility: 'consulting_body', answers: [{ questionId: q[0].id, choice: ['No'] }, { questionId: q[2].id, number: 4 }] });
    const missing = await send('POST', `/api/dialogue/consultations/${id}/response/submit`, 'sigtuna', { version: 1 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['answers.1']);
    // With "Yes" the free-text question is hidden and a stale answer to it is dropped at signing.
    await send('PUT', `/api/dialogue/consultations/${id}/response`, 'sigtuna', { version: 1, answers: [{ questionId: q[0].id, choice: ['Yes'] }, { questionId: q[1].id, text: 'hidden' }, { questionId: q[4].id, number: 10 }, { questionId: q[5].id, choice: ['Staff'] }] });
    // Past the deadline the answer is still taken, and marked late.
    await sql`update consultations set deadline = now() - interval '1 hour' where id = ${id}`.execute(t.database.db);
    const late = await send('POST', `/api/dialogue/consultations/${id}/response/submit`, 'sigtuna', { version: 2 });
    expect(late.statusCode).toBe(200);
    expect(late.json().late).toBe(true);
    expect(late.json().answers.map((a: { questionId: string }) => a.questionId)).not.toContain(q[1].id);
  });

  it('the consulting body sees every signed answer, weighted by population; each respondent only what the others let it see', async () => {
    const pops = Object.fromEntries((await t.database.db.selectFrom('territories').select(['code', 'population']).where('code', 'in', ['SE_0163', 'SE_0191']).execute()).map((r) => [r.code, Number(r.population)]));
    const all = (await get(`/api/dialogue/consultations/${id}/results`, 'regional')).json();
    expect(all).toMatchObject({ basis: 'all_submitted', invited: 3, submitted: 2, counted: 2, late: 1 });
    const choice = Object.fromEntries(all.questions[0].options.map((o: { option: string; count: number; population: number }) => [o.option, o]));
    expect(choice.No).toMatchObject({ count: 1, population: pops.SE_0163 });
    expect(choice.Yes).toMatchObject({ count: 1, population: pops.SE_0191 });
    expect(choice.Partly).toMatchObject({ count: 0, population: 0 });
    expect(all.questions[2].number).toMatchObject({ mean: 3, min: 2, max: 4, median: 3 });
    expect(all.questions[2].number.weightedMean).toBeCloseTo((2 * pops.SE_0163 + 4 * pops.SE_0191) / (pops.SE_0163 + pops.SE_0191), 6);
    expect(all.questions[3].options.find((o: { option: string }) => o.option === 'Work').meanRank).toBe(2);
    expect(all.questions[5].options.map((o: { count: number }) => o.count)).toEqual([1, 2, 0]);
    expect(all.questions[1].texts).toEqual([{ organisation: 'Sollentuna kommun', text: 'Two more social workers and temporary housing.' }]);
    const who = (await get(`/api/dialogue/consultations/${id}/respondents`, 'regional')).json().items;
    expect(who.map((r: { organisation: { name: string }; late: boolean }) => [r.organisation.name, r.late])).toEqual([['Sigtuna kommun', true], ['Sollentuna kommun', false]]);
    expect(who[0].lon).toBeTypeOf('number');
    expect((await get(`/api/dialogue/consultations/${id}/respondents`, 'sollentuna')).json().items.map((r: { organisation: { name: string } }) => r.organisation.name)).toEqual(['Sollentuna kommun']);
    expect(all.questions[0].mine).toBeNull();
    // The running tallies equal a recomputation from the signed answers.
    await rebuildTallies(t.database.db, id);
    expect((await get(`/api/dialogue/consultations/${id}/results`, 'regional')).json()).toEqual(all);

    // Sigtuna let only the consulting body see its answer: Sollentuna's figures count Sollentuna alone.
    const sollentuna = (await get(`/api/dialogue/consultations/${id}/results`, 'sollentuna')).json();
    expect(sollentuna).toMatchObject({ basis: 'visible_to_participants', counted: 1 });
    expect(sollentuna.questions[0].options.find((o: { option: string }) => o.option === 'Yes').count).toBe(0);
    expect(sollentuna.questions[0].mine).toMatchObject({ choice: ['No'] });
    expect(sollentuna.questions[2].number).toMatchObject({ mean: 2 });
    // Sigtuna sees Sollentuna's (public) answer and its own.
    const sigtuna = (await get(`/api/dialogue/consultations/${id}/results`, 'sigtuna')).json();
    expect(sigtuna.counted).toBe(2);
    // Its own answer (consulting body only) counts in its own view: added to the others' tallies.
    expect(sigtuna.questions[0].options.map((o: { count: number }) => o.count)).toEqual([1, 0, 1]);
    expect(sigtuna.questions[2].number).toMatchObject({ mean: 3, min: 2, max: 4 });
    // Upplands Väsby has not answered: it sees the public answer only.
    const vasby = (await get(`/api/dialogue/consultations/${id}/results`, 'vasby')).json();
    expect(vasby.counted).toBe(1);
    expect(vasby.questions[0].mine).toBeNull();

    // The export follows the same rule, and is audited.
    const exported = (await get(`/api/dialogue/consultations/${id}/answers`, 'sollentuna')).json().items;
    expect(new Set(exported.map((r: { organisation: string }) => r.organisation))).toEqual(new Set(['Sollentuna kommun']));
    const csv = await get(`/api/dialogue/consultations/${id}/answers?format=csv`, 'regional');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Sigtuna kommun');
    expect(csv.body).toContain('Housing > Work > Language courses');
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', id).where('action', '=', 'consultation.export').execute();
    expect(audited.length).toBe(3);
  });

  it('reminds, once, the invitees without a signed answer when the deadline nears', async () => {
    await sql`update consultations set deadline = now() + interval '1 day' where id = ${id}`.execute(t.database.db);
    expect(await sendReminders(t.database.db)).toBe(1);
    expect(await sendReminders(t.database.db)).toBe(0);
    const n = (await get('/api/notifications', 'vasby')).json().items;
    expect(n.some((x: { type: string; recordId: string }) => x.type === 'consultation.reminder' && x.recordId === id)).toBe(true);
    expect((await get('/api/notifications', 'sollentuna')).json().items.some((x: { type: string }) => x.type === 'consultation.reminder')).toBe(false);
  });

  it('two first drafts at the same moment: one is written, the other answers 409', async () => {
    const body = { version: 0, answers: [{ questionId: q[0].id, choice: ['Partly'] }] };
    const both = await Promise.all([send('PUT', `/api/dialogue/consultations/${id}/response`, 'vasby', body), send('PUT', `/api/dialogue/consultations/${id}/response`, 'vasby', body)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await get(`/api/dialogue/consultations/${id}/response`, 'vasby')).json()).toMatchObject({ status: 'draft', version: 1 });
  });

  it('publishes the synthesis and feedback: every invitee is notified, answers close, and the record shows public answers to all', async () => {
    const current = (await get(`/api/dialogue/consultations/${id}`, 'regional')).json();
    expect((await send('POST', `/api/dialogue/consultations/${id}/publish`, 'sollentuna', { version: current.version, synthesis: 'x', feedback: 'y' })).statusCode).toBe(403);
    const pub = await send('POST', `/api/dialogue/consultations/${id}/publish`, 'regional', { version: current.version, synthesis: 'Two of three municipalities answered.', feedback: 'The deadline moves from 2 to 4 weeks.' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', feedback: 'The deadline moves from 2 to 4 weeks.' });
    for (const who of ['sollentuna', 'sigtuna', 'vasby']) {
      expect((await get('/api/notifications', who)).json().items.some((x: { type: string; recordId: string }) => x.type === 'consultation.published' && x.recordId === id)).toBe(true);
    }
    expect((await send('PUT', `/api/dialogue/consultations/${id}/response`, 'vasby', { version: 0, answers: [] })).statusCode).toBe(409);
    const outsider = await get(`/api/dialogue/consultations/${id}/results`, 'hamburg');
    expect(outsider.statusCode).toBe(200);
    expect(outsider.json()).toMatchObject({ basis: 'public', counted: 1 });
    expect((await get(`/api/dialogue/consultations/${id}/answers`, 'hamburg')).json().items.every((r: { organisation: string }) => r.organisation === 'Sollentuna kommun')).toBe(true);
    expect((await send('PUT', `/api/dialogue/consultations/${id}/response`, 'hamburg', { version: 0, answers: [] })).statusCode).toBe(404);
  });
});

describe('issues raised from below', () => {
  let issue = '';
  it('a municipality raises an issue to its region, others support it, the region answers on record', async () => {
    const region = org['regional_authority:SE110'];
    const bad = await send('POST', '/api/dialogue/issues', 'hamburg', { addressedTo: region, title: 'x', body: 'y' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.addressedTo');
    const r = await send('POST', '/api/dialogue/issues', 'sollentuna', { addressedTo: region, title: 'Reception deadline the border procedure makes impossible', body: 'Notices arrive two days before the persons.' });
    expect(r.statusCode).toBe(201);
    issue = r.json().id;
    expect((await send('POST', `/api/dialogue/issues/${issue}/support`, 'sollentuna')).statusCode).toBe(400);
    const supported = await send('POST', `/api/dialogue/issues/${issue}/support`, 'sigtuna');
    expect(supported.json().supporters.map((s: { name: string }) => s.name)).toEqual(['Sigtuna kommun']);
    expect((await send('POST', `/api/dialogue/issues/${issue}/answer`, 'sigtuna', { answer: 'x' })).statusCode).toBe(403);
    expect((await send('POST', `/api/dialogue/issues/${issue}/answer`, 'national', { answer: 'x' })).statusCode).toBe(403);
    const open = (await get('/api/dialogue/issues?territory=SE11&status=open', 'vasby')).json().items;
    expect(open.map((i: { id: string }) => i.id)).toContain(issue);
    const answered = await send('POST', `/api/dialogue/issues/${issue}/answer`, 'regional', { answer: 'Notices will come at least seven days ahead from January.' });
    expect(answered.json()).toMatchObject({ status: 'answered', answer: 'Notices will come at least seven days ahead from January.' });
    expect((await get('/api/notifications', 'sollentuna')).json().items.some((x: { type: string; recordId: string }) => x.type === 'issue.answered' && x.recordId === issue)).toBe(true);
    expect((await send('POST', `/api/dialogue/issues/${issue}/support`, 'vasby')).statusCode).toBe(409);
  });
});

describe('the good-practice library', () => {
  it('holds the vendored practices, searchable by words, domain and country', async () => {
    const all = (await get('/api/dialogue/practices', 'partner')).json().items;
    expect(all.length).toBe(13);
    expect(all.filter((p: { namedInCemr: boolean }) => p.namedInCemr)).toHaveLength(6);
    expect((await get('/api/dialogue/practices?q=mechelen', 'sollentuna')).json().items.map((p: { id: string }) => p.id)).toContain('mechelen-inclusive-city');
    expect((await get('/api/dialogue/practices?domain=unaccompanied_minors', 'sollentuna')).json().items.map((p: { id: string }) => p.id)).toEqual(['palermo-unaccompanied-minors']);
    const se = (await get('/api/dialogue/practices?country=SE', 'sollentuna')).json().items;
    expect(se.map((p: { id: string }) => p.id)).toEqual(['etableringslyftet']);
    expect(se[0].population).toBeGreaterThan(50_000);
    expect((await get('/api/dialogue/practices?domain=astrology', 'sollentuna')).statusCode).toBe(400);
    expect((await get('/api/dialogue/practices/palermo-unaccompanied-minors', 'sollentuna')).json().sources.length).toBeGreaterThan(0);
    expect((await get('/api/dialogue/practices/nowhere', 'sollentuna')).statusCode).toBe(404);
  });
});
