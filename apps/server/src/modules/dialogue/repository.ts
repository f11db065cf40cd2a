// SQL for the dialogue module: consultations and their answers, the live aggregate, issues raised
// from below, the good-practice library. It reads the organisations and territories tables for
// names, territories and populations (reference data every module joins).
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/context.ts';
import { prefixPattern } from '../../platform/sql.ts';

type Q = Db | Tx;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

// ---------------------------------------------------------------- organisations and territories
export async function organisation(db: Q, id: string) {
  return db.selectFrom('organisations as o').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['o.id', 'o.name', 'o.kind', 'o.territory_code', 't.path', 't.population']).where('o.id', '=', id).executeTakeFirst();
}
export async function territory(db: Q, code: string) {
  return db.selectFrom('territories').select(['code', 'name', 'path']).where('code', '=', code).executeTakeFirst();
}

// ---------------------------------------------------------------- consultations
export interface NewConsultation {
  organisationId: string; territoryPath: string; title: string; purpose: string; deadline: string; targetTerritory: string; targetKinds: string[];
  weightByPopulation: boolean; remindDays: number; createdBy: string;
}
export async function insertConsultation(db: Q, c: NewConsultation): Promise<string> {
  const r = await db.insertInto('consultations').values({
    organisation_id: c.organisationId, territory_path: c.territoryPath, title: c.title, purpose: c.purpose, deadline: c.deadline,
    target_territory: c.targetTerritory, target_kinds: c.targetKinds, weight_by_population: c.weightByPopulation, remind_days: c.remindDays,
    created_by: c.createdBy, synthesis: null, feedback: null,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
export interface NewQuestion { position: number; kind: string; prompt: string; required: boolean; options: string[]; scaleMin: number | null; scaleMax: number | null; showIfPosition: number | null; showIfEquals: string | null }
export async function insertQuestions(db: Q, consultationId: string, qs: NewQuestion[]) {
  await db.insertInto('consultation_questions').values(qs.map((q) => ({
    consultation_id: consultationId, position: q.position, kind: q.kind, prompt: q.prompt, required: q.required, options: q.options,
    scale_min: q.scaleMin, scale_max: q.scaleMax, show_if_position: q.showIfPosition, show_if_equals: q.showIfEquals,
  }))).execute();
}
/** Invites every organisation of the kinds within the territory (not the consulting body itself); returns the invitees. */
export async function inviteWithin(db: Q, consultationId: string, path: string, kinds: string[], except: string) {
  const r = await sql<{ organisation_id: string; path: string }>`
    with ins as (
      insert into consultation_invitations (consultation_id, organisation_id, population)
      select ${consultationId}, o.id, t.population from organisations o join territories t on t.code = o.territory_code
      where t.path like ${prefixPattern(path)} and o.kind = any(${kinds}) and o.id <> ${except}
      returning organisation_id)
    select ins.organisation_id, t.path from ins join organisations o on o.id = ins.organisation_id join territories t on t.code = o.territory_code`.execute(db);
  return r.rows;
}

export async function consultation(db: Q, id: string, forUpdate = false) {
  let q = db.selectFrom('consultations as c').innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .innerJoin('territories as tt', 'tt.code', 'c.target_territory')
    .select(['c.id', 'c.organisation_id', 'c.territory_path', 'c.title', 'c.purpose', 'c.deadline', 'c.target_territory', 'c.target_kinds', 'c.weight_by_population',
      'c.remind_days', 'c.status', 'c.synthesis', 'c.feedback', 'c.published_at', 'c.created_at', 'c.version', 'o.name as organisation_name', 'o.territory_code as organisation_territory',
      'tt.name as target_territory_name'])
    .where('c.id', '=', id);
  if (forUpdate) q = q.forUpdate('c');
  return q.executeTakeFirst();
}
export type ConsultationRow = NonNullable<Awaited<ReturnType<typeof consultation>>>;

export async function isInvited(db: Q, consultationId: string, organisationId: string): Promise<boolean> {
  return !!(await db.selectFrom('consultation_invitations').select('organisation_id').where('consultation_id', '=', consultationId).where('organisation_id', '=', organisationId).executeTakeFirst());
}
export async function invitees(db: Q, consultationId: string) {
  return db.selectFrom('consultation_invitations as i').innerJoin('organisations as o', 'o.id', 'i.organisation_id').innerJoin('territories as t', 't.code', 'o.territory_code')
    .select(['i.organisation_id', 't.path']).where('i.consultation_id', '=', consultationId).execute();
}

/** Consultations the organisation opened or is invited to, and those published (on record). */
export async function listConsultations(db: Q, organisationId: string, opener: boolean, answerer: boolean) {
  const r = await sql<{
    id: string; title: string; status: string; deadline: Date; organisation_id: string; organisation_name: string; organisation_territory: string;
    invited: string; submitted: string; my_status: string | null; is_invited: boolean;
  }>`
    select c.id, c.title, c.status, c.deadline, c.organisation_id, o.name as organisation_name, o.territory_code as organisation_territory,
      (select count(*) from consultation_invitations i where i.consultation_id = c.id) as invited,
      (select count(*) from consultation_responses r where r.consultation_id = c.id and r.status = 'submitted') as submitted,
      (select r.status from consultation_responses r where r.consultation_id = c.id and r.organisation_id = ${organisationId}) as my_status,
      exists (select 1 from consultation_invitations i where i.consultation_id = c.id and i.organisation_id = ${organisationId}) as is_invited
    from consultations c join organisations o on o.id = c.organisation_id
    where c.status = 'published'
      or (${opener} and c.organisation_id = ${organisationId})
      or (${answerer} and exists (select 1 from consultation_invitations i where i.consultation_id = c.id and i.organisation_id = ${organisationId}))
    order by c.deadline desc limit 200`.execute(db);
  return r.rows;
}
export async function counts(db: Q, consultationId: string) {
  const r = await sql<{ invited: string; submitted: string; late: string }>`
    select (select count(*) from consultation_invitations where consultation_id = ${consultationId}) as invited,
      count(*) filter (where status = 'submitted') as submitted, count(*) filter (where status = 'submitted' and late) as late
    from consultation_responses where consultation_id = ${consultationId}`.execute(db);
  const x = r.rows[0]!;
  return { invited: Number(x.invited), submitted: Number(x.submitted), late: Number(x.late) };
}

export async function questions(db: Q, consultationId: string) {
  return db.selectFrom('consultation_questions').selectAll().where('consultation_id', '=', consultationId).orderBy('position').execute();
}
export type QuestionRow = Awaited<ReturnType<typeof questions>>[number];

export async function publish(db: Q, id: string, synthesis: string, feedback: string) {
  await db.updateTable('consultations').set((eb) => ({ status: 'published', synthesis, feedback, published_at: sql`now()`, version: eb('version', '+', 1) })).where('id', '=', id).execute();
}
export async function close(db: Q, id: string) {
  await db.updateTable('consultations').set((eb) => ({ status: 'closed', version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- responses
export async function response(db: Q, consultationId: string, organisationId: string, forUpdate = false) {
  let q = db.selectFrom('consultation_responses as r').leftJoin('users as u', 'u.id', 'r.submitted_by')
    .select(['r.id', 'r.status', 'r.visibility', 'r.late', 'r.submitted_at', 'r.updated_at', 'r.version', 'u.display_name as submitted_by_name'])
    .where('r.consultation_id', '=', consultationId).where('r.organisation_id', '=', organisationId);
  if (forUpdate) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
/** The first draft; undefined when another one was created at the same moment (the caller answers 409). */
export async function insertResponse(db: Q, consultationId: string, organisationId: string, visibility: string, userId: string) {
  const r = await db.insertInto('consultation_responses').values({ consultation_id: consultationId, organisation_id: organisationId, visibility, updated_by: userId })
    .onConflict((oc) => oc.columns(['consultation_id', 'organisation_id']).doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}
export async function touchResponse(db: Q, id: string, visibility: string | undefined, userId: string) {
  await db.updateTable('consultation_responses').set((eb) => ({ version: eb('version', '+', 1), updated_at: sql`clock_timestamp()`, updated_by: userId, ...(visibility ? { visibility } : {}) }))
    .where('id', '=', id).execute();
}
export async function submitResponse(db: Q, id: string, userId: string, deadline: Date) {
  await db.updateTable('consultation_responses').set((eb) => ({
    status: 'submitted', submitted_at: sql`clock_timestamp()`, submitted_by: userId, late: sql<boolean>`clock_timestamp() > ${deadline}`, version: eb('version', '+', 1),
  })).where('id', '=', id).execute();
}
export async function answers(db: Q, responseId: string) {
  return db.selectFrom('consultation_answers').select(['question_id', 'choice', 'number', 'text']).where('response_id', '=', responseId).execute();
}
export async function setAnswer(db: Q, responseId: string, a: { questionId: string; choice: string[] | null; number: number | null; text: string | null }) {
  await db.insertInto('consultation_answers').values({ response_id: responseId, question_id: a.questionId, choice: a.choice, number: a.number, text: a.text })
    .onConflict((oc) => oc.columns(['response_id', 'question_id']).doUpdateSet({ choice: a.choice, number: a.number, text: a.text })).execute();
}
export async function clearAnswers(db: Q, responseId: string, questionIds: string[]) {
  if (questionIds.length) await db.deleteFrom('consultation_answers').where('response_id', '=', responseId).where('question_id', 'in', questionIds).execute();
}

// ---------------------------------------------------------------- the aggregate
/**
 * The tally rows of the signed answers `filter` selects, summed per question × visibility ×
 * option: '' is the question's own row (how many answered; sums, least and greatest of numeric
 * answers, and their population-weighted sum), a choice or ranking counts each option chosen with
 * the sum of its positions, a scale each value.
 */
function tallySelect(filter: ReturnType<typeof sql>) {
  return sql`
    with src as (
      select r.consultation_id, a.question_id, r.visibility, coalesce(i.population, 0)::bigint as population, i.population is not null as weighed, a.choice, a.number, q.kind
      from consultation_answers a join consultation_responses r on r.id = a.response_id
      join consultation_invitations i on i.consultation_id = r.consultation_id and i.organisation_id = r.organisation_id
      join consultation_questions q on q.id = a.question_id
      where r.status = 'submitted' and ${filter}),
    rows as (
      select consultation_id, question_id, visibility, ''::text as option, population, 0::bigint as rank_sum, coalesce(number, 0) as num_sum, number as num_min, number as num_max,
        case when weighed and number is not null then number * population else 0 end as weighted_sum, case when weighed and number is not null then population else 0 end as weight
      from src
      union all
      select consultation_id, question_id, visibility, o.option, population, o.ord, 0, null, null, 0, 0
      from src cross join lateral unnest(choice) with ordinality as o(option, ord)
      union all
      select consultation_id, question_id, visibility, number::text, population, 0, 0, null, null, 0, 0 from src where kind = 'scale' and number is not null)
    select consultation_id, question_id, visibility, option, count(*)::int as answers, sum(population)::bigint as population, sum(rank_sum)::bigint as rank_sum,
      sum(num_sum) as num_sum, min(num_min) as num_min, max(num_max) as num_max, sum(weighted_sum) as weighted_sum, sum(weight)::bigint as weight
    from rows group by consultation_id, question_id, visibility, option`;
}
const tallyColumns = sql`(consultation_id, question_id, visibility, option, answers, population, rank_sum, num_sum, num_min, num_max, weighted_sum, weight)`;

/** Adds one signed answer to the running tallies (in the signing transaction). */
export async function addToTallies(db: Q, responseId: string) {
  await sql`insert into consultation_tallies ${tallyColumns} ${tallySelect(sql`r.id = ${responseId}`)}
    on conflict (consultation_id, question_id, visibility, option) do update set
      answers = consultation_tallies.answers + excluded.answers, population = consultation_tallies.population + excluded.population,
      rank_sum = consultation_tallies.rank_sum + excluded.rank_sum, num_sum = consultation_tallies.num_sum + excluded.num_sum,
      num_min = least(consultation_tallies.num_min, excluded.num_min), num_max = greatest(consultation_tallies.num_max, excluded.num_max),
      weighted_sum = consultation_tallies.weighted_sum + excluded.weighted_sum, weight = consultation_tallies.weight + excluded.weight`.execute(db);
}
/** Recomputes a consultation's tallies from its signed answers (bulk loads, checks). */
export async function rebuildTallies(db: Q, consultationId: string) {
  await db.deleteFrom('consultation_tallies').where('consultation_id', '=', consultationId).execute();
  await sql`insert into consultation_tallies ${tallyColumns} ${tallySelect(sql`r.consultation_id = ${consultationId}`)}`.execute(db);
}

export interface Tally { questionId: string; option: string; answers: number; population: number; rankSum: number; numSum: number; numMin: number | null; numMax: number | null; weightedSum: number; weight: number }
type TallyRow = { question_id: string; option: string; answers: unknown; population: unknown; rank_sum: unknown; num_sum: unknown; num_min: unknown; num_max: unknown; weighted_sum: unknown; weight: unknown };
const toTally = (x: TallyRow): Tally => ({
  questionId: x.question_id, option: x.option, answers: Number(x.answers), population: Number(x.population), rankSum: Number(x.rank_sum), numSum: Number(x.num_sum),
  numMin: num(x.num_min), numMax: num(x.num_max), weightedSum: Number(x.weighted_sum), weight: Number(x.weight),
});
/** The tallies of the answers with these visibilities. */
export async function tallies(db: Q, consultationId: string, visibilities: readonly string[]): Promise<Tally[]> {
  const r = await sql<TallyRow>`
    select question_id, option, sum(answers) as answers, sum(population) as population, sum(rank_sum) as rank_sum, sum(num_sum) as num_sum,
      min(num_min) as num_min, max(num_max) as num_max, sum(weighted_sum) as weighted_sum, sum(weight) as weight
    from consultation_tallies where consultation_id = ${consultationId} and visibility = any(${visibilities as string[]})
    group by question_id, option`.execute(db);
  return r.rows.map(toTally);
}
/** One signed answer's own tally rows (a reader's own answer, when its visibility is outside the reader's basis). */
export async function talliesOfResponse(db: Q, responseId: string): Promise<Tally[]> {
  const r = await sql<TallyRow>`${tallySelect(sql`r.id = ${responseId}`)}`.execute(db);
  return r.rows.map(toTally);
}

/** Which signed answers a reader counts: those with the visibilities, and the reader's own organisation's. */
function counted(consultationId: string, visibilities: readonly string[], own: string | null) {
  return sql`r.consultation_id = ${consultationId} and r.status = 'submitted' and (r.visibility = any(${visibilities as string[]}) or r.organisation_id = ${own})`;
}
export async function countedResponses(db: Q, consultationId: string, visibilities: readonly string[], own: string | null) {
  const r = await sql<{ n: number; late: number }>`select count(*)::int as n, (count(*) filter (where r.late))::int as late from consultation_responses r where ${counted(consultationId, visibilities, own)}`.execute(db);
  return r.rows[0]!;
}
/** The latest free-text answers a reader may see, at most `perQuestion` per question, with the organisation that gave them. */
export async function texts(db: Q, consultationId: string, visibilities: readonly string[], own: string | null, perQuestion: number) {
  const r = await sql<{ question_id: string; name: string; text: string }>`
    select q.id as question_id, o.name, x.text from consultation_questions q
    cross join lateral (
      select a.text, r.organisation_id, r.submitted_at from consultation_answers a join consultation_responses r on r.id = a.response_id
      where a.question_id = q.id and a.text is not null and ${counted(consultationId, visibilities, own)}
      order by r.submitted_at desc limit ${perQuestion}) x
    join organisations o on o.id = x.organisation_id
    where q.consultation_id = ${consultationId} and q.kind = 'free_text'
    order by q.position, x.submitted_at desc`.execute(db);
  return r.rows;
}
export async function respondents(db: Q, consultationId: string, visibilities: readonly string[], own: string | null) {
  const r = await sql<{ id: string; name: string; territory_code: string; late: boolean; submitted_at: Date; population: string | null; lon: number | null; lat: number | null }>`
    select o.id, o.name, o.territory_code, r.late, r.submitted_at, i.population, t.lon, t.lat
    from consultation_responses r join consultation_invitations i on i.consultation_id = r.consultation_id and i.organisation_id = r.organisation_id
    join organisations o on o.id = r.organisation_id join territories t on t.code = o.territory_code
    where ${counted(consultationId, visibilities, own)}
    order by o.name limit 20000`.execute(db);
  return r.rows;
}
/** Every counted answer, one row per respondent and question (the export). */
export async function exportRows(db: Q, consultationId: string, visibilities: readonly string[], own: string | null) {
  const r = await sql<{ organisation: string; territory_code: string; visibility: string; late: boolean; submitted_at: Date; position: number; prompt: string; choice: string[] | null; number: number | null; text: string | null }>`
    select o.name as organisation, o.territory_code, r.visibility, r.late, r.submitted_at, q.position, q.prompt, a.choice, a.number, a.text
    from consultation_responses r join organisations o on o.id = r.organisation_id
    join consultation_answers a on a.response_id = r.id join consultation_questions q on q.id = a.question_id
    where ${counted(consultationId, visibilities, own)}
    order by o.name, q.position`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------- reminders
/** Stamps the invitations due a reminder (open, deadline within its window, no submitted answer) and returns them; one instance stamps each. */
export async function stampDueReminders(db: Q) {
  const r = await sql<{ consultation_id: string; organisation_id: string; title: string; deadline: Date; path: string; owner_id: string; owner_path: string }>`
    with due as (
      update consultation_invitations i set reminded_at = now()
      from consultations c
      where c.id = i.consultation_id and c.status = 'open' and i.reminded_at is null
        and c.deadline > now() and c.deadline <= now() + make_interval(days => c.remind_days)
        and not exists (select 1 from consultation_responses r where r.consultation_id = i.consultation_id and r.organisation_id = i.organisation_id and r.status = 'submitted')
      returning i.consultation_id, i.organisation_id, c.title, c.deadline, c.organisation_id as owner_id, c.territory_path as owner_path)
    select due.*, t.path from due join organisations o on o.id = due.organisation_id join territories t on t.code = o.territory_code`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------- issues raised from below
export async function insertIssue(db: Q, i: { organisationId: string; territoryPath: string; addressedTo: string; title: string; body: string }) {
  const r = await db.insertInto('raised_issues').values({ organisation_id: i.organisationId, territory_path: i.territoryPath, addressed_to: i.addressedTo, title: i.title, body: i.body, answer: null, answered_by: null })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}
export async function issue(db: Q, id: string, forUpdate = false) {
  let q = db.selectFrom('raised_issues').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export async function listIssues(db: Q, f: { withinPath?: string; addressedTo?: string; status?: string; ids?: string[] }) {
  const r = await sql<{
    id: string; title: string; body: string; status: string; answer: string | null; answered_at: Date | null; created_at: Date;
    raised_id: string; raised_name: string; raised_territory: string; to_id: string; to_name: string; to_territory: string; days_waiting: number;
    supporters: Array<{ id: string; name: string; territoryCode: string }> | string;
  }>`
    select i.id, i.title, i.body, i.status, i.answer, i.answered_at, i.created_at,
      ro.id as raised_id, ro.name as raised_name, ro.territory_code as raised_territory, ao.id as to_id, ao.name as to_name, ao.territory_code as to_territory,
      extract(epoch from (coalesce(i.answered_at, now()) - i.created_at)) / 86400.0 as days_waiting,
      coalesce((select json_agg(json_build_object('id', so.id, 'name', so.name, 'territoryCode', so.territory_code) order by s.supported_at)
        from raised_issue_supporters s join organisations so on so.id = s.organisation_id where s.issue_id = i.id), '[]'::json) as supporters
    from raised_issues i join organisations ro on ro.id = i.organisation_id join organisations ao on ao.id = i.addressed_to
    where (${f.withinPath ?? null}::text is null or i.territory_path like ${f.withinPath ? prefixPattern(f.withinPath) : '%'})
      and (${f.addressedTo ?? null}::uuid is null or i.addressed_to = ${f.addressedTo ?? null}::uuid)
      and (${f.status ?? null}::text is null or i.status = ${f.status ?? null})
      and (${f.ids ? f.ids : null}::uuid[] is null or i.id = any(${f.ids ? f.ids : null}::uuid[]))
    order by i.status, i.created_at limit 500`.execute(db);
  return r.rows;
}
export async function support(db: Q, issueId: string, organisationId: string) {
  await db.insertInto('raised_issue_supporters').values({ issue_id: issueId, organisation_id: organisationId }).onConflict((oc) => oc.doNothing()).execute();
}
export async function answerIssue(db: Q, id: string, answer: string, userId: string) {
  await db.updateTable('raised_issues').set({ status: 'answered', answer, answered_by: userId, answered_at: sql`now()` }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- the good-practice library
export async function practiceCount(db: Q): Promise<number> {
  const r = await db.selectFrom('good_practices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function insertPractices(db: Q, rows: Array<{ id: string; language: string; title: string; place: string; country: string; territoryCode: string | null; domains: string[]; years: string; targetGroup: string; entry: unknown; searchText: string; namedInCemr: boolean }>) {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('good_practices').values(rows.slice(i, i + 500).map((p) => ({
      id: p.id, language: p.language, title: p.title, place: p.place, country: p.country, territory_code: p.territoryCode, domains: p.domains, years: p.years, target_group: p.targetGroup,
      entry: JSON.stringify(p.entry), search_text: p.searchText, named_in_cemr: p.namedInCemr,
    }))).onConflict((oc) => oc.column('id').doNothing()).execute();
  }
}
export async function searchPractices(db: Q, f: { q?: string; domain?: string; country?: string; language?: string; limit: number }) {
  let q = db.selectFrom('good_practices as g').leftJoin('territories as t', 't.code', 'g.territory_code')
    .select(['g.id', 'g.language', 'g.title', 'g.place', 'g.country', 'g.domains', 'g.years', 'g.target_group', 'g.named_in_cemr', 't.population']);
  if (f.q) q = q.where(sql<boolean>`g.search_vector @@ to_tsquery('simple', ${f.q})`);
  if (f.domain) q = q.where(sql<boolean>`${f.domain} = any(g.domains)`);
  if (f.country) q = q.where('g.country', '=', f.country);
  if (f.language) q = q.where('g.language', '=', f.language);
  return q.orderBy('g.named_in_cemr', 'desc').orderBy('g.title').limit(f.limit).execute();
}
export async function practice(db: Q, id: string) {
  return db.selectFrom('good_practices as g').leftJoin('territories as t', 't.code', 'g.territory_code')
    .select(['g.id', 'g.language', 'g.title', 'g.place', 'g.country', 'g.domains', 'g.years', 'g.target_group', 'g.entry', 'g.named_in_cemr', 't.population']).where('g.id', '=', id).executeTakeFirst();
}
