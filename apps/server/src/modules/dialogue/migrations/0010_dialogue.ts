// Dialogue between levels (issue 16): consultations (questionnaire, invitations, one official
// answer per invited organisation), issues raised from below with their supporters, and the
// good-practice library. No personal data: answers and issues are organisations' positions.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await consultationTables(db);
  await answerTables(db);
  await issueTables(db);
  await libraryTables(db);
  await sql`grant select, insert, update, delete on consultations, consultation_questions, consultation_invitations, consultation_responses, consultation_answers, consultation_tallies,
    raised_issues, raised_issue_supporters, good_practices to localpact_app`.execute(db);
}

async function consultationTables(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consultations (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      territory_path text not null,
      title text not null,
      purpose text not null,
      deadline timestamptz not null,
      target_territory text not null references territories(code),
      target_kinds text[] not null,
      weight_by_population boolean not null default false,
      remind_days integer not null default 3,
      status text not null default 'open' check (status in ('open','closed','published')),
      synthesis text,
      feedback text,
      published_at timestamptz,
      created_by uuid,
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index consultations_organisation on consultations (organisation_id)`.execute(db);

  await sql`
    create table consultation_questions (
      id uuid primary key default gen_random_uuid(),
      consultation_id uuid not null references consultations(id),
      position integer not null,
      kind text not null check (kind in ('single_choice','multiple_choice','scale','number','ranking','free_text')),
      prompt text not null,
      required boolean not null default false,
      options text[] not null default '{}',
      scale_min integer,
      scale_max integer,
      show_if_position integer,
      show_if_equals text,
      unique (consultation_id, position)
    )`.execute(db);

  // Who is asked. The population is the weight of the organisation's answer, taken when invited.
  await sql`
    create table consultation_invitations (
      consultation_id uuid not null references consultations(id),
      organisation_id uuid not null references organisations(id),
      population bigint,
      reminded_at timestamptz,
      primary key (consultation_id, organisation_id)
    )`.execute(db);
  await sql`create index consultation_invitations_organisation on consultation_invitations (organisation_id)`.execute(db);

}

async function answerTables(db: Kysely<unknown>): Promise<void> {
  // One official answer per invited organisation: drafted by several, signed by one.
  await sql`
    create table consultation_responses (
      id uuid primary key default gen_random_uuid(),
      consultation_id uuid not null,
      organisation_id uuid not null,
      status text not null default 'draft' check (status in ('draft','submitted')),
      visibility text not null default 'participants' check (visibility in ('public','participants','consulting_body')),
      late boolean not null default false,
      submitted_at timestamptz,
      submitted_by uuid,
      updated_at timestamptz not null default clock_timestamp(),
      updated_by uuid,
      version integer not null default 1,
      unique (consultation_id, organisation_id),
      foreign key (consultation_id, organisation_id) references consultation_invitations (consultation_id, organisation_id)
    )`.execute(db);
  // The aggregate reads submitted answers of one consultation.
  await sql`create index consultation_responses_submitted on consultation_responses (consultation_id) where status = 'submitted'`.execute(db);

  await sql`
    create table consultation_answers (
      response_id uuid not null references consultation_responses(id),
      question_id uuid not null references consultation_questions(id),
      choice text[],
      number double precision,
      text text,
      primary key (response_id, question_id)
    )`.execute(db);
  await sql`create index consultation_answers_question on consultation_answers (question_id)`.execute(db);

  // The live aggregate, kept as running tallies: a signed answer is final, so signing adds its
  // figures here once (service.submitResponse), and reading the results of 8,000 answers reads a
  // few hundred rows instead of every answer. Per question × the answer's visibility × option
  // ('' for the question's own row: how many answered, and the sums of numeric answers; a scale
  // also counts each value, for its median). repository.rebuildTallies recomputes them.
  await sql`
    create table consultation_tallies (
      consultation_id uuid not null references consultations(id),
      question_id uuid not null references consultation_questions(id),
      visibility text not null,
      option text not null,
      answers integer not null default 0,
      population bigint not null default 0,
      rank_sum bigint not null default 0,
      num_sum double precision not null default 0,
      num_min double precision,
      num_max double precision,
      weighted_sum double precision not null default 0,
      weight bigint not null default 0,
      primary key (consultation_id, question_id, visibility, option)
    )`.execute(db);

}

async function issueTables(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table raised_issues (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      territory_path text not null,
      addressed_to uuid not null references organisations(id),
      title text not null,
      body text not null,
      status text not null default 'open' check (status in ('open','answered')),
      answer text,
      answered_by uuid,
      answered_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index raised_issues_addressed on raised_issues (addressed_to, status)`.execute(db);
  await sql`create index raised_issues_path on raised_issues (territory_path text_pattern_ops)`.execute(db);
  await sql`
    create table raised_issue_supporters (
      issue_id uuid not null references raised_issues(id),
      organisation_id uuid not null references organisations(id),
      supported_at timestamptz not null default now(),
      primary key (issue_id, organisation_id)
    )`.execute(db);

}

async function libraryTables(db: Kysely<unknown>): Promise<void> {
  // The library: entries in one language each (language marked), searchable by words, domain,
  // country and size. search_text is the entry's words, lower-cased, for the trigram index.
  await sql`
    create table good_practices (
      id text primary key,
      language text not null,
      title text not null,
      place text not null,
      country text not null,
      territory_code text references territories(code),
      domains text[] not null,
      -- the list shows these; the rest of the entry (what it does, results, sources) on opening it
      years text not null,
      target_group text not null,
      entry jsonb not null,
      search_text text not null,
      -- words of every language, unstemmed ('simple'): entries are written in any UI language
      search_vector tsvector generated always as (to_tsvector('simple', search_text)) stored,
      named_in_cemr boolean not null default false
    )`.execute(db);
  await sql`create index good_practices_search on good_practices using gin (search_vector)`.execute(db);
  await sql`create index good_practices_domains on good_practices using gin (domains)`.execute(db);
  await sql`create index good_practices_country on good_practices (country)`.execute(db);
  // The list's order: with a common word the first 50 in this order are found without sorting every match.
  await sql`create index good_practices_order on good_practices (named_in_cemr desc, title)`.execute(db);

}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
