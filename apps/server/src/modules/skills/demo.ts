// Demo data of skills and work (fictional organisations): a steel-construction employer in Sigtuna
// with a welder vacancy, and an adult-education provider in Sollentuna with a TIG-welding course,
// each with a partner account. The vacancy asks for a skill the course teaches, so a welder's
// matches show the course that closes her missing skill. ESCO ids are looked up by English label.
import { sql } from 'kysely';
import type { Tx } from '../../platform/context.ts';
import type { DemoContext, DemoData } from '../../platform/module.ts';
import * as accounts from '../accounts/service.ts';
import * as organisations from '../organisations/service.ts';

export const skillsPartners = [
  { email: 'partner@stalbygg-sigtuna.localpact.eu', name: 'Erik Ståhl', role: 'partner', org: 'stalbygg-sigtuna' },
  { email: 'partner@yrkesvux-sollentuna.localpact.eu', name: 'Lena Lärare', role: 'partner', org: 'yrkesvux-sollentuna' },
] as const;

async function escoIds(trx: Tx, table: 'esco_occupations' | 'esco_skills', labels: string[]): Promise<string[]> {
  const rows = await trx.selectFrom(table).select(['id', 'label_en']).where('label_en', 'in', labels).execute();
  return labels.map((l) => { const r = rows.find((x) => x.label_en === l); if (!r) throw new Error(`demo: ESCO has no "${l}"`); return r.id; });
}

async function seed(trx: Tx, ctx: DemoContext): Promise<void> {
  const employer = await organisations.addDemoOrganisation(trx, ctx, { key: 'stalbygg-sigtuna', name: 'Stålbygg Sigtuna AB (fictional employer)', kind: 'employer', territory: 'SE_0191', parent: 'sigtuna' });
  const school = await organisations.addDemoOrganisation(trx, ctx, { key: 'yrkesvux-sollentuna', name: 'Yrkesvux Sollentuna (fictional adult vocational education)', kind: 'training_provider', territory: 'SE_0163', parent: 'sollentuna' });
  await accounts.addDemoUsers(trx, ctx, skillsPartners);
  const [welder] = await escoIds(trx, 'esco_occupations', ['welder']);
  const [arc, mig, tig, plans, safety] = await escoIds(trx, 'esco_skills', ['apply arc welding techniques', 'perform metal inert gas welding', 'perform tungsten inert gas welding', 'interpret 2D plans', 'wear appropriate protective gear']);
  const closes = sql<string>`current_date + 60`;
  const vacancy = await trx.insertInto('offers').values({ organisation_id: employer, kind: 'job', title: 'Welder, steel structures (MIG/TIG)', occupation_id: welder, territory_code: 'SE_0191', hours_per_week: 40, starts_on: null, closes_on: closes, language_code: 'sv', language_level: 'A2' }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('offer_skills').values([
    { offer_id: vacancy.id, skill_id: arc, essential: true }, { offer_id: vacancy.id, skill_id: mig, essential: true }, { offer_id: vacancy.id, skill_id: tig, essential: true },
    { offer_id: vacancy.id, skill_id: safety, essential: true }, { offer_id: vacancy.id, skill_id: plans, essential: false },
  ]).execute();
  const course = await trx.insertInto('offers').values({ organisation_id: school, kind: 'training', title: 'TIG welding, 8-week course with Swedish for the trade', occupation_id: welder, territory_code: 'SE_0163', hours_per_week: 30, starts_on: null, closes_on: closes, language_code: 'sv', language_level: 'A1' }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('offer_skills').values([{ offer_id: course.id, skill_id: tig, essential: true }]).execute();
}

export const skillsDemo: DemoData = {
  seed,
  signIns: skillsPartners.map((u) => ({ role: u.role, email: u.email })),
};
