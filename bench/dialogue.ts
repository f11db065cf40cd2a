// Dialogue between levels (issue 16): the live aggregate of a consultation of every German
// municipality in the data, and the good-practice library's search.
//
// Data: one municipality organisation per German LAU territory (≈ 10,800 in the data; the issue
// says 11,006); the BAMF national coordinator opens, through the API, a consultation of all of them
// with 20 questions (6 single choice, 4 multiple choice, 3 scales, 3 numbers, 2 rankings, 2 free
// texts; opening notifies every invitee: timed). Then 8,000 signed answers are generated in SQL
// (random options, figures and visibilities), and the results endpoint is timed: the consulting
// body (every answer) and one participant (answers shared with participants and its own).
// The library gets 10,000 entries (the 13 vendored ones, repeated with varied places and words),
// and search is timed with random words, a domain and a country.
// The aggregate reads running tallies kept at signing (repository.addToTallies); the bulk load
// rebuilds them once (rebuildTallies).
// Targets: aggregate of all questions p95 < 300 ms on PostgreSQL; library search p95 < 50 ms.
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { rebuildTallies } from '../apps/server/src/modules/dialogue/repository.ts';
import { startBenchServer, signIn, summarise, printTable, rng, postgresAvailable, timeRequests, type BenchServer } from './support.ts';

const N = Number(process.env.BENCH_N || 100);
const WARMUP = 10;
const ANSWERS = 8000;

const questions = [
  ...Array.from({ length: 6 }, (_, i) => ({ kind: 'single_choice', prompt: `Single choice ${i + 1}`, options: ['Yes', 'Partly', 'No', 'Do not know'] })),
  ...Array.from({ length: 4 }, (_, i) => ({ kind: 'multiple_choice', prompt: `Multiple choice ${i + 1}`, options: ['Funding', 'Staff', 'Housing', 'Guidance', 'Data'] })),
  ...Array.from({ length: 3 }, (_, i) => ({ kind: 'scale', prompt: `Scale ${i + 1}`, scaleMin: 1, scaleMax: 5 })),
  ...Array.from({ length: 3 }, (_, i) => ({ kind: 'number', prompt: `Number ${i + 1}` })),
  ...Array.from({ length: 2 }, (_, i) => ({ kind: 'ranking', prompt: `Ranking ${i + 1}`, options: ['Housing', 'Language', 'Work', 'Health'] })),
  ...Array.from({ length: 2 }, (_, i) => ({ kind: 'free_text', prompt: `Free text ${i + 1}` })),
];

export async function load(server: BenchServer) {
  const db = server.database.db;
  await sql`
    insert into organisations (name, kind, territory_code, parent_id)
    select 'Gemeinde ' || t.name, 'municipality', t.code, null from territories t
    where t.country = 'DE' and t.level = 5 and not exists (select 1 from organisations o where o.territory_code = t.code)`.execute(db);
  const cookie = await signIn(server.baseUrl, 'coordinator@bamf.localpact.eu');
  const t0 = performance.now();
  const r = await fetch(`${server.baseUrl}/api/dialogue/consultations`, {
    method: 'POST', headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench: national reception plan', purpose: 'Benchmark.', deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(), territoryCode: 'DE', kinds: ['municipality'], weightByPopulation: true, questions }),
  });
  if (r.status !== 201) throw new Error(`open: ${r.status} ${await r.text()}`);
  const openSeconds = (performance.now() - t0) / 1000;
  const c = (await r.json()) as { id: string; invited: number };
  // 8,000 signed answers from random invitees: random visibility, options, figures, rankings, texts.
  await sql`
    insert into consultation_responses (consultation_id, organisation_id, status, visibility, late, submitted_at, version)
    select ${c.id}, organisation_id, 'submitted', (array['public','participants','consulting_body'])[1 + floor(random() * 3)::int], random() < 0.05, now(), 2
    from (select organisation_id from consultation_invitations where consultation_id = ${c.id} order by random() limit ${ANSWERS}) i`.execute(db);
  await sql`
    insert into consultation_answers (response_id, question_id, choice, number, text)
    select r.id, q.id,
      case q.kind
        when 'single_choice' then array[q.options[1 + floor(random() * array_length(q.options, 1))::int]]
        when 'multiple_choice' then (select array_agg(o) from unnest(q.options) o where random() < 0.4)
        when 'ranking' then (select array_agg(o order by random()) from unnest(q.options) o)
      end,
      case q.kind when 'scale' then 1 + floor(random() * 5) when 'number' then round((random() * 500)::numeric, 1) end,
      case q.kind when 'free_text' then 'We would need ' || (array['more staff','housing','interpreters','funding'])[1 + floor(random() * 4)::int] || ' in ' || r.organisation_id::text end
    from consultation_responses r cross join consultation_questions q
    where r.consultation_id = ${c.id} and q.consultation_id = ${c.id} and random() < 0.9`.execute(db);
  await sql`delete from consultation_answers a using consultation_responses r where r.id = a.response_id and r.consultation_id = ${c.id} and a.choice is null and a.number is null and a.text is null`.execute(db);
  // Bulk-loaded answers bypass signing: their tallies are computed once, as signing would have.
  await rebuildTallies(db, c.id);
  // The library: 10,000 entries from the 13 vendored ones with varied places.
  await sql`
    insert into good_practices (id, language, title, place, country, territory_code, domains, years, target_group, entry, search_text, named_in_cemr)
    select g.id || '-' || s, g.language, g.title || ' (' || s || ')', g.place || ' ' || s, g.country, g.territory_code, g.domains, g.years, g.target_group, g.entry, g.search_text || ' variant' || s, false
    from good_practices g cross join generate_series(1, 770) s
    where g.id not like '%-bench-%'
    limit ${10_000 - 13}`.execute(db);
  await sql`vacuum analyze`.execute(db);
  const n = await sql<{ answers: number; responses: number; practices: number }>`
    select (select count(*)::int from consultation_answers a join consultation_responses r on r.id = a.response_id where r.consultation_id = ${c.id}) as answers,
      (select count(*)::int from consultation_responses where consultation_id = ${c.id}) as responses, (select count(*)::int from good_practices) as practices`.execute(db);
  return { id: c.id, invited: c.invited, openSeconds, ...n.rows[0] };
}

export async function run(): Promise<void> {
  const drivers: Array<'pglite' | 'postgres'> = [];
  if (await postgresAvailable()) drivers.push('postgres'); else console.log('(PostgreSQL not reachable: PGlite only)');
  if (process.env.BENCH_SKIP_PGLITE !== 'true') drivers.push('pglite');
  const rows: Array<Array<string | number>> = [];
  for (const driver of drivers) {
    const server = await startBenchServer(driver);
    try {
      const l = await load(server);
      console.log(`${driver}: consultation of ${l.invited} German municipalities (opened and notified through the API in ${l.openSeconds.toFixed(1)} s), ${questions.length} questions, ${l.responses} signed answers, ${l.answers} question answers; library of ${l.practices} entries`);
      const national = await signIn(server.baseUrl, 'coordinator@bamf.localpact.eu');
      const participantOrg = (await sql<{ organisation_id: string }>`select organisation_id from consultation_responses where consultation_id = ${l.id} and status = 'submitted' limit 1`.execute(server.database.db)).rows[0].organisation_id;
      // A participant's view: sign in as a user of one answering municipality (created for the bench).
      await sql`insert into users (email, display_name, role, organisation_id, password_hash) select 'bench-officer@localpact.eu', 'Bench officer', 'municipal_officer', ${participantOrg}, password_hash from users where email = 'officer@hamburg.localpact.eu'`.execute(server.database.db);
      const participant = await signIn(server.baseUrl, 'bench-officer@localpact.eu');
      const total = N + WARMUP;
      // The floor on this machine: a signed-in request that reads the session and nothing else.
      {
        const s = summarise(await timeRequests(server.baseUrl, national, Array.from({ length: total }, () => '/api/me'), WARMUP));
        rows.push([driver, 'floor: GET /api/me (session only), same run', s.n, s.p50, s.p95, s.p99, '—']);
      }
      const agg = Array.from({ length: total }, () => `/api/dialogue/consultations/${l.id}/results`);
      for (const [who, cookie] of [['consulting body (all answers)', national], ['a participant (shared answers + own)', participant]] as const) {
        const s = summarise(await timeRequests(server.baseUrl, cookie, agg, WARMUP));
        rows.push([driver, `aggregate, ${questions.length} questions, ${l.responses} answers: ${who}`, s.n, s.p50, s.p95, s.p99, s.p95 < 300 ? 'yes (< 300)' : 'NO (< 300)']);
      }
      {
        const s = summarise(await timeRequests(server.baseUrl, national, Array.from({ length: total }, () => `/api/dialogue/consultations/${l.id}/respondents`), WARMUP));
        rows.push([driver, `respondents list (${l.responses} organisations with their places, for the map): consulting body`, s.n, s.p50, s.p95, s.p99, '—']);
      }
      const random = rng(16);
      const words = ['housing', 'guardian', 'skills', 'volunteer', 'employment', 'language', 'mentor', 'recognition', 'variant42', 'training'];
      const domains = ['work', 'reception', 'housing', 'language', 'recognition'];
      const search = Array.from({ length: total }, (_, i) => {
        const w = words[Math.floor(random() * words.length)];
        return i % 3 === 0 ? `/api/dialogue/practices?q=${w}` : i % 3 === 1 ? `/api/dialogue/practices?q=${w}&domain=${domains[Math.floor(random() * domains.length)]}` : `/api/dialogue/practices?domain=${domains[Math.floor(random() * domains.length)]}&country=DE`;
      });
      const s = summarise(await timeRequests(server.baseUrl, national, search, WARMUP));
      rows.push([driver, `library search over ${l.practices} entries (words, domain, country; 50 per page)`, s.n, s.p50, s.p95, s.p99, s.p95 < 50 ? 'yes (< 50)' : 'NO (< 50)']);
    } finally { await server.stop(); }
  }
  printTable('Dialogue through the HTTP API (ms, sequential requests)', ['driver', 'request', 'n', 'p50', 'p95', 'p99', 'target'], rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
