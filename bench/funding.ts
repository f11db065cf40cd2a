// EU funding indicators (issue 15) on PostgreSQL, through the HTTP API: the indicator set of one
// AMIF project over 50,000 participants with 500,000 plan steps (10 per person) held by Hamburg,
// with language-level corrections for a fifth of them. Fixed generation (arithmetic on the row
// number) and a fixed as-of date (2026-07-31), so every run counts the same figures; the printed
// indicator values are the check that the run computed something.
// Target (issue 15): p95 < 500 ms. BENCH_FUNDING_PEOPLE scales it; BENCH_N the samples.
import { sql } from 'kysely';
import { activityCellsQuery } from '../apps/server/src/modules/pathways/repository-activities.ts';
import { startBenchServer, signIn, summarise, printTable, postgresAvailable, timeRequests } from './support.ts';

const PEOPLE = Number(process.env.BENCH_FUNDING_PEOPLE || 50_000);
const N = Number(process.env.BENCH_N || 100);
const WARMUP = 10;
const AS_OF = '2026-07-31';

async function generate(db: import('kysely').Kysely<any>, hamburg: string, sprach: string, say: (m: string) => void) {
  const t0 = Date.now();
  await sql`insert into people (id, organisation_id, birth_date, birth_year, sex, nationalities, languages)
            select md5('fp' || g)::uuid, ${hamburg}::uuid, make_date(1950 + g % 60, 1 + g % 12, 1 + g % 28), 1950 + g % 60,
                   (array['female','male','other','unknown'])[1 + g % 4],
                   case when g % 10 < 6 then array['UA'] when g % 10 < 8 then array['SY'] when g % 10 < 9 then array['PL'] else array['AF'] end,
                   jsonb_build_array(jsonb_build_object('code', 'de', 'level', (array['A1','A2','B1','B2'])[1 + (g / 7) % 4]))
              from generate_series(0, ${PEOPLE} - 1) g`.execute(db);
  await sql`insert into pathway_plans (person_id, organisation_id) select md5('fp' || g)::uuid, ${hamburg}::uuid from generate_series(0, ${PEOPLE} - 1) g`.execute(db);
  // Ten steps per person over 2025-2026: domains in turn, every third delivered by the language NGO.
  await sql`insert into pathway_steps (person_id, organisation_id, domain, title, status, started_on, done_on, responsible_organisation_id, position)
            select md5('fp' || g)::uuid, ${hamburg}::uuid,
                   (array['language','employment_training','qualifications','documents_legal','language','health_psychosocial','language','employment_training','reception_housing','qualifications'])[s + 1],
                   'Step ' || s, st.status,
                   case when st.status <> 'planned' then date '2025-01-01' + ((g * 7 + s * 53) % 640) end,
                   case when st.status in ('done','stopped') then date '2025-01-01' + ((g * 7 + s * 53) % 640) + 30 + (g + s) % 120 end,
                   case when (g + s) % 3 = 0 then ${sprach}::uuid end, s
              from generate_series(0, ${PEOPLE} - 1) g cross join generate_series(0, 9) s
              cross join lateral (select case when (g + s) % 10 < 5 then 'done' when (g + s) % 10 < 7 then 'in_progress' when (g + s) % 10 < 9 then 'planned' else 'stopped' end as status) st`.execute(db);
  // A level raised by one for every fifth person, in the middle of the period.
  await sql`insert into person_corrections (person_id, organisation_id, field, old_value, new_value, at)
            select md5('fp' || g)::uuid, ${hamburg}::uuid, 'languages',
                   jsonb_build_array(jsonb_build_object('code', 'de', 'level', (array['pre','A1','A2','B1'])[1 + (g / 7) % 4])),
                   jsonb_build_array(jsonb_build_object('code', 'de', 'level', (array['A1','A2','B1','B2'])[1 + (g / 7) % 4])),
                   timestamptz '2026-01-15 12:00:00+00' + make_interval(days => g % 150)
              from generate_series(0, ${PEOPLE} - 1) g where g % 5 = 0`.execute(db);
  for (const t of ['people', 'pathway_steps', 'pathway_plans', 'person_corrections']) await sql`vacuum analyze ${sql.table(t)}`.execute(db);
  const steps = await sql<{ n: number }>`select count(*)::int as n from pathway_steps where organisation_id = ${hamburg}`.execute(db);
  say(`  generated ${PEOPLE.toLocaleString('en')} people and ${steps.rows[0].n.toLocaleString('en')} Hamburg plan steps in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

export async function run(): Promise<void> {
  if (!(await postgresAvailable())) { console.log('(PostgreSQL not reachable: the funding benchmark runs on PostgreSQL only)'); return; }
  const say = (m: string) => console.log(m);
  const server = await startBenchServer('postgres');
  try {
    const db = server.database.db;
    const orgId = async (name: string) => (await db.selectFrom('organisations').select('id').where('name', 'like', `${name}%`).executeTakeFirstOrThrow()).id;
    const hamburg = (await db.selectFrom('organisations').select('id').where('territory_code', '=', 'DE_02000000').where('kind', '=', 'municipality').executeTakeFirstOrThrow()).id;
    const sprach = await orgId('Sprachbrücke');
    await generate(db, hamburg, sprach, say);
    const cookie = await signIn(server.baseUrl, 'officer@hamburg.localpact.eu');
    const created = await fetch(`${server.baseUrl}/api/funding/projects`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        instrumentCode: 'amif', title: 'Bench: language and guidance', startsOn: '2025-01-01', endsOn: '2027-12-31', cofinancingPercent: 75, partners: [{ organisationId: sprach, role: 'partner' }],
        activities: [
          { kind: 'language_course', domains: ['language'], deliveredBy: [sprach], from: '2025-01-01', to: '2026-12-31', languageCode: 'de' },
          { kind: 'civic_orientation', domains: ['language'], deliveredBy: [hamburg], from: '2025-01-01', to: '2026-12-31' },
          { kind: 'professional_guidance', domains: ['employment_training'], deliveredBy: [hamburg, sprach], from: '2025-01-01', to: '2026-12-31' },
          { kind: 'recognition_application', domains: ['qualifications'], deliveredBy: [hamburg], from: '2025-01-01', to: '2026-12-31' },
          { kind: 'long_term_residence_application', domains: ['documents_legal'], deliveredBy: [hamburg], from: '2025-01-01', to: '2026-12-31' },
        ],
      }),
    });
    if (created.status !== 201) throw new Error(`project: ${created.status} ${await created.text()}`);
    const id = ((await created.json()) as { id: string }).id;
    const url = `/api/funding/projects/${id}/indicators?asOf=${AS_OF}`;
    const report = (await (await fetch(`${server.baseUrl}${url}`, { headers: { cookie } })).json()) as { participants: number; items: Array<{ id: string; value: number | null; source: string }> };
    say(`participants ${report.participants}; ${report.items.filter((i) => i.source === 'computed' && i.value !== null).map((i) => `${i.id} = ${i.value}`).join(', ')}`);
    if (process.env.BENCH_EXPLAIN) {
      // The plan of the counting statement (as the platform, row-level security aside).
      const acts = await db.selectFrom('funding_activities').selectAll().where('project_id', '=', id).orderBy('position').execute();
      const q = activityCellsQuery([hamburg], acts.map((a) => ({ domains: a.domains, deliveredBy: a.delivered_by, from: a.from_date, to: a.to_date, languageCode: a.kind === 'language_course' ? a.language_code : null })), AS_OF, ['DE', 'PL']);
      // As the service runs it: the app role under row-level security, the platform's lookup switched on.
      const plan = await db.transaction().execute(async (trx) => {
        await sql`select set_config('localpact.actor_org', ${hamburg}, true), set_config('localpact.actor_role', 'municipal_officer', true), set_config('localpact.system', 'on', true), set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(trx);
        await sql`set local role localpact_app`.execute(trx);
        return sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${q}`.execute(trx);
      });
      say(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    const s = summarise(await timeRequests(server.baseUrl, cookie, Array.from({ length: N + WARMUP }, () => url), WARMUP));
    printTable('Funding indicators through the HTTP API (ms, sequential requests, Hamburg officer, as of 2026-07-31)', ['driver', 'request', 'participants', 'steps', 'n', 'p50', 'p95', 'p99', 'p95 target'],
      [['postgres', 'AMIF indicator set of one project', PEOPLE, PEOPLE * 10, s.n, s.p50, s.p95, s.p99, `${s.p95 < 500 ? 'yes' : 'NO'} (< 500)`]]);
  } finally { await server.stop(); }
}
