// Integration pathways at national scale (issue 5), through the HTTP API on PostgreSQL:
// 1,000,000 people across ~400 German municipalities with ~10 pathway steps each (10 million
// steps), bulk-generated in SQL with generate_series. Hamburg holds 2.5 % of them (25,000 people,
// 250,000 steps). Measured as Hamburg's case worker:
//   - worklist page (50 items + counts of every alert kind)          target p95 < 150 ms
//   - name search in the municipality's people (any script)          target p95 < 150 ms
//   - duplicate detection at registration against all 1,000,000      target p95 < 100 ms
// and the transition from temporary protection (issue 17), on two FIXED simulated days (printed):
// before the end of temporary protection enters the 90-day window and once it is inside it for
// everyone who holds it (40 % of people):
//   - worklist on both days                                           target p95 < 150 ms
//   - Hamburg's officer: the March 2027 cohort view (page + groups)   target p95 < 150 ms
//   - projections for the municipality, the region and the state      target p95 < 150 ms
//   - one bulk step on the whole cohort (~10,000 plans + audit)       target < 10 s
// BENCH_PEOPLE scales the population (default 1,000,000); BENCH_N the samples per request kind.
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { startBenchServer, signIn, summarise, printTable, rng, postgresAvailable, timeRequests } from './support.ts';
import { latinForms, nameKey, searchText, tokenKeys } from '../apps/server/src/modules/pathways/names.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE || 1_000_000);
const N = Number(process.env.BENCH_N || 300);
const WARMUP = 30;
const ORGS = 400;
const HAMBURG_SHARE = 0.025;
// The days the bench simulates, fixed so that its figures do not move with the calendar. The data
// (step due dates, personal end dates) is generated around SIMULATED_INSIDE; temporary protection
// ends on the status table's date (4 March 2027 in migration 0003).
export const SIMULATED_BEFORE = '2026-10-15'; // the end of temporary protection is beyond the 90-day window
export const SIMULATED_INSIDE = '2027-01-15'; // it is inside the window for everyone who holds it
const ANCHOR = SIMULATED_INSIDE;

// Fictional-enough vocabulary: common Ukrainian, Syrian and Afghan given and family names, in the
// scripts they arrive in (Cyrillic, Latin) — keys are computed by the same code as registration.
const givenNames = ['Олександр', 'Олена', 'Ірина', 'Андрій', 'Наталія', 'Сергій', 'Юлія', 'Дмитро', 'Оксана', 'Максим', 'Ганна', 'Тарас', 'Софія', 'Богдан', 'Дарина', 'Віктор', 'Марія', 'Іван', 'Катерина', 'Володимир',
  'Oleksandr', 'Olena', 'Iryna', 'Andrii', 'Nataliia', 'Serhii', 'Yuliia', 'Dmytro', 'Oksana', 'Maksym', 'Ahmad', 'Fatima', 'Omar', 'Layla', 'Yusuf', 'Amal', 'Khaled', 'Rania', 'Nabil', 'Zahra', 'Farid', 'Mariam', 'Hassan', 'Nour', 'Samir', 'Huda'];
const familyRoots = ['Коваленко', 'Шевченко', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Шевчук', 'Поліщук', 'Бойко', 'Мельник', 'Лисенко', 'Руденко', 'Савченко', 'Петренко', 'Марченко', 'Мороз', 'Павленко', 'Гончаренко', 'Клименко', 'Кушнір',
  'Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Al-Hassan', 'Haddad', 'Khalil', 'Mansour', 'Nasser', 'Saleh', 'Hamdan', 'Karimi', 'Ahmadi', 'Rahimi', 'Hosseini', 'Sultani', 'Noori', 'Jafari', 'Wardak'];
// 40 roots × 25 variants (a second, hyphenated family name) = 1,000 family names.
const secondCyrillic = ['Лук', 'Бер', 'Сав', 'Дан', 'Гор', 'Зуб', 'Кир', 'Мат', 'Оль', 'Пил', 'Рог', 'Сем', 'Тим', 'Фед', 'Хом', 'Цар', 'Чуб', 'Шум', 'Юрч', 'Ярм', 'Бак', 'Вол', 'Гал', 'Дуб'];
const secondLatin = ['Luk', 'Ber', 'Sav', 'Dan', 'Gor', 'Zub', 'Kir', 'Mat', 'Ol', 'Pil', 'Rog', 'Sem', 'Tim', 'Fed', 'Hom', 'Tsar', 'Chub', 'Shum', 'Yur', 'Yarm', 'Bak', 'Vol', 'Gal', 'Dub'];
const familyNames = familyRoots.flatMap((f) => [f, ...(/[\u0400-\u04ff]/.test(f) ? secondCyrillic : secondLatin).map((x) => `${f}-${x}`)]);

function keysOf(name: string): string[] { return [...new Set(tokenKeys(name).flat())]; }

export async function generate(db: import('kysely').Kysely<any>, hamburg: string, say: (m: string) => void): Promise<void> {
  const t0 = Date.now();
  // Municipalities across Germany (the demo's Hamburg office is one of them).
  await sql`insert into organisations (name, kind, territory_code)
            select 'Bench municipality ' || code, 'municipality', code from territories
             where country = 'DE' and level = 5 and code <> 'DE_02000000' order by code limit ${ORGS}`.execute(db);
  await sql`create temp table bench_orgs as select row_number() over (order by id) - 1 as i, id from organisations where name like 'Bench municipality %'`.execute(db);
  await sql`create temp table bench_given (i int, name text, keys text[], search text)`.execute(db);
  await sql`create temp table bench_family (i int, name text, keys text[], search text)`.execute(db);
  await sql`insert into bench_given ${sql.raw('values ' + givenNames.map((n, i) => `(${i}, '${n}', array[${keysOf(n).map((k) => `'${k}'`).join(',')}]::text[], '${searchText(n, '').trim()}')`).join(','))}`.execute(db);
  await sql`insert into bench_family ${sql.raw('values ' + familyNames.map((n, i) => `(${i}, '${n.replace(/'/g, "''")}', array[${keysOf(n).map((k) => `'${k}'`).join(',')}]::text[], '${searchText('', n).trim().replace(/'/g, "''")}')`).join(','))}`.execute(db);
  // Heavy indexes are built after the load.
  await sql`drop index person_identities_search, person_identities_name_key, pathway_steps_person, pathway_steps_open, pathway_steps_due, pathway_steps_school_done, pathway_steps_follow_up, pathway_steps_follow_up_org, pathway_steps_school_done_org, legal_statuses_own_end, legal_statuses_type_end, people_birth_date, people_org, legal_statuses_current, legal_statuses_person, person_name_keys_org`.execute(db);
  const hamburgCount = Math.round(PEOPLE * HAMBURG_SHARE);
  await sql`insert into households (id, organisation_id)
            select md5('h' || g)::uuid, case when g < ${Math.round(hamburgCount / 3)} then ${hamburg}::uuid else (select id from bench_orgs where i = g % ${ORGS}) end
              from generate_series(0, ${Math.ceil(PEOPLE / 3)} - 1) g`.execute(db);
  say(`  households ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  // Person g lives in household g / 3; the first 2.5 % of households are Hamburg's.
  await sql`insert into people (id, organisation_id, household_id, household_role, birth_date, birth_year, sex, nationalities, languages, preferred_locale)
            select md5('p' || g)::uuid, h.organisation_id, h.id, case when g % 3 = 0 then 'head' else 'child' end,
                   d, extract(year from d)::int, case when g % 2 = 0 then 'female' else 'male' end,
                   case when g % 10 < 7 then array['UA'] when g % 10 < 9 then array['SY'] else array['AF'] end,
                   '[{"code":"uk","level":"native"}]'::jsonb, 'uk'
              from generate_series(0, ${PEOPLE} - 1) g
              join households h on h.id = md5('h' || (g / 3))::uuid
              cross join lateral (select (date '1950-01-01' + ((g::bigint * 7919) % 25567)::int) as d) dd`.execute(db);
  say(`  people ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await sql`insert into person_identities (person_id, organisation_id, given_name, family_name, identifiers, name_key, search_text)
            select p.id, p.organisation_id, gn.name, fn.name, '[]'::jsonb,
                   (select string_agg(k, ' ' order by k collate "C") from (select distinct unnest(gn.keys || fn.keys) k) x),
                   gn.search || ' ' || fn.search
              from generate_series(0, ${PEOPLE} - 1) g
              join people p on p.id = md5('p' || g)::uuid
              join bench_given gn on gn.i = (g * 31) % ${givenNames.length}
              join bench_family fn on fn.i = (g / 3) % ${familyNames.length}`.execute(db);
  say(`  identities ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await sql`insert into person_name_keys (person_id, organisation_id, key)
            select distinct p.id, p.organisation_id, k
              from generate_series(0, ${PEOPLE} - 1) g
              join people p on p.id = md5('p' || g)::uuid
              join bench_given gn on gn.i = (g * 31) % ${givenNames.length}
              join bench_family fn on fn.i = (g / 3) % ${familyNames.length}
              cross join lateral unnest(gn.keys || fn.keys) k`.execute(db);
  say(`  name keys ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await sql`insert into legal_statuses (person_id, organisation_id, type_code, valid_from, valid_until, current)
            select p.id, p.organisation_id,
                   case when g % 10 < 4 then 'temporary_protection' when g % 10 < 8 then 'refugee' else 'asylum_seeker' end,
                   date '2024-01-01', case when g % 10 between 4 and 7 then date '${sql.raw(ANCHOR)}' + ((g % 1500) - 100)::int end, true
              from generate_series(0, ${PEOPLE} - 1) g join people p on p.id = md5('p' || g)::uuid`.execute(db);
  say(`  statuses ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await sql`insert into pathway_steps (person_id, organisation_id, domain, title, status, due_on, position, follow_up)
            select p.id, p.organisation_id,
                   (array['reception_housing','language','schooling_childcare','employment_training','qualifications','health_psychosocial','documents_legal','language','employment_training','documents_legal'])[s + 1],
                   'Step ' || s,
                   case when (g + s) % 20 < 12 then 'done' when (g + s) % 20 < 15 then 'in_progress' when (g + s) % 20 < 19 then 'planned' else 'stopped' end,
                   date '${sql.raw(ANCHOR)}' + (((g * 13 + s * 37) % 400) - 150)::int, s, s = 9 and g % 4 = 0
              from generate_series(0, ${PEOPLE} - 1) g
              join people p on p.id = md5('p' || g)::uuid
              cross join generate_series(0, 9) s`.execute(db);
  say(`  steps ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  await sql`create index people_birth_date on people (birth_date)`.execute(db);
  await sql`create index person_name_keys_org on person_name_keys (organisation_id, key) include (person_id)`.execute(db);
  await sql`create index person_identities_name_key on person_identities (name_key)`.execute(db);
  await sql`create index person_identities_search on person_identities using gin (search_text gin_trgm_ops)`.execute(db);
  await sql`create index legal_statuses_person on legal_statuses (person_id, recorded_at)`.execute(db);
  // The same indexes as migration 0003, built once after the load.
  await sql`create index people_org on people (organisation_id, birth_date) include (id, closed_at) where erased_at is null`.execute(db);
  await sql`create index legal_statuses_current on legal_statuses (organisation_id, type_code) include (person_id, valid_until) where current`.execute(db);
  await sql`create index pathway_steps_person on pathway_steps (person_id, position)`.execute(db);
  await sql`create index pathway_steps_open on pathway_steps (organisation_id, domain, status, due_on) include (person_id) where status in ('planned','in_progress')`.execute(db);
  await sql`create index pathway_steps_due on pathway_steps (organisation_id, due_on) include (person_id) where status in ('planned','in_progress')`.execute(db);
  await sql`create index pathway_steps_school_done on pathway_steps (person_id) include (organisation_id) where domain = 'schooling_childcare' and status = 'done'`.execute(db);
  await sql`create index pathway_steps_follow_up on pathway_steps (person_id) include (organisation_id) where follow_up and status <> 'stopped'`.execute(db);
  await sql`create index legal_statuses_own_end on legal_statuses (organisation_id, valid_until) include (person_id, type_code) where current and valid_until is not null`.execute(db);
  await sql`create index pathway_steps_follow_up_org on pathway_steps (organisation_id) include (person_id) where follow_up and status <> 'stopped'`.execute(db);
  await sql`create index pathway_steps_school_done_org on pathway_steps (organisation_id) include (person_id) where domain = 'schooling_childcare' and status = 'done'`.execute(db);
  await sql`create index legal_statuses_type_end on legal_statuses (organisation_id, type_code, person_id) where current and valid_until is null`.execute(db);
  say(`  indexes ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  // As autovacuum would: statistics, and the visibility map that lets index-only scans skip the heap.
  for (const t of ['people', 'person_identities', 'person_name_keys', 'legal_statuses', 'pathway_steps', 'households']) await sql`vacuum analyze ${sql.table(t)}`.execute(db);
  say(`  generated ${PEOPLE.toLocaleString('en')} people and ${(PEOPLE * 10).toLocaleString('en')} steps in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}


export async function run(): Promise<void> {
  if (!(await postgresAvailable())) { console.log('(PostgreSQL not reachable: the pathways benchmark runs on PostgreSQL only)'); return; }
  const say = (m: string) => console.log(m);
  // BENCH_KEEP=1 keeps the generated database (its name is printed); BENCH_DATABASE=<name> measures
  // such a database again without generating (generation takes 15–20 minutes on 2 cores).
  const reuse = process.env.BENCH_DATABASE;
  const server = await startBenchServer('postgres', { existingDatabase: reuse });
  const keep = !!process.env.BENCH_KEEP || !!reuse;
  try {
    const db = server.database.db;
    const hamburg = (await db.selectFrom('organisations').select('id').where('territory_code', '=', 'DE_02000000').where('kind', '=', 'municipality').executeTakeFirstOrThrow()).id;
    if (reuse) say(`measuring the database ${reuse} generated earlier (${PEOPLE.toLocaleString('en')} people expected)`);
    else await generate(db, hamburg, say);
    if (keep && !reuse) say(`keeping the database: BENCH_DATABASE=${(await sql<{ n: string }>`select current_database() as n`.execute(db)).rows[0].n}`);
    const cookie = await signIn(server.baseUrl, 'caseworker@hamburg.localpact.eu');
    const random = rng(2026);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const total = N + WARMUP;
    const kinds = [undefined, undefined, 'status_ending', 'school_place', 'overdue_step', 'waiting_language'];
    const worklist = Array.from({ length: total }, () => { const k = pick(kinds); return { url: `/api/worklist?purpose=bench&limit=50&offset=${Math.floor(random() * 10) * 50}${k ? `&kind=${k}` : ''}` }; });
    // Searches as typed: a family name (Cyrillic or Latin form) or a given + family name.
    const search = Array.from({ length: total }, () => {
      const f = pick(familyRoots);
      const q = random() < 0.3 ? `${pick(givenNames)} ${f}` : random() < 0.5 ? latinForms(f)[0] : f;
      return { url: `/api/people?purpose=bench&limit=20&q=${encodeURIComponent(q)}` };
    });
    // Duplicate checks: half existing people (in other spellings), half new names.
    const existing = await sql<{ given_name: string; family_name: string; birth_date: string }>`
      select i.given_name, i.family_name, p.birth_date::text as birth_date from people p join person_identities i on i.person_id = p.id
       where p.id in (select md5('p' || (g * 9973 % ${PEOPLE}))::uuid from generate_series(1, ${total}) g)`.execute(db);
    const dup = Array.from({ length: total }, (_, i) => {
      const e = existing.rows[i % existing.rows.length];
      const given = random() < 0.5 ? (latinForms(e.given_name)[1] ?? latinForms(e.given_name)[0]) : e.given_name;
      return { url: '/api/people/duplicates', body: random() < 0.5 ? { givenName: given, familyName: latinForms(e.family_name)[0], birthDate: e.birth_date } : { givenName: pick(givenNames), familyName: 'Neuankunft', birthDate: `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}` } };
    });
    const rows: Array<Array<string | number>> = [];
    const tpEnds = (await db.selectFrom('status_types').select('ends_on').where('code', '=', 'temporary_protection').executeTakeFirstOrThrow()).ends_on!;
    const daysTo = (d: string) => Math.round((Date.parse(tpEnds) - Date.parse(d)) / 86400_000);
    say(`Simulated days (fixed, not the calendar): ${SIMULATED_BEFORE} — temporary protection ends ${tpEnds}, ${daysTo(SIMULATED_BEFORE)} days later (outside the 90-day window); ${SIMULATED_INSIDE} — ${daysTo(SIMULATED_INSIDE)} days later (inside it, for everyone who holds it).`);
    for (const day of [SIMULATED_BEFORE, SIMULATED_INSIDE]) {
      const counts = await (await fetch(`${server.baseUrl}/api/worklist?purpose=bench&limit=1&asOf=${day}`, { headers: { cookie } })).json() as { counts: Record<string, number> };
      say(`Hamburg worklist counts on ${day}: ${JSON.stringify(counts.counts)}`);
    }
    const asOf = (reqs: Array<{ url: string }>, day: string) => reqs.map((r) => ({ url: `${r.url}&asOf=${day}` }));
    for (const [label, reqs, target] of [
      [`worklist page (50) + counts, on ${SIMULATED_BEFORE}`, asOf(worklist, SIMULATED_BEFORE), 150],
      [`worklist page (50) + counts, on ${SIMULATED_INSIDE} (TP ends inside the window)`, asOf(worklist, SIMULATED_INSIDE), 150],
      ['name search (20)', search, 150], ['duplicate detection (nationwide)', dup, 100]] as const) {
      const s = summarise(await timeRequests(server.baseUrl, cookie, reqs as Array<{ url: string; body?: unknown }>, WARMUP));
      rows.push(['postgres', label, PEOPLE, s.n, s.p50, s.p95, s.p99, `${s.p95 < target ? 'yes' : 'NO'} (< ${target})`]);
    }
    // The transition (issue 17): Hamburg's officer and the national coordinator on the March 2027 cohort.
    const officer = await signIn(server.baseUrl, 'officer@hamburg.localpact.eu');
    const bamf = await signIn(server.baseUrl, 'coordinator@bamf.localpact.eu');
    const window = 'from=2027-03-01&to=2027-03-31';
    const cohortFilters = ['', '&employed=true', '&employed=false', '&missing=documents', '&route=none'];
    const cohortReqs = Array.from({ length: total }, () => ({ url: `/api/transition/cohort?purpose=bench&${window}&limit=50&offset=${Math.floor(random() * 10) * 50}${pick(cohortFilters)}` }));
    const first = await (await fetch(`${server.baseUrl}/api/transition/cohort?purpose=bench&${window}&limit=1`, { headers: { cookie: officer } })).json() as { total: number; households: number; byState: Record<string, number> };
    say(`Hamburg's March 2027 cohort: ${first.total} people in ${first.households} households, ${JSON.stringify(first.byState)}`);
    const s1 = summarise(await timeRequests(server.baseUrl, officer, cohortReqs, WARMUP));
    rows.push(['postgres', 'cohort view (Hamburg, March 2027, page of 50 + groups)', PEOPLE, s1.n, s1.p50, s1.p95, s1.p99, `${s1.p95 < 150 ? 'yes' : 'NO'} (< 150)`]);
    const projectionReqs = (scope: string) => Array.from({ length: total }, (_, i) => ({ url: `/api/transition/projections?from=2027-0${1 + (i % 3)}&months=12${scope}` }));
    for (const [label, who, scope] of [['municipality (Hamburg officer)', officer, ''], ['region (DE6, national coordinator)', bamf, '&territory=DE6'], ['state (DE, national coordinator)', bamf, '']] as const) {
      const s = summarise(await timeRequests(server.baseUrl, who, projectionReqs(scope), WARMUP));
      rows.push(['postgres', `projections, 12 months: ${label}`, PEOPLE, s.n, s.p50, s.p95, s.p99, `${s.p95 < 150 ? 'yes' : 'NO'} (< 150)`]);
    }
    // One bulk action on the whole cohort: a step in every plan, one audit entry per person.
    const auditBefore = Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'transition.bulk_step_person'`.execute(db)).rows[0].n);
    const t0 = performance.now();
    const res = await fetch(`${server.baseUrl}/api/transition/bulk-steps`, { method: 'POST', headers: { cookie: officer, 'content-type': 'application/json' }, body: JSON.stringify({
      purpose: 'bench', cohort: { from: '2027-03-01', to: '2027-03-31' }, reason: 'Temporary protection ends on 4 March 2027',
      step: { domain: 'documents_legal', title: `Apply for a residence permit before temporary protection ends (${new Date().toISOString()})`, dueOn: '2027-02-01', followUp: true, for: 'all' },
    }) });
    const bulkMs = performance.now() - t0;
    const bulk = await res.json() as { affected: number; excluded: number };
    const audited = Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'transition.bulk_step_person'`.execute(db)).rows[0].n) - auditBefore;
    if (!res.ok) throw new Error(`bulk action: ${res.status} ${JSON.stringify(bulk)}`);
    say(`Bulk action: ${bulk.affected} plans (${bulk.excluded} left out), ${audited} audit entries per person, ${(bulkMs / 1000).toFixed(2)} s`);
    rows.push(['postgres', `bulk step on the cohort (${bulk.affected} people, ${audited} audit entries)`, PEOPLE, 1, bulkMs, bulkMs, bulkMs, `${bulkMs < 10_000 ? 'yes' : 'NO'} (< 10000)`]);
    printTable('Integration pathways through the HTTP API (ms, sequential requests, one client, Hamburg case worker)', ['driver', 'request', 'people', 'n', 'p50', 'p95', 'p99', 'p95 target'], rows);
    void nameKey;
  } finally { if (keep) await server.app.close(); else await server.stop(); }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
