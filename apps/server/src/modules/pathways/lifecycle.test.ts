// A family's pathway from registration to erasure: plan from a template, worklist alerts, the
// admin moving the end of temporary protection, consent and referral to a partner, a move to
// another municipality, export, erasure (nothing left anywhere) and retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { runRetention } from './service.ts';

let t: TestApp;
const c: Record<string, string> = {};
const P = 'purpose=case_management';
let family: { mother: string; kids: string[]; household: string } = { mother: '', kids: [], household: '' };

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    cw: 'caseworker@hamburg.localpact.eu', officer: 'officer@hamburg.localpact.eu', cwSe: 'caseworker@sollentuna.localpact.eu', officerSe: 'officer@sollentuna.localpact.eu',
    admin: 'admin@localpact.eu', dpo: 'dpo@localpact.eu', lang: 'partner@sprachbruecke-hamburg.localpact.eu', hwk: 'partner@hwk-hamburg.localpact.eu',
    region: 'coordinator@stockholm-region.localpact.eu', bamf: 'coordinator@bamf.localpact.eu',
  })) c[k] = await t.signIn(email);
  const reg = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/people', cookie: c.cw, body: { sex: 'female', nationalities: ['UA'], languages: [{ code: 'uk', level: 'native' }], confirmNotDuplicate: true, status: { typeCode: 'temporary_protection' }, ...body } });
  const m = (await reg({ givenName: 'Ганна', familyName: 'Тестова', birthDate: '1984-02-29', phone: '+49 40 555 0199', email: 'hanna.testova@example.org', address: 'Probestraße 7, Hamburg', identifiers: [{ type: 'tp_certificate', value: 'TPX-123-456' }], preferredLocale: 'uk' })).json();
  const k1 = (await reg({ givenName: 'Дарина', familyName: 'Тестова', birthDate: `${new Date().getUTCFullYear() - 9}-05-05`, householdId: m.householdId, householdRole: 'child' })).json();
  const k2 = (await reg({ givenName: 'Богдан', familyName: 'Тестова', birthDate: `${new Date().getUTCFullYear() - 12}-01-20`, sex: 'male', householdId: m.householdId, householdRole: 'child' })).json();
  family = { mother: m.id, kids: [k1.id, k2.id], household: m.householdId };
});
afterAll(async () => { await t?.close(); });

const get = (url: string, cookie: string) => t.request({ url, cookie });
const post = (url: string, cookie: string, body?: unknown) => t.request({ method: 'POST', url, cookie, body: body ?? {} });
const patch = (url: string, cookie: string, body: unknown) => t.request({ method: 'PATCH', url, cookie, body });
const orgId = async (q: string) => (await get(`/api/organisations?q=${encodeURIComponent(q)}`, c.admin)).json().items[0].id as string;
const worklist = async (cookie = c.cw) => (await get(`/api/worklist?${P}&limit=200`, cookie)).json();

describe('templates and plans', () => {
  it('offers the three seeded templates; officers maintain them with versions, case workers only read', async () => {
    const list = (await get('/api/pathway-templates', c.cw)).json().items;
    expect(list.map((x: { audience: string }) => x.audience).sort()).toEqual(['adult', 'family', 'unaccompanied_minor']);
    const tpl = list.find((x: { audience: string }) => x.audience === 'adult');
    expect((await patch(`/api/pathway-templates/${tpl.id}`, c.cw, { version: tpl.version, name: 'x' })).statusCode).toBe(404);
    const ok = await patch(`/api/pathway-templates/${tpl.id}`, c.officer, { version: tpl.version, description: 'Reviewed by the integration office' });
    expect(ok.statusCode).toBe(200);
    expect((await patch(`/api/pathway-templates/${tpl.id}`, c.officer, { version: tpl.version, description: 'stale' })).statusCode).toBe(409);
    expect((await get('/api/pathway-templates', c.cwSe)).json().items.some((x: { id: string }) => x.id === tpl.id)).toBe(false);
    const created = await post('/api/pathway-templates', c.officer, { name: 'Recognised refugee, single adult', audience: 'adult', steps: [{ domain: 'language', title: 'B2 course', dueAfterDays: 30, for: 'all' }] });
    expect(created.statusCode).toBe(201);
  });

  it('builds a family plan: adults get adult steps, children school and language support', async () => {
    const tpl = (await get('/api/pathway-templates', c.cw)).json().items.find((x: { audience: string }) => x.audience === 'family');
    const res = await post(`/api/households/${family.household}/plan`, c.cw, { templateId: tpl.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().people).toBe(3);
    const mother = (await get(`/api/people/${family.mother}?${P}`, c.cw)).json();
    const kid = (await get(`/api/people/${family.kids[0]}?${P}`, c.cw)).json();
    expect(mother.steps.map((s: { domain: string }) => s.domain)).toContain('employment_training');
    expect(mother.steps.map((s: { domain: string }) => s.domain)).not.toContain('schooling_childcare');
    expect(kid.steps.map((s: { domain: string }) => s.domain)).toContain('schooling_childcare');
    expect(kid.plan.templateId).toBe(tpl.id);
  });

  it('records the person\'s own goals and changes steps with optimistic versions', async () => {
    const goals = 'Я хочу працювати медсестрою і щоб діти ходили до школи поруч.';
    const p1 = await t.request({ method: 'PUT', url: `/api/people/${family.mother}/plan`, cookie: c.cw, body: { version: 1, goals } });
    expect(p1.statusCode).toBe(200);
    expect((await t.request({ method: 'PUT', url: `/api/people/${family.mother}/plan`, cookie: c.cw, body: { version: 1, goals: 'stale' } })).statusCode).toBe(409);
    const mother = (await get(`/api/people/${family.mother}?${P}`, c.cw)).json();
    expect(mother.plan.goals).toBe(goals);
    const step = mother.steps.find((s: { domain: string }) => s.domain === 'employment_training');
    expect((await patch(`/api/steps/${step.id}`, c.cw, { version: step.version, status: 'stopped' })).statusCode).toBe(400);
    const started = await patch(`/api/steps/${step.id}`, c.cw, { version: step.version, status: 'in_progress', notes: 'Nurse in Kharkiv for 12 years', responsibleOrganisationId: await orgId('Handwerkskammer') });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', version: step.version + 1, responsibleOrganisation: { name: expect.stringContaining('Handwerkskammer') } });
    expect((await patch(`/api/steps/${step.id}`, c.cw, { version: step.version, status: 'done' })).statusCode).toBe(409);
    expect((await patch(`/api/steps/${step.id}`, c.cwSe, { version: step.version + 1, status: 'done' })).statusCode).toBe(404);
  });
});

describe('worklist and alerts', () => {
  it('lists school-age children without a school place, overdue steps and people waiting for a language course', async () => {
    const w = await worklist();
    const kinds = (id: string) => w.items.filter((i: { personId: string }) => i.personId === id).map((i: { kind: string }) => i.kind);
    expect(kinds(family.kids[0])).toContain('school_place');
    expect(kinds(family.kids[1])).toContain('school_place');
    expect(w.counts.overdue_step).toBeGreaterThan(0);
    expect(w.counts.waiting_language).toBeGreaterThan(0);
    // Marta Mustermann's humanitarian permit ends in 45 days with no follow-up step.
    expect(w.items.some((i: { kind: string; familyName: string }) => i.kind === 'status_ending' && i.familyName === 'Mustermann')).toBe(true);
    // No temporary-protection alert while its end date is more than 90 days away.
    const tp = await get('/api/status-types', c.cw);
    const end = tp.json().items.find((s: { code: string }) => s.code === 'temporary_protection').endsOn;
    if (new Date(end).getTime() - Date.now() > 91 * 86400_000) expect(kinds(family.mother)).not.toContain('status_ending');
    // Sollentuna sees none of Hamburg's people.
    expect((await worklist(c.cwSe)).items.some((i: { personId: string }) => [family.mother, ...family.kids].includes(i.personId))).toBe(false);
  });

  it('shows the status-ending alert once the admin moves the end of temporary protection within 90 days', async () => {
    const types = (await get('/api/status-types', c.admin)).json().items;
    const tp = types.find((s: { code: string }) => s.code === 'temporary_protection');
    expect((await patch('/api/status-types/temporary_protection', c.cw, { version: tp.version, endsOn: '2026-12-31' })).statusCode).toBe(403);
    const soon = new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10);
    const moved = await patch('/api/status-types/temporary_protection', c.admin, { version: tp.version, endsOn: soon });
    expect(moved.statusCode).toBe(200);
    expect((await patch('/api/status-types/temporary_protection', c.admin, { version: tp.version, endsOn: soon })).statusCode).toBe(409);
    const w = await worklist();
    expect(w.items.find((i: { personId: string; kind: string }) => i.personId === family.mother && i.kind === 'status_ending')).toMatchObject({ statusType: 'temporary_protection', endsOn: soon });
    // A follow-up step in documents & legal takes the person off the alert.
    const step = await post(`/api/people/${family.mother}/steps`, c.cw, { domain: 'documents_legal', title: 'Apply for a residence permit for employment', dueOn: soon, followUp: true });
    expect(step.statusCode).toBe(201);
    expect((await worklist()).items.some((i: { personId: string; kind: string }) => i.personId === family.mother && i.kind === 'status_ending')).toBe(false);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'status_type.update').execute();
    expect(audit.at(-1)!.detail).toMatchObject({ to: soon });
  });

  it('gives the municipality aggregates and regions/states counts only', async () => {
    const mine = await get('/api/pathways/aggregate', c.officer);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().people).toBeGreaterThan(5);
    expect(mine.json().byNationality.UA).toBeGreaterThan(3);
    const bamf = await get('/api/pathways/aggregate', c.bamf);
    expect(bamf.statusCode).toBe(200);
    expect(bamf.json().people).toBe(mine.json().people);
    expect(bamf.body).not.toMatch(/Тестова|Mustermann|givenName/);
    expect((await get('/api/pathways/aggregate', c.cw)).statusCode).toBe(403);
    expect((await get('/api/pathways/aggregate?territory=SE', c.bamf)).statusCode).toBe(404);
  });
});

describe('consent and referrals', () => {
  it('refuses a referral without the matching consent, with a clear reason', async () => {
    const lang = await orgId('Sprachbrücke');
    const res = await post(`/api/people/${family.mother}/referrals`, c.cw, { partnerOrganisationId: lang, shares: ['name', 'languages'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toContain('consent-required');
    expect(res.json().detail).toContain('Sprachbrücke');
    const denied = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'referral.refused').execute();
    expect(denied.some((r) => r.record_id === family.mother && r.outcome === 'denied')).toBe(true);
    // A consent for another partner does not count.
    await post(`/api/people/${family.mother}/consents`, c.cw, { purpose: 'share_with_partner', partnerOrganisationId: await orgId('Handwerkskammer'), givenOn: '2026-01-10', how: 'in_writing' });
    expect((await post(`/api/people/${family.mother}/referrals`, c.cw, { partnerOrganisationId: lang, shares: ['name'] })).statusCode).toBe(422);
  });

  it('with consent, the partner sees only what the referral shares; withdrawal ends it', async () => {
    const lang = await orgId('Sprachbrücke');
    const consents = await post(`/api/people/${family.mother}/consents`, c.cw, { purpose: 'share_with_partner', partnerOrganisationId: lang, givenOn: '2026-01-10', how: 'orally_with_interpreter' });
    expect(consents.statusCode).toBe(201);
    const mother = (await get(`/api/people/${family.mother}?${P}`, c.cw)).json();
    const langStep = mother.steps.find((s: { domain: string }) => s.domain === 'language');
    const ref = await post(`/api/people/${family.mother}/referrals`, c.cw, { partnerOrganisationId: lang, shares: ['name', 'languages', 'step'], stepId: langStep.id, note: 'Evening course preferred' });
    expect(ref.statusCode).toBe(201);
    const incoming = (await get('/api/referrals?purpose=course+enrolment', c.lang)).json().items;
    const view = incoming.find((r: { id: string }) => r.id === ref.json().id);
    expect(view.person).toEqual({ givenName: 'Ганна', familyName: 'Тестова', languages: [{ code: 'uk', level: 'native' }] });
    expect(view.step).toMatchObject({ domain: 'language' });
    expect(JSON.stringify(view)).not.toMatch(/555 0199|TPX-123|Probestraße|1984/);
    // The partner still cannot open the person record itself, nor can another partner see the referral.
    expect((await get(`/api/people/${family.mother}?${P}`, c.lang)).statusCode).toBe(404);
    expect((await get(`/api/referrals/${ref.json().id}?purpose=x-check`, c.hwk)).statusCode).toBe(404);
    expect((await get(`/api/referrals/${ref.json().id}?purpose=enrolment`, c.lang)).statusCode).toBe(200);
    const accepted = await patch(`/api/referrals/${ref.json().id}`, c.lang, { version: 1, status: 'accepted' });
    expect(accepted.statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_log').leftJoin('audit_texts as x', 'x.id', 'audit_log.text_id').select(sql<string | null>`x.text::jsonb->>'purpose'`.as('purpose')).where('action', '=', 'referral.read').where('record_id', '=', family.mother).execute();
    expect(audit.some((a) => a.purpose === 'course enrolment')).toBe(true);
    // Withdrawal closes the referral: the partner sees nothing any more.
    const consentId = consents.json().items.find((x: { partnerOrganisation: { id: string } | null }) => x.partnerOrganisation?.id === lang).id;
    expect((await post(`/api/consents/${consentId}/withdraw`, c.cw)).statusCode).toBe(200);
    expect((await get(`/api/referrals/${ref.json().id}?purpose=enrolment`, c.lang)).statusCode).toBe(404);
    expect((await get('/api/referrals?purpose=list', c.lang)).json().items.some((r: { id: string }) => r.id === ref.json().id)).toBe(false);
  });
});

describe('moving a household', () => {
  it('hands a household over with the adults\' consent, audited on both sides', async () => {
    const reg = await post('/api/people', c.cw, { givenName: 'Viktor', familyName: 'Umzug', birthDate: '1970-03-03', sex: 'male', nationalities: ['UA'], languages: [], confirmNotDuplicate: true, status: { typeCode: 'temporary_protection' } });
    const v = reg.json();
    const to = await orgId('Sollentuna kommun');
    expect((await post(`/api/households/${v.householdId}/transfer`, c.cw, { toOrganisationId: to })).statusCode).toBe(422);
    await post(`/api/people/${v.id}/consents`, c.cw, { purpose: 'transfer', partnerOrganisationId: to, givenOn: '2026-02-01', how: 'in_writing' });
    const moved = await post(`/api/households/${v.householdId}/transfer`, c.cw, { toOrganisationId: to, reason: 'family reunification' });
    expect(moved.statusCode).toBe(200);
    expect((await get(`/api/people/${v.id}?${P}`, c.cw)).statusCode).toBe(404);
    expect((await get(`/api/people/${v.id}?${P}`, c.cwSe)).json().organisation.id).toBe(to);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', v.householdId).execute();
    expect(rows.find((r) => r.action === 'household.transfer_out')!.organisation_id).toBe(await orgId('Hamburg-Mitte'));
    expect(rows.find((r) => r.action === 'household.transfer_in')!.organisation_id).toBe(to);
  });
});

describe('the person\'s rights: export, correction, erasure, retention', () => {
  it('corrects data and keeps the history', async () => {
    const before = (await get(`/api/people/${family.mother}?${P}`, c.cw)).json();
    const res = await patch(`/api/people/${family.mother}`, c.cw, { version: before.version, familyName: 'Тестова-Коваль', reason: 'Spelling from the passport' });
    expect(res.statusCode).toBe(200);
    expect(res.json().corrections).toEqual([expect.objectContaining({ field: 'familyName', oldValue: 'Тестова', newValue: 'Тестова-Коваль', reason: 'Spelling from the passport' })]);
    expect((await patch(`/api/people/${family.mother}`, c.cw, { version: before.version, familyName: 'stale' })).statusCode).toBe(409);
  });

  it('lets the DPO find, export and erase the family: nothing of them is left anywhere, statistics unchanged', async () => {
    const found = await get(`/api/subject-requests/people?q=${encodeURIComponent('Testova')}&purpose=${encodeURIComponent('GDPR request 2026-17')}`, c.dpo);
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((p: { id: string }) => p.id).sort()).toEqual([family.mother, ...family.kids].sort());
    expect((await get(`/api/subject-requests/people?q=Testova&purpose=x-request`, c.lang)).statusCode).toBe(403);

    const exp = await get(`/api/people/${family.mother}/export?purpose=${encodeURIComponent('GDPR request 2026-17')}`, c.dpo);
    expect(exp.statusCode).toBe(200);
    const data = exp.json();
    expect(data.language).toBe('uk');
    expect(data.person).toMatchObject({ givenName: 'Ганна', phone: '+49 40 555 0199', identifiers: [{ type: 'tp_certificate', value: 'TPX-123-456' }] });
    expect(data.person.plan.goals).toContain('медсестрою');
    expect(data.accesses.some((a: { purpose: string }) => a.purpose === 'course enrolment')).toBe(true);

    const stats = async () => {
      const byStatus = await t.database.db.selectFrom('legal_statuses').select(['type_code', (eb) => eb.fn.countAll<number>().as('n')]).where('current', '=', true).groupBy('type_code').orderBy('type_code').execute();
      const byNat = await sql<{ c: string; n: number }>`select c, count(*)::int as n from people, unnest(nationalities) c group by c order by c`.execute(t.database.db);
      const agg = (await get('/api/pathways/aggregate', c.officer)).json();
      return { byStatus: byStatus.map((r) => [r.type_code, Number(r.n)]), byNat: byNat.rows, agg: { people: agg.people, byStatus: agg.byStatus, byNationality: agg.byNationality } };
    };
    const before = await stats();
    const erased = await post(`/api/households/${family.household}/erase`, c.dpo, { reason: 'Art. 17 request of 2026-02-14' });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().erased).toBe(3);
    expect(await stats()).toEqual(before);

    // Search every text, varchar, json and array column of every table for anything that named them.
    const needles = ['Ганна', 'Тестова', 'Дарина', 'Богдан', 'Testova', 'hanna.testova', '555 0199', 'TPX-123-456', 'Probestraße', 'медсестрою', 'Nurse in Kharkiv', 'Evening course', '1984-02-29', 'Spelling from the passport'];
    const cols = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select c.table_name, c.column_name, c.data_type from information_schema.columns c
        join information_schema.tables tb on tb.table_name = c.table_name and tb.table_schema = c.table_schema
       where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
         and (c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'date'))`.execute(t.database.db);
    expect(cols.rows.length).toBeGreaterThan(30);
    const hits: string[] = [];
    for (const col of cols.rows) {
      const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(col.table_name)} where ${sql.ref(col.column_name)}::text ilike any (${needles.map((n) => `%${n}%`)})`.execute(t.database.db);
      if (r.rows[0].n > 0) hits.push(`${col.table_name}.${col.column_name}`);
    }
    expect(hits).toEqual([]);

    // Gone from every list, and from the gate's reach.
    expect((await get(`/api/people?${P}&limit=200`, c.cw)).json().items.some((p: { id: string }) => [family.mother, ...family.kids].includes(p.id))).toBe(false);
    expect((await get(`/api/worklist?${P}&limit=200`, c.cw)).json().items.some((p: { personId: string }) => [family.mother, ...family.kids].includes(p.personId))).toBe(false);
    expect((await get(`/api/people/${family.mother}?${P}`, c.cw)).statusCode).toBe(404);
    const row = await t.database.db.selectFrom('people').select(['birth_date', 'birth_year', 'erased_at']).where('id', '=', family.mother).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ birth_date: null, birth_year: 1984 });
  });

  it('the retention job anonymises cases closed longer than the period, and only those', async () => {
    const [amal] = (await get(`/api/people?${P}&q=Mithal`, c.cw)).json().items;
    const [nabil] = (await get(`/api/people?${P}&q=Namuna`, c.cw)).json().items;
    expect((await post(`/api/people/${amal.id}/close`, c.cw, { closed: true })).statusCode).toBe(200);
    expect((await post(`/api/people/${nabil.id}/close`, c.cw, { closed: true })).statusCode).toBe(200);
    await sql`update people set closed_at = now() - interval '800 days' where id = ${amal.id}`.execute(t.database.db);
    expect(await runRetention(t.database.db, 730, { dryRun: true })).toEqual({ due: 1, erased: 0 });
    expect(await runRetention(t.database.db, 730)).toEqual({ due: 1, erased: 1 });
    expect(await t.database.db.selectFrom('person_identities').select('person_id').where('person_id', '=', amal.id).executeTakeFirst()).toBeUndefined();
    expect(await t.database.db.selectFrom('person_identities').select('person_id').where('person_id', '=', nabil.id).executeTakeFirst()).toBeDefined();
  });
});
