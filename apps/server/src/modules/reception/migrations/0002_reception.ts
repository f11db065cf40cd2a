// Reception (issue 3): resource types, capacity declarations with their full history and a daily
// roll-up table, and arrival notices (transfer requests) with every earlier version kept.
import { sql, type Kysely } from 'kysely';

/** Resource types are data: an administrator adds one with POST /api/reception/resource-types. */
async function resourceTypes(db: Kysely<unknown>): Promise<void> {
  // ---- resource types are data: an administrator adds one with POST /api/reception/resource-types.
  await sql`
    create table resource_types (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      unit text not null check (unit in ('beds','places','seats','slots')),
      labels jsonb not null,
      sort_order integer not null default 100,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into resource_types (code, unit, sort_order, labels) values
    ('emergency_beds', 'beds', 10, '{"en":"Emergency beds","fr":"Lits d''urgence","de":"Notbetten","uk":"Екстрені ліжка","ar":"أسرّة الطوارئ"}'),
    ('housing_places', 'places', 20, '{"en":"Housing places","fr":"Places de logement","de":"Wohnplätze","uk":"Місця у житлі","ar":"أماكن السكن"}'),
    ('uam_places', 'places', 30, '{"en":"Places for unaccompanied minors","fr":"Places pour mineurs non accompagnés","de":"Plätze für unbegleitete Minderjährige","uk":"Місця для неповнолітніх без супроводу","ar":"أماكن للقاصرين غير المصحوبين"}'),
    ('primary_school_places', 'places', 40, '{"en":"Primary school places","fr":"Places en école primaire","de":"Grundschulplätze","uk":"Місця в початковій школі","ar":"مقاعد المدارس الابتدائية"}'),
    ('secondary_school_places', 'places', 50, '{"en":"Secondary school places","fr":"Places en école secondaire","de":"Plätze an weiterführenden Schulen","uk":"Місця в середній школі","ar":"مقاعد المدارس الثانوية"}'),
    ('childcare_places', 'places', 60, '{"en":"Childcare places","fr":"Places en crèche","de":"Kita-Plätze","uk":"Місця в дитячих садках","ar":"أماكن رعاية الأطفال"}'),
    ('language_course_seats', 'seats', 70, '{"en":"Language-course seats","fr":"Places en cours de langue","de":"Sprachkursplätze","uk":"Місця на мовних курсах","ar":"مقاعد دورات اللغة"}'),
    ('health_slots', 'slots', 80, '{"en":"Health appointment slots","fr":"Créneaux de consultation médicale","de":"Termine für Gesundheitsversorgung","uk":"Слоти медичних прийомів","ar":"مواعيد الرعاية الصحية"}'),
    ('psychosocial_slots', 'slots', 90, '{"en":"Psychosocial appointment slots","fr":"Créneaux de soutien psychosocial","de":"Termine für psychosoziale Beratung","uk":"Слоти психосоціальної підтримки","ar":"مواعيد الدعم النفسي والاجتماعي"}'),
    ('step_free_places', 'places', 100, '{"en":"Accessible (step-free) places","fr":"Places accessibles (sans marches)","de":"Barrierefreie (stufenlose) Plätze","uk":"Доступні місця (без сходинок)","ar":"أماكن ميسّرة (بدون درج)"}')
  `.execute(db);
}

/** Capacity: the current declarations, their history and the daily roll-up. */
async function capacity(db: Kysely<unknown>): Promise<void> {
  // ---- capacity: one current row per organisation × resource, versioned (409 on stale writes).
  // territory_path is the owning organisation's territory path (the gate's owner), group_path its
  // first five segments (down to NUTS 3): the unit of the daily roll-up table below.
  await sql`
    create table capacity_declarations (
      organisation_id uuid not null references organisations(id),
      resource_code text not null references resource_types(code),
      territory_path text not null,
      group_path text not null,
      total integer not null check (total >= 0),
      occupied integer not null check (occupied >= 0),
      reserved integer not null check (reserved >= 0),
      version integer not null default 1,
      updated_at timestamptz not null default clock_timestamp(),
      updated_by uuid,
      primary key (organisation_id, resource_code),
      check (occupied + reserved <= total)
    )`.execute(db);
  await sql`create index capacity_declarations_path on capacity_declarations (territory_path text_pattern_ops)`.execute(db);

  // Every change, with who and when: "as of" any past moment is the latest row at or before it.
  await sql`
    create table capacity_history (
      id bigserial primary key,
      organisation_id uuid not null,
      resource_code text not null,
      territory_path text not null,
      valid_from timestamptz not null default clock_timestamp(),
      total integer not null,
      occupied integer not null,
      reserved integer not null,
      changed_by uuid,
      reason text not null
    )`.execute(db);
  await sql`create index capacity_history_series on capacity_history (organisation_id, resource_code, valid_from desc) include (total, occupied, reserved)`.execute(db);

  // The roll-up table: end-of-day (UTC) sums per path prefix (EU, country, NUTS 1, NUTS 2, NUTS 3
  // — the municipality's group and each of its ancestors) × resource, written only on days with a
  // change (each write adds its delta to today's rows in the same transaction). A roll-up of Germany
  // at a past date reads Germany's own row and its 16 NUTS 1 children's rows, about 170 "latest row
  // at or before the day" look-ups, instead of ~100,000 municipality series (bench/reception.ts).
  await sql`
    create table capacity_daily (
      group_path text not null,
      resource_code text not null,
      day date not null,
      total bigint not null,
      occupied bigint not null,
      reserved bigint not null,
      -- the figures ride in the key's index, so "latest row at or before a day" is an index-only scan
      primary key (group_path, resource_code, day) include (total, occupied, reserved)
    )`.execute(db);
}

/** Arrival notices (transfer requests) and their earlier versions. */
async function arrivalNotices(db: Kysely<unknown>): Promise<void> {
  // ---- arrival notices (transfer requests) and their earlier versions.
  await sql`
    create table arrival_notices (
      id uuid primary key default gen_random_uuid(),
      reference text not null,
      parent_id uuid references arrival_notices(id),
      issuer_organisation_id uuid not null references organisations(id),
      issuer_territory_path text not null,
      target_organisation_id uuid not null references organisations(id),
      target_territory_path text not null,
      state text not null check (state in ('announced','accepted','partially_accepted','declined','withdrawn','arrived')),
      procedure text not null check (procedure in ('asylum','border_procedure','relocation','resettlement','temporary_protection')),
      expected_at timestamptz not null,
      deadline_at timestamptz not null,
      households integer not null check (households >= 1),
      persons integer not null check (persons >= 1 and persons >= households),
      needs jsonb not null default '{}'::jsonb,
      resource_code text not null references resource_types(code),
      accepted_persons integer check (accepted_persons >= 0 and accepted_persons <= persons),
      reason text,
      note text,
      escalated_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default clock_timestamp(),
      created_by uuid,
      updated_at timestamptz not null default clock_timestamp()
    )`.execute(db);
  await sql`create index arrival_notices_target on arrival_notices (target_organisation_id, created_at desc)`.execute(db);
  await sql`create index arrival_notices_issuer on arrival_notices (issuer_organisation_id, created_at desc)`.execute(db);
  await sql`create index arrival_notices_target_path on arrival_notices (target_territory_path text_pattern_ops)`.execute(db);
  await sql`create index arrival_notices_overdue on arrival_notices (deadline_at) where state = 'announced' and escalated_at is null`.execute(db);
  await sql`
    create table arrival_notice_versions (
      notice_id uuid not null references arrival_notices(id),
      version integer not null,
      action text not null,
      at timestamptz not null default clock_timestamp(),
      actor_id uuid,
      snapshot jsonb not null,
      primary key (notice_id, version)
    )`.execute(db);

  await sql`grant select, insert on resource_types to localpact_app`.execute(db);
  await sql`grant select, insert, update on capacity_declarations, capacity_daily, arrival_notices to localpact_app`.execute(db);
  await sql`grant select, insert on capacity_history, arrival_notice_versions to localpact_app`.execute(db);
  await sql`grant delete on capacity_daily to localpact_app`.execute(db); // rebuildDaily()
  await sql`grant usage on all sequences in schema public to localpact_app`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // The event log and the notification tables were created here until platform migration
  // 0001_platform_events took them over (see its header): a fresh database has them already.
  await resourceTypes(db);
  await capacity(db);
  await arrivalNotices(db);
}

export async function down(): Promise<void> {
  throw new Error('localpact migrations are forward-only');
}
