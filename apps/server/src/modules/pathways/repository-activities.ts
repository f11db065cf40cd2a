// SQL for the activities that count (funding indicators): counts of the people whose plans hold
// steps of given domains delivered by given organisations in a period, and the people themselves
// for staff who may read them. Row-level security applies as in repository.ts; the counts run as
// the platform's lookup (only counts leave).
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import { platformLookup } from '../../platform/rls.ts';

export interface ActivitySelector { domains: readonly string[]; deliveredBy: readonly string[]; from: string; to: string; languageCode: string | null }

/**
 * One row per person who took part (a step started, not planned only) in a step of a selector's
 * domains, delivered by one of its organisations (its responsible organisation, or else the one
 * holding the plan), running at some time in its period: which selectors (a bit mask), the first
 * start, and the start of the first finished course of a selector with a language.
 */
function activityHits(holders: readonly string[], selectors: readonly ActivitySelector[], asOf: string) {
  // One row per selector, domain and deliverer: the steps meet them in a hash join on (domain, deliverer).
  const pairs = selectors.flatMap((s, i) => s.domains.flatMap((d) => s.deliveredBy.map((o) => sql`(${i}::int, ${d}::text, ${o}::uuid, ${s.from}::date, ${s.to}::date, ${s.languageCode}::text)`)));
  return sql`sel (i, domain, delivered, f, t, lang) as (values ${sql.join(pairs)}),
    hits as (
      select st.person_id, bit_or(1 << sel.i) as mask, min(st.started_on) as entry,
             min(st.started_on) filter (where sel.lang is not null and st.status = 'done' and st.done_on <= ${asOf}::date) as left_from,
             max(sel.lang) filter (where sel.lang is not null and st.status = 'done' and st.done_on <= ${asOf}::date) as lang
        from pathway_steps st
        join sel on st.domain = sel.domain and coalesce(st.responsible_organisation_id, st.organisation_id) = sel.delivered
       where st.organisation_id in (${sql.join(holders)})
         and st.started_on is not null
         and st.status in ('in_progress', 'done', 'stopped')
         and st.started_on <= least(sel.t, ${asOf}::date)
         and coalesce(st.done_on, 'infinity'::date) >= sel.f
       group by st.person_id)`;
}

// The CEFR rank (1 = A1 … 6 = C2, 7 = native, 0 = none) of a language in a languages value.
const rankIn = (languages: RawBuilder<unknown>, lang: RawBuilder<unknown>) => sql`coalesce((
    select case l->>'level' when 'A1' then 1 when 'A2' then 2 when 'B1' then 3 when 'B2' then 4 when 'C1' then 5 when 'C2' then 6 when 'native' then 7 else 0 end
      from jsonb_array_elements(case jsonb_typeof(${languages}) when 'array' then ${languages} else '[]'::jsonb end) l
     where l->>'code' = ${lang} limit 1), 0)`;

export interface ActivityCell { mask: number; sex: string; band: string; improved: boolean; thirdCountry: boolean; n: number }

/**
 * Counts only: participants grouped by which selectors they took part in (a bit mask), sex, age
 * band on entry (entry year minus birth year, which erasure keeps), whether their CEFR level in
 * the course language rose between the start of a finished course and the as-of date, and
 * whether none of their nationalities is an EU one. Run as the platform (no row leaves but counts).
 */
export async function activityCells(trx: Tx, holders: readonly string[], selectors: readonly ActivitySelector[], asOf: string, euCountries: readonly string[]): Promise<ActivityCell[]> {
  if (!holders.length || !selectors.length) return [];
  // Tens of thousands of people grouped: sorts and hashes in memory; and no JIT, whose compilation
  // (row-level security inflates the estimated cost past jit_above_cost) took longer than the
  // statement itself (2.2 s of 3.8 s, bench/funding.ts). For this transaction only.
  await sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(trx);
  const r = await platformLookup(trx, () => activityCellsQuery(holders, selectors, asOf, euCountries).execute(trx));
  return r.rows.map((x) => ({ mask: Number(x.mask), sex: x.sex, band: x.band, improved: x.improved, thirdCountry: x.third, n: Number(x.n) }));
}

/** The statement of activityCells (exported for the benchmark's query plan). */
export function activityCellsQuery(holders: readonly string[], selectors: readonly ActivitySelector[], asOf: string, euCountries: readonly string[]) {
  // A person's level at a moment is the old value of the first correction of their languages made
  // after it, else today's value; looked up only for those who finished a course.
  return sql<{ mask: number; sex: string; band: string; improved: boolean; third: boolean; n: number }>`
    with ${activityHits(holders, selectors, asOf)}
    select h.mask, p.sex,
           case when a < 18 then 'under_18' when a <= 29 then '18_29' when a <= 54 then '30_54' when a <= 60 then '55_60' else 'over_60' end as band,
           case when h.left_from is null then false
                else ${rankIn(sql`coalesce(lv.at_end, p.languages)`, sql.ref('h.lang'))} > ${rankIn(sql`coalesce(lv.at_start, p.languages)`, sql.ref('h.lang'))} end as improved,
           (cardinality(p.nationalities) > 0 and not (p.nationalities && ${sql.val(euCountries)}::text[])) as third,
           count(*)::int as n
      from hits h join people p on p.id = h.person_id
      left join lateral (
        select (array_agg(c.old_value order by c.at, c.id) filter (where c.at >= h.left_from::timestamptz))[1] as at_start,
               (array_agg(c.old_value order by c.at, c.id) filter (where c.at >= (${asOf}::date + 1)::timestamptz))[1] as at_end
          from person_corrections c
         where h.left_from is not null and c.person_id = h.person_id and c.field = 'languages') lv on true
      cross join lateral (select extract(year from h.entry)::int - p.birth_year as a) age
     group by 1, 2, 3, 4, 5`;
}

/** The participants themselves, as row-level security lets the actor see them (never the erased). */
export async function activityPeople(trx: Tx, holders: readonly string[], selectors: readonly ActivitySelector[], asOf: string, reach: Expression<SqlBool>) {
  if (!holders.length || !selectors.length) return [];
  const r = await sql<{ id: string; given_name: string; family_name: string; mask: number }>`
    with ${activityHits(holders, selectors, asOf)}
    select p.id, i.given_name, i.family_name, h.mask::int as mask
      from hits h
      join people p on p.id = h.person_id and p.erased_at is null
      join person_identities i on i.person_id = p.id
      join organisations o on o.id = p.organisation_id
      join territories t on t.code = o.territory_code
     where ${reach}
     order by i.family_name, i.given_name, p.id
     limit 5000`.execute(trx);
  return r.rows.map((x) => ({ id: x.id, givenName: x.given_name, familyName: x.family_name, mask: Number(x.mask) }));
}
