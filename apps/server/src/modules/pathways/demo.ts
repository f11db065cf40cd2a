// Demo data for integration pathways: the three pathway templates in Hamburg and Sollentuna, a few
// households in Hamburg and Sollentuna, a language-course NGO in Hamburg and partner accounts for it
// and for the Handwerkskammer. The names are fictional on purpose: the family names mean "example"
// or "sample" (Приклад, Зразок, Mithal/مثال, Namuna/نمونه, Exempel, Mustermann).
import type { Tx } from '../../platform/context.ts';
import type { DemoContext, DemoData } from '../../platform/module.ts';
import * as accounts from '../accounts/service.ts';
import * as organisations from '../organisations/service.ts';
import { nameKey, searchText } from './names.ts';

type TemplateStep = { domain: string; title: string; dueAfterDays: number | null; for: 'all' | 'adult' | 'child'; followUp?: boolean };

export const demoTemplates: Array<{ name: string; audience: string; description: string; steps: TemplateStep[] }> = [
  {
    name: 'Adult under temporary protection', audience: 'adult',
    description: 'From arrival to a durable residence status: papers, housing, language, recognition, work, health.',
    steps: [
      { domain: 'documents_legal', title: 'Residence permit for temporary protection', dueAfterDays: 14, for: 'all' },
      { domain: 'health_psychosocial', title: 'Health insurance and first health check', dueAfterDays: 21, for: 'all' },
      { domain: 'reception_housing', title: 'Move from reception centre to own housing', dueAfterDays: 120, for: 'all' },
      { domain: 'language', title: 'Integration course (language) to B1', dueAfterDays: 45, for: 'all' },
      { domain: 'qualifications', title: 'Recognition of foreign professional qualification', dueAfterDays: 150, for: 'all' },
      { domain: 'employment_training', title: 'Employment counselling and job search', dueAfterDays: 60, for: 'all' },
      { domain: 'documents_legal', title: 'Prepare the move to a durable residence status before temporary protection ends', dueAfterDays: 365, for: 'all', followUp: true },
    ],
  },
  {
    name: 'Family with school-age children', audience: 'family',
    description: 'A household with children: every adult gets the adult steps, every child school, language support and a paediatric check.',
    steps: [
      { domain: 'documents_legal', title: 'Residence permits for the whole family', dueAfterDays: 14, for: 'all' },
      { domain: 'reception_housing', title: 'Family housing', dueAfterDays: 120, for: 'all' },
      { domain: 'health_psychosocial', title: 'Health insurance and health check', dueAfterDays: 21, for: 'adult' },
      { domain: 'language', title: 'Language course to B1', dueAfterDays: 45, for: 'adult' },
      { domain: 'employment_training', title: 'Employment counselling and job search', dueAfterDays: 90, for: 'adult' },
      { domain: 'schooling_childcare', title: 'School place', dueAfterDays: 21, for: 'child' },
      { domain: 'language', title: 'Welcome class and language support at school', dueAfterDays: 30, for: 'child' },
      { domain: 'health_psychosocial', title: 'Paediatric check-up and vaccinations', dueAfterDays: 30, for: 'child' },
    ],
  },
  {
    name: 'Unaccompanied minor', audience: 'unaccompanied_minor',
    description: 'Guardian first; youth welfare placement; psychosocial care; school; papers with the guardian.',
    steps: [
      { domain: 'documents_legal', title: 'Appoint a legal guardian', dueAfterDays: 7, for: 'all' },
      { domain: 'reception_housing', title: 'Youth welfare placement', dueAfterDays: 3, for: 'all' },
      { domain: 'health_psychosocial', title: 'Psychosocial assessment and care', dueAfterDays: 14, for: 'all' },
      { domain: 'schooling_childcare', title: 'School place', dueAfterDays: 30, for: 'all' },
      { domain: 'language', title: 'Language support', dueAfterDays: 30, for: 'all' },
      { domain: 'documents_legal', title: 'Asylum or residence application with the guardian', dueAfterDays: 60, for: 'all' },
    ],
  },
];

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
const yearsAgo = (years: number, month: number, dayOfMonth: number) => `${new Date().getUTCFullYear() - years}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;

interface DemoPerson {
  given: string; family: string; birthDate: string; sex: string; nationalities: string[]; languages: Array<{ code: string; level: string | null }>;
  locale: string; role: string; status: { type: string; validUntil?: string | null }; unaccompanied?: boolean;
  steps?: Array<{ domain: string; title: string; status: string; due: number | null }>;
}

async function household(trx: Tx, org: string, members: DemoPerson[]): Promise<string[]> {
  const h = await trx.insertInto('households').values({ organisation_id: org }).returning('id').executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const m of members) {
    const p = await trx.insertInto('people').values({
      organisation_id: org, household_id: h.id, household_role: m.role, birth_date: m.birthDate, birth_year: Number(m.birthDate.slice(0, 4)), sex: m.sex,
      nationalities: m.nationalities, languages: JSON.stringify(m.languages), preferred_locale: m.locale, unaccompanied_minor: m.unaccompanied ?? false,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('person_identities').values({
      person_id: p.id, organisation_id: org, given_name: m.given, family_name: m.family, other_names: null, identifiers: '[]', phone: null, email: null, address: null,
      name_key: nameKey(m.given, m.family), search_text: searchText(m.given, m.family),
    }).execute();
    await trx.insertInto('person_name_keys').values(nameKey(m.given, m.family).split(' ').map((key) => ({ person_id: p.id, organisation_id: org, key }))).execute();
    await trx.insertInto('legal_statuses').values({ person_id: p.id, organisation_id: org, type_code: m.status.type, valid_from: day(-200), valid_until: m.status.validUntil ?? null, decided_on: day(-210), current: true }).execute();
    if (m.steps?.length) {
      await trx.insertInto('pathway_plans').values({ person_id: p.id, organisation_id: org }).execute();
      await trx.insertInto('pathway_steps').values(m.steps.map((s, i) => ({
        person_id: p.id, organisation_id: org, domain: s.domain, title: s.title, status: s.status, due_on: s.due === null ? null : day(s.due), position: i,
        started_on: s.status === 'in_progress' || s.status === 'done' ? day(-60) : null, done_on: s.status === 'done' ? day(-10) : null,
      }))).execute();
    }
    ids.push(p.id);
  }
  return ids;
}

/** Partner accounts of the Handwerkskammer and the language-course NGO. */
export const demoPartners = [
  { email: 'partner@hwk-hamburg.localpact.eu', name: 'Henrik Handwerk', role: 'partner', org: 'hwk-hamburg' },
  { email: 'partner@sprachbruecke-hamburg.localpact.eu', name: 'Sina Sprache', role: 'partner', org: 'sprachbruecke-hamburg' },
] as const;

async function seed(trx: Tx, ctx: DemoContext): Promise<void> {
  const hamburg = ctx.organisations.get('hamburg')!;
  const sollentuna = ctx.organisations.get('sollentuna')!;
  // A language-course provider in Hamburg (fictional), the partner the e2e scenario refers to.
  await organisations.addDemoOrganisation(trx, ctx, { key: 'sprachbruecke-hamburg', name: 'Sprachbrücke Hamburg e.V. — language courses for newcomers', kind: 'ngo', territory: 'DE_02000000', parent: 'hamburg' });
  await accounts.addDemoUsers(trx, ctx, demoPartners);

  for (const org of [hamburg, sollentuna]) {
    await trx.insertInto('pathway_templates').values(demoTemplates.map((t) => ({ organisation_id: org, name: t.name, audience: t.audience, description: t.description, steps: JSON.stringify(t.steps) }))).execute();
  }

  const uk = [{ code: 'uk', level: 'native' }, { code: 'ru', level: 'C1' }];
  // Hamburg. Ірина Приклад was registered by the reception centre; the e2e scenario registers an
  // "Iryna Pryklad" with the same date of birth and must be warned.
  await household(trx, hamburg, [
    { given: 'Ірина', family: 'Приклад', birthDate: '1987-09-23', sex: 'female', nationalities: ['UA'], languages: [...uk, { code: 'en', level: 'B1' }], locale: 'uk', role: 'head', status: { type: 'temporary_protection' },
      steps: [{ domain: 'documents_legal', title: 'Residence permit for temporary protection', status: 'done', due: -150 }, { domain: 'language', title: 'Integration course (language) to B1', status: 'in_progress', due: 60 }] },
  ]);
  await household(trx, hamburg, [
    { given: 'Андрій', family: 'Зразок', birthDate: '1979-02-11', sex: 'male', nationalities: ['UA'], languages: [...uk, { code: 'de', level: 'A2' }], locale: 'uk', role: 'head', status: { type: 'temporary_protection' },
      steps: [{ domain: 'employment_training', title: 'Employment counselling and job search', status: 'in_progress', due: -5 }, { domain: 'qualifications', title: 'Recognition of engineering degree', status: 'planned', due: 90 }] },
    { given: 'Максим', family: 'Зразок', birthDate: yearsAgo(10, 6, 1), sex: 'male', nationalities: ['UA'], languages: uk, locale: 'uk', role: 'child', status: { type: 'temporary_protection' } },
  ]);
  await household(trx, hamburg, [
    { given: 'Amal', family: 'Mithal', birthDate: '1992-11-30', sex: 'female', nationalities: ['SY'], languages: [{ code: 'ar', level: 'native' }, { code: 'en', level: 'A2' }], locale: 'ar', role: 'head', status: { type: 'refugee', validUntil: day(900) },
      steps: [{ domain: 'language', title: 'Language course to B1', status: 'planned', due: -20 }, { domain: 'health_psychosocial', title: 'Psychosocial counselling', status: 'in_progress', due: 30 }] },
  ]);
  await household(trx, hamburg, [
    { given: 'Nabil', family: 'Namuna', birthDate: yearsAgo(16, 3, 15), sex: 'male', nationalities: ['AF'], languages: [{ code: 'fa', level: 'native' }, { code: 'ps', level: 'B1' }], locale: 'en', role: 'head', status: { type: 'asylum_seeker' }, unaccompanied: true,
      steps: [{ domain: 'documents_legal', title: 'Appoint a legal guardian', status: 'done', due: -30 }, { domain: 'schooling_childcare', title: 'School place', status: 'planned', due: 10 }] },
  ]);
  await household(trx, hamburg, [
    { given: 'Marta', family: 'Mustermann', birthDate: '1990-01-05', sex: 'female', nationalities: ['MD'], languages: [{ code: 'ro', level: 'native' }, { code: 'de', level: 'B1' }], locale: 'en', role: 'head', status: { type: 'national_humanitarian', validUntil: day(45) } },
  ]);
  // Sollentuna
  await household(trx, sollentuna, [
    { given: 'Оксана', family: 'Приклад', birthDate: '1983-07-07', sex: 'female', nationalities: ['UA'], languages: [...uk, { code: 'sv', level: 'A2' }], locale: 'uk', role: 'head', status: { type: 'temporary_protection' },
      steps: [{ domain: 'language', title: 'SFI — Swedish for immigrants', status: 'in_progress', due: 40 }] },
  ]);
  await household(trx, sollentuna, [
    { given: 'Yonas', family: 'Exempel', birthDate: '1995-04-19', sex: 'male', nationalities: ['ER'], languages: [{ code: 'ti', level: 'native' }, { code: 'en', level: 'B2' }], locale: 'en', role: 'head', status: { type: 'refugee', validUntil: day(500) },
      steps: [{ domain: 'employment_training', title: 'Etableringsprogrammet (establishment programme)', status: 'in_progress', due: 120 }] },
  ]);
}

export const pathwaysTables = ['duplicate_reviews', 'person_arrivals', 'person_name_keys', 'person_corrections', 'referrals', 'consents', 'pathway_steps', 'pathway_plans', 'legal_statuses', 'person_identities', 'people', 'households', 'pathway_templates'];

export const pathwaysDemo: DemoData = {
  seed,
  signIns: demoPartners.map((u) => ({ role: u.role, email: u.email })),
};
