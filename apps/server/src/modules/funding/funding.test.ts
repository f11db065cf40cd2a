// EU funding through the HTTP API on the demo data: calls that fit, a project's life cycle and
// money, who sees it, and the indicators against a hand count on generated pathway records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { asSystem } from '../../platform/context.ts';
import { totals, withFlatRate } from './money.ts';

let t: TestApp;
const c: Record<string, string> = {};
const org: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, email] of Object.entries({
    officer: 'officer@hamburg.localpact.eu', cw: 'caseworker@hamburg.localpact.eu', officerSe: 'officer@sollentuna.localpact.eu', admin: 'admin@localpact.eu',
    lang: 'partner@sprachbruecke-hamburg.localpact.eu', hwk: 'partner@hwk-hamburg.localpact.eu', bamf: 'coordinator@bamf.localpact.eu',
  })) c[k] = await t.signIn(email);
  const rows = await asSystem(t.database.db, (trx) => trx.selectFrom('organisations').select(['id', 'name']).execute());
  const find = (s: string) => rows.find((r) => r.name.includes(s))!.id;
  Object.assign(org, { hamburg: find('Hamburg-Mitte'), sprach: find('Sprachbrücke'), hwk: find('Handwerkskammer'), sollentuna: find('Sollentuna kommun') });
});
afterAll(async () => { await t?.close(); });

const get = (url: string, cookie: string) => t.request({ url, cookie });
const send = (method: string, url: string, cookie: string, body: unknown) => t.request({ method, url, cookie, body });

describe('funds and calls', () => {
  it('lists the funds with their rules from the vendored data', async () => {
    const items = (await get('/api/funding/instruments', c.officer)).json().items as Array<{ code: string; maxCofinancingPercent: number | null; higherRates: Array<{ percent: number }>; reportingDates: Array<{ month: number; indicators: boolean }> }>;
    const amif = items.find((i) => i.code === 'amif')!;
    expect(amif.maxCofinancingPercent).toBe(75);
    expect(amif.higherRates.map((h) => h.percent)).toContain(90);
    expect(amif.reportingDates.filter((d) => d.indicators).map((d) => d.month)).toEqual([1, 7]);
  });

  it('shows an officer the open calls its organisation may apply to, and no others', async () => {
    const hamburg = (await get('/api/funding/calls?fitsMe=true', c.officer)).json().items as Array<{ reference: string; open: boolean; daysLeft: number }>;
    expect(hamburg.map((x) => x.reference).sort()).toEqual([expect.stringMatching(/^DEMO-AMIF-\d+-TF2-AG-LOCAL$/), expect.stringMatching(/^DEMO-AMIF-DE-\d+-INT$/)].sort());
    expect(hamburg.every((x) => x.open && x.daysLeft >= 0)).toBe(true);
    const sollentuna = (await get('/api/funding/calls?fitsMe=true', c.officerSe)).json().items as Array<{ reference: string }>;
    expect(sollentuna.map((x) => x.reference).sort()).toEqual([expect.stringMatching(/TF2-AG-LOCAL$/), expect.stringMatching(/^DEMO-ESF-SE/)].sort());
    // Every call, closed ones too, without the filter.
    expect((await get('/api/funding/calls', c.officer)).json().items.some((x: { open: boolean }) => !x.open)).toBe(true);
  });

  it('lets a national coordinator publish a call for its own country only, with field errors', async () => {
    const call = { instrumentCode: 'amif', reference: 'TEST-DE-1', title: 'Test call', opensOn: '2026-01-01', deadline: '2026-03-01', budgetEur: 100000, applicantRoutes: ['national_programme'], eligibleKinds: ['municipality'], territoryCode: 'DE', activityKinds: ['language_course'] };
    expect((await send('POST', '/api/funding/calls', c.officer, call)).statusCode).toBe(403);
    const se = await send('POST', '/api/funding/calls', c.bamf, { ...call, territoryCode: 'SE' });
    expect(se.statusCode).toBe(400);
    expect(se.json().errors[0].path).toBe('body.territoryCode');
    const late = await send('POST', '/api/funding/calls', c.bamf, { ...call, deadline: '2025-12-01' });
    expect(late.json().errors[0].path).toBe('body.deadline');
    const high = await send('POST', '/api/funding/calls', c.bamf, { ...call, cofinancingPercent: 101 });
    expect(high.statusCode).toBe(400);
    expect((await send('POST', '/api/funding/calls', c.bamf, call)).statusCode).toBe(201);
    expect((await send('POST', '/api/funding/calls', c.bamf, call)).statusCode).toBe(409);
  });
});

describe('the money, done for the user', () => {
  it('computes flat rates per year and the shares', () => {
    const lines = [{ year: 2026, category: 'staff' as const, amountEur: 100000 }, { year: 2026, category: 'other_direct' as const, amountEur: 50000 }, { year: 2027, category: 'staff' as const, amountEur: 10000 }];
    expect(withFlatRate('indirect_7_direct', lines).filter((l) => l.computed)).toEqual([{ year: 2026, category: 'indirect', amountEur: 10500, computed: true }, { year: 2027, category: 'indirect', amountEur: 700, computed: true }]);
    expect(withFlatRate('indirect_15_staff', lines).filter((l) => l.computed).map((l) => l.amountEur)).toEqual([15000, 1500]);
    expect(withFlatRate('staff_20_other_direct', [{ year: 2026, category: 'travel', amountEur: 1000 }]).find((l) => l.computed)).toMatchObject({ category: 'staff', amountEur: 200 });
    const s = totals('indirect_7_direct', lines, 90, 8000, [{ year: 2026, category: 'staff', amountEur: 20000 }]);
    expect(s).toMatchObject({ directEur: 160000, flatRateEur: 11200, totalEur: 171200, euEur: 154080, nationalEur: 8000, ownEur: 9120, declaredEur: 21400 });
    expect(s.byCategory.indirect).toEqual({ budgetEur: 11200, declaredEur: 1400 });
  });
});

describe('a project: life cycle, rules, who sees it', () => {
  let id = '';
  let version = 0;
  const base = () => ({
    instrumentCode: 'amif', title: 'Sprachbrücke: German for newcomers', acronym: 'SPRB', startsOn: '2026-01-01', endsOn: '2027-12-31', cofinancingPercent: 90, nationalCofinancingEur: 8000, flatRate: 'indirect_7_direct',
    partners: [{ organisationId: org.sprach, role: 'partner' }],
    budget: [{ year: 2026, category: 'staff', amountEur: 100000 }, { year: 2026, category: 'other_direct', amountEur: 50000 }],
    activities: [{ kind: 'language_course', domains: ['language'], deliveredBy: [org.sprach], from: '2026-01-01', to: '2027-12-31', languageCode: 'de' }],
  });

  it('records an application with partners and budget, the sums computed', async () => {
    const callId = ((await get('/api/funding/calls?fitsMe=true', c.officer)).json().items as Array<{ id: string; reference: string }>).find((x) => x.reference.startsWith('DEMO-AMIF-DE'))!.id;
    const res = await send('POST', '/api/funding/projects', c.officer, { ...base(), callId });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    ({ id, version } = p);
    expect(p).toMatchObject({ status: 'draft', next: ['submitted'], editable: true, partners: [{ organisation: { id: org.sprach }, role: 'partner' }] });
    expect(p.totals).toMatchObject({ directEur: 150000, flatRateEur: 10500, totalEur: 160500, euEur: 144450, ownEur: 8050 });
    expect(p.budget.find((l: { computed: boolean }) => l.computed)).toMatchObject({ year: 2026, category: 'indirect', amountEur: 10500 });
  });

  it('refuses bad input with the field in error, never a 500', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ cofinancingPercent: 95, callId: ((await get('/api/funding/calls?fitsMe=true', c.officer)).json().items as Array<{ id: string; reference: string }>).find((x) => x.reference.startsWith('DEMO-AMIF-DE'))!.id }, 'body.cofinancingPercent'],
      [{ budget: [{ year: 2026, category: 'indirect', amountEur: 5 }] }, 'body.budget.0.category'],
      [{ budget: [{ year: 2030, category: 'staff', amountEur: 5 }] }, 'body.budget.0.year'],
      [{ partners: [{ organisationId: org.hamburg, role: 'partner' }] }, 'body.partners.0.organisationId'],
      [{ nationalCofinancingEur: 1e9 }, 'body.nationalCofinancingEur'],
      [{ endsOn: '2025-01-01' }, 'body.endsOn'],
      [{ instrumentCode: 'nope' }, 'body.instrumentCode'],
      [{ activities: [{ kind: 'language_course', domains: ['language'], deliveredBy: ['00000000-0000-4000-8000-000000000000'], from: '2026-01-01', to: '2026-02-01' }] }, 'body.activities.0.deliveredBy.0'],
    ];
    for (const [change, path] of cases) {
      const res = await send('POST', '/api/funding/projects', c.officer, { ...base(), ...change });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path), path).toContain(path);
    }
  });

  it('moves only along draft → submitted → granted → running → closed; anything else is 409', async () => {
    const move = (to: string, v = version) => send('POST', `/api/funding/projects/${id}/transition`, c.officer, { version: v, to });
    const wrong = await move('granted');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().allowed).toEqual(['submitted']);
    expect((await send('POST', `/api/funding/projects/${id}/expenditures`, c.officer, { year: 2026, category: 'staff', amountEur: 100, documentRef: 'INV-1', declaredOn: '2026-03-01' })).statusCode).toBe(409);
    let r = await move('submitted');
    expect(r.statusCode).toBe(200);
    version = r.json().version;
    expect((await move('granted', version - 1)).statusCode).toBe(409); // stale version
    r = await move('granted'); version = r.json().version;
    expect(r.json().status).toBe('granted');
    // Once granted, the budget is fixed.
    expect((await send('PATCH', `/api/funding/projects/${id}`, c.officer, { version, budget: [] })).statusCode).toBe(409);
    expect((await move('closed')).statusCode).toBe(409);
    r = await move('running'); version = r.json().version;
    const e = await send('POST', `/api/funding/projects/${id}/expenditures`, c.officer, { year: 2026, category: 'staff', amountEur: 20000, documentRef: 'Payroll 2026-03', declaredOn: '2026-04-01' });
    expect(e.statusCode).toBe(201);
    expect(e.json().totals).toMatchObject({ declaredEur: 21400 });
    expect(e.json().totals.byCategory.staff).toEqual({ budgetEur: 100000, declaredEur: 20000 });
    const ms = await send('POST', `/api/funding/projects/${id}/milestones`, c.officer, { title: 'First course cohort', dueOn: '2026-06-30', ownerOrganisationId: org.sprach, deliverable: 'Attendance report' });
    expect(ms.statusCode).toBe(201);
    expect((await send('POST', `/api/funding/projects/${id}/milestones`, c.officer, { title: 'x', dueOn: '2026-06-30', ownerOrganisationId: org.hwk })).statusCode).toBe(400);
    version = ms.json().version;
  });

  it('shows a partner its project (read only) and nobody else', async () => {
    expect((await get('/api/funding/projects', c.lang)).json().items.map((p: { id: string }) => p.id)).toContain(id);
    const p = await get(`/api/funding/projects/${id}`, c.lang);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ editable: false, next: [] });
    expect((await send('PATCH', `/api/funding/projects/${id}`, c.lang, { version, title: 'mine' })).statusCode).toBe(404);
    expect((await get(`/api/funding/projects/${id}`, c.hwk)).statusCode).toBe(404);
    expect((await get('/api/funding/projects', c.hwk)).json().items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await get(`/api/funding/projects/${id}`, c.officerSe)).statusCode).toBe(404);
    // The national coordinator of the country sees it (reach over its territory), cannot change it.
    expect((await get(`/api/funding/projects/${id}`, c.bamf)).statusCode).toBe(200);
    expect((await send('PATCH', `/api/funding/projects/${id}`, c.bamf, { version, title: 'theirs' })).statusCode).toBe(404);
  });

  it('counts the people of partner municipalities too, and then withholds small cells even from the applicant', async () => {
    const etab = ((await get('/api/funding/projects', c.officerSe)).json().items as Array<{ id: string; acronym: string | null }>).find((p) => p.acronym === 'ETAB')!;
    const r = (await get(`/api/funding/projects/${etab.id}/indicators`, c.officerSe)).json();
    expect(r.suppressedBelow).toBe(t.config.smallCellThreshold);
    // Sollentuna, Upplands Väsby and Sigtuna: three local authorities supported (ESF+ Annex I, section 2).
    expect(r.items.find((i: { id: string }) => i.id === 'ESF-2-1').value).toBe(3);
  });
});

// ---- indicators against a hand count ---------------------------------------------------------------
const EU = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);
const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1'];
interface GenStep { domain: string; by: string | null; status: string; started: string | null; done: string | null }
interface GenPerson { id?: string; holder: string; sex: string; birthYear: number; nationalities: string[]; level0: string | null; corrections: Array<{ at: string; level: string }>; steps: GenStep[] }

function rng(seed: number) { let s = seed >>> 0; return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32); }
const addDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86400_000).toISOString().slice(0, 10);

function generate(n: number, seed: number): GenPerson[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const level0 = r() < 0.2 ? null : pick(LEVELS.slice(0, 3));
    const corrections: GenPerson['corrections'] = [];
    let lv = level0 ? LEVELS.indexOf(level0) : -1;
    for (let k = 0; k < Math.floor(r() * 3); k++) { lv = Math.min(4, lv + (r() < 0.8 ? 1 : -1 + (lv < 0 ? 1 : 0))); if (lv >= 0) corrections.push({ at: addDays('2025-10-01', Math.floor(r() * 420)), level: LEVELS[lv] }); }
    corrections.sort((a, b) => a.at.localeCompare(b.at));
    const steps = Array.from({ length: Math.floor(r() * 4) }, (): GenStep => {
      const status = pick(['planned', 'in_progress', 'done', 'stopped']);
      const started = status === 'planned' ? null : addDays('2025-09-01', Math.floor(r() * 500));
      return { domain: pick(['language', 'language', 'employment_training', 'qualifications', 'documents_legal']), by: pick([null, org.sprach, org.sprach, org.hwk]), status, started, done: status === 'done' || status === 'stopped' ? addDays(started!, 20 + Math.floor(r() * 150)) : null };
    });
    return { holder: i % 10 === 9 ? org.sollentuna : org.hamburg, sex: pick(['female', 'male', 'other', 'unknown']), birthYear: 1945 + Math.floor(r() * 70), nationalities: pick([['UA'], ['SY'], ['AF', 'IR'], ['DE'], ['FR', 'SY'], []]), level0, corrections, steps };
  });
}

const AS_OF = '2026-07-31';
const activities = () => [
  { kind: 'language_course', domains: ['language'], deliveredBy: [org.sprach], from: '2026-01-01', to: '2026-12-31', languageCode: 'de' },
  { kind: 'professional_guidance', domains: ['employment_training'], deliveredBy: [org.hamburg, org.hwk], from: '2026-01-01', to: '2026-12-31' },
  { kind: 'recognition_application', domains: ['qualifications'], deliveredBy: [org.hamburg], from: '2025-06-01', to: '2026-05-31' },
];

/** The hand count: each person's activities, entry date, CEFR improvement, straight from the generated facts. */
function handCount(people: GenPerson[]) {
  const acts = activities();
  const rows: Array<{ p: GenPerson; kinds: Set<string>; entry: string; improved: boolean }> = [];
  for (const p of people) {
    if (p.holder !== org.hamburg) continue;
    const kinds = new Set<string>(); let entry = ''; let langStart = '';
    for (const s of p.steps) {
      if (!s.started || s.status === 'planned') continue;
      acts.forEach((a) => {
        const by = s.by ?? p.holder;
        const to = a.to < AS_OF ? a.to : AS_OF;
        if (!a.domains.includes(s.domain) || !a.deliveredBy.includes(by) || s.started! > to || (s.done ?? '9999-12-31') < a.from) return;
        kinds.add(a.kind);
        if (!entry || s.started! < entry) entry = s.started!;
        if (a.kind === 'language_course' && s.status === 'done' && s.done! <= AS_OF && (!langStart || s.started! < langStart)) langStart = s.started!;
      });
    }
    if (!kinds.size) continue;
    const levelAt = (d: string) => { const next = p.corrections.findIndex((x) => x.at >= d); const lvl = next === -1 ? p.corrections.at(-1)?.level ?? p.level0 : next === 0 ? p.level0 : p.corrections[next - 1].level; return lvl ? LEVELS.indexOf(lvl) + 1 : 0; };
    rows.push({ p, kinds, entry, improved: !!langStart && levelAt(addDays(AS_OF, 1)) > levelAt(langStart) });
  }
  return rows;
}

describe('indicators computed from the record', () => {
  let people: GenPerson[] = [];
  let amifId = '', esfId = '';

  beforeAll(async () => {
    people = generate(400, 20261204);
    await asSystem(t.database.db, async (trx) => {
      for (const p of people) {
        const current = p.corrections.at(-1)?.level ?? p.level0;
        const row = await trx.insertInto('people').values({ organisation_id: p.holder, birth_year: p.birthYear, birth_date: `${p.birthYear}-06-15`, sex: p.sex, nationalities: p.nationalities, languages: JSON.stringify(current ? [{ code: 'de', level: current }] : []) }).returning('id').executeTakeFirstOrThrow();
        p.id = row.id;
        await trx.insertInto('person_identities').values({ person_id: row.id, organisation_id: p.holder, given_name: `Gen${row.id.slice(0, 6)}`, family_name: 'Generated', identifiers: '[]', name_key: 'gen', search_text: 'gen generated' }).execute();
        let prev = p.level0;
        for (const x of p.corrections) {
          await trx.insertInto('person_corrections').values({ person_id: row.id, organisation_id: p.holder, field: 'languages', old_value: JSON.stringify(prev ? [{ code: 'de', level: prev }] : []), new_value: JSON.stringify([{ code: 'de', level: x.level }]), at: `${x.at}T12:00:00Z`, reason: 'exam' }).execute();
          prev = x.level;
        }
        if (p.steps.length) {
          await trx.insertInto('pathway_plans').values({ person_id: row.id, organisation_id: p.holder }).execute();
          await trx.insertInto('pathway_steps').values(p.steps.map((s, i) => ({ person_id: row.id, organisation_id: p.holder, domain: s.domain, title: `Step ${i}`, status: s.status, started_on: s.started, done_on: s.done, responsible_organisation_id: s.by, position: i }))).execute();
        }
      }
    });
    const mk = async (instrumentCode: string, cofinancingPercent: number) => (await send('POST', '/api/funding/projects', c.officer, {
      instrumentCode, title: `Generated ${instrumentCode}`, startsOn: '2025-06-01', endsOn: '2027-12-31', cofinancingPercent, partners: [{ organisationId: org.sprach, role: 'partner' }], activities: activities(),
    })).json().id as string;
    amifId = await mk('amif', 75);
    esfId = await mk('esf_plus', 40);
  });

  const report = async (id: string, cookie = c.officer) => {
    const r = await get(`/api/funding/projects/${id}/indicators?asOf=${AS_OF}`, cookie);
    expect(r.statusCode).toBe(200);
    return r.json() as { participants: number | null; suppressedBelow: number | null; items: Array<{ id: string; value: number | null; breakdown: Record<string, number | null> | null; source: string }> };
  };
  const value = (r: Awaited<ReturnType<typeof report>>, id: string) => r.items.find((i) => i.id === id)!;

  it('equals the hand count: AMIF participants, language courses, guidance, recognition, CEFR improvement, by sex and age', async () => {
    const rows = handCount(people);
    expect(rows.length).toBeGreaterThan(30); // the generated record is not trivially empty
    const r = await report(amifId);
    expect(r.suppressedBelow).toBeNull();
    expect(r.participants).toBe(rows.length);
    expect(value(r, 'AMIF-SO2-O3').value).toBe(rows.length);
    expect(value(r, 'AMIF-SO2-O3.1').value).toBe(rows.filter((x) => x.kinds.has('language_course')).length);
    expect(value(r, 'AMIF-SO2-O3.3').value).toBe(rows.filter((x) => x.kinds.has('professional_guidance')).length);
    expect(value(r, 'AMIF-SO2-R10').value).toBe(rows.filter((x) => x.kinds.has('recognition_application')).length);
    const improved = rows.filter((x) => x.improved).length;
    expect(improved).toBeGreaterThan(0);
    expect(value(r, 'AMIF-SO2-R8').value).toBe(improved);
    const age = (x: (typeof rows)[number]) => Number(x.entry.slice(0, 4)) - x.p.birthYear;
    expect(value(r, 'AMIF-SO2-O3').breakdown).toEqual({
      female: rows.filter((x) => x.p.sex === 'female').length, male: rows.filter((x) => x.p.sex === 'male').length, other: rows.filter((x) => x.p.sex === 'other').length, unknown: rows.filter((x) => x.p.sex === 'unknown').length,
      under_18: rows.filter((x) => age(x) < 18).length, '18_60': rows.filter((x) => age(x) >= 18 && age(x) <= 60).length, over_60: rows.filter((x) => age(x) > 60).length,
    });
    // The project's local and regional authorities: Hamburg (the partner NGO is none); an LRG leads it.
    expect(value(r, 'AMIF-SO2-O2').value).toBe(1);
    expect(value(r, 'AMIF-SO2-O7').value).toBe(1);
    // A survey indicator is entered, not computed.
    expect(value(r, 'AMIF-SO2-R9')).toMatchObject({ source: 'entered', value: null });
  });

  it('equals the hand count for ESF+: age groups, third-country nationals, total', async () => {
    const rows = handCount(people);
    const age = (x: (typeof rows)[number]) => Number(x.entry.slice(0, 4)) - x.p.birthYear;
    const r = await report(esfId);
    expect(value(r, 'ESF-1.1-11').value).toBe(rows.length);
    expect(value(r, 'ESF-1.1-5').value).toBe(rows.filter((x) => age(x) < 18).length);
    expect(value(r, 'ESF-1.1-6').value).toBe(rows.filter((x) => age(x) >= 18 && age(x) <= 29).length);
    expect(value(r, 'ESF-1.1-7').value).toBe(rows.filter((x) => age(x) >= 55).length);
    expect(value(r, 'ESF-1.2-2').value).toBe(rows.filter((x) => x.p.nationalities.length > 0 && !x.p.nationalities.some((n) => EU.has(n))).length);
    expect(value(r, 'ESF-1.1-1')).toMatchObject({ source: 'entered', value: null }); // labour-market status: not in the record
  });

  it('never counts a person outside the project\'s activities', async () => {
    const rows = handCount(people);
    const counted = new Set(rows.map((x) => x.p.id));
    // Sollentuna's people, planned-only steps, other deliverers or other periods: none is a participant.
    const outside = people.filter((p) => !counted.has(p.id));
    expect(outside.some((p) => p.holder === org.sollentuna && p.steps.some((s) => s.domain === 'language' && s.by === org.sprach && s.started))).toBe(true);
    const listed = (await get(`/api/funding/projects/${amifId}/participants?purpose=funding_report&asOf=${AS_OF}`, c.officer)).json().items as Array<{ personId: string }>;
    const generatedIds = new Set(people.map((p) => p.id));
    const listedGenerated = listed.filter((x) => generatedIds.has(x.personId)).map((x) => x.personId);
    expect(listedGenerated.sort()).toEqual([...counted].sort());
  });

  it('keeps the counts when participants are erased, and never lists them again', async () => {
    const before = await report(amifId);
    const rows = handCount(people);
    const erased = rows.filter((x) => x.improved).slice(0, 3).concat(rows.filter((x) => !x.improved).slice(0, 3));
    for (const x of erased) expect((await send('POST', `/api/people/${x.p.id}/erase`, c.officer, { reason: 'GDPR Art. 17 request' })).statusCode).toBe(200);
    const after = await report(amifId);
    expect(after.items.map((i) => [i.id, i.value, i.breakdown])).toEqual(before.items.map((i) => [i.id, i.value, i.breakdown]));
    const listed = (await get(`/api/funding/projects/${amifId}/participants?purpose=funding_report&asOf=${AS_OF}`, c.officer)).json().items as Array<{ personId: string }>;
    for (const x of erased) expect(listed.map((l) => l.personId)).not.toContain(x.p.id);
  });

  it('withholds small cells from readers other than the applicant\'s staff; the partner sees counts, never people', async () => {
    const partner = await report(amifId, c.lang);
    expect(partner.suppressedBelow).toBe(t.config.smallCellThreshold);
    const exact = await report(amifId);
    for (const item of exact.items) {
      const seen = partner.items.find((i) => i.id === item.id)!;
      for (const [k, n] of Object.entries(item.breakdown ?? {})) expect(seen.breakdown![k]).toBe(n !== null && n > 0 && n < t.config.smallCellThreshold ? null : n);
    }
    expect((await get(`/api/funding/projects/${amifId}/participants?purpose=funding_report`, c.lang)).statusCode).toBe(403);
  });

  it('exports the 31 July report as CSV without a single name, and lists the reporting dates', async () => {
    const dates = (await get(`/api/funding/projects/${amifId}/report-dates`, c.officer)).json().items as Array<{ date: string }>;
    expect(dates.map((d) => d.date)).toContain('2026-07-31');
    expect(dates.map((d) => d.date)).toContain('2026-01-31');
    const csv = await get(`/api/funding/projects/${amifId}/report.csv?asOf=2026-07-31`, c.officer);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('indicator,code,kind,text,unit,value');
    expect(csv.body).toContain('AMIF-SO2-O3.1');
    const names = await asSystem(t.database.db, (trx) => trx.selectFrom('person_identities').select(['given_name', 'family_name']).execute());
    for (const n of names) { expect(csv.body).not.toContain(n.given_name); expect(csv.body).not.toContain(n.family_name); }
    const logged = await asSystem(t.database.db, (trx) => trx.selectFrom('audit_log').select('action').where('record_id', '=', amifId).where('action', '=', 'funding_project.report').execute());
    expect(logged.length).toBe(1);
  });

  it('takes survey results for what the record cannot compute, and refuses to overwrite a computed one', async () => {
    const ok = await send('PUT', `/api/funding/projects/${amifId}/indicators`, c.officer, { indicatorId: 'AMIF-SO2-R9', value: 17 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.find((i: { id: string }) => i.id === 'AMIF-SO2-R9')).toMatchObject({ source: 'entered', value: 17 });
    const no = await send('PUT', `/api/funding/projects/${amifId}/indicators`, c.officer, { indicatorId: 'AMIF-SO2-O3.1', value: 17 });
    expect(no.statusCode).toBe(400);
    expect(no.json().errors[0].path).toBe('body.indicatorId');
  });
});
