// Demo transition routes for Sweden and Germany: the national statuses a person under temporary
// protection can apply for, from the statutes (sources in each row). They are data an administrator
// keeps up to date (PATCH /api/transition/routes/:id); nothing reads a route or a date from code.
// application_deadline is null where the law's deadline is "before the current permit ends", which
// follows the status table's end date for temporary protection.
import type { Tx } from '../../platform/context.ts';
import type { DemoData } from '../../platform/module.ts';
import * as repo from './repository.ts';

type DemoRoute = Omit<repo.RouteValues, 'names' | 'conditions'> & { names: Record<string, string>; conditions: Array<{ kind: string; min?: number; note?: string }> };

const AUFENTHG = 'https://www.gesetze-im-internet.de/aufenthg_2004/';
const UTL = 'https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/utlanningslag-2005716_sfs-2005-716/';
const deAuthority = 'Ausländerbehörde (local immigration authority); for employment with the approval of the Federal Employment Agency (§ 39 AufenthG)';
const deDeadline = 'An application made before the current residence permit expires keeps the stay lawful until the decision (§ 81(4) AufenthG).';

export const demoRoutes: DemoRoute[] = [
  {
    country: 'DE', rank: 10, target_status: 'other_permit', application_deadline: null, authority: deAuthority, source: `${AUFENTHG}__18a.html`,
    legal_basis: `§ 18a AufenthG (skilled workers with vocational training). ${deDeadline}`,
    names: { en: 'Residence permit for skilled workers (vocational qualification)', de: 'Aufenthaltserlaubnis für Fachkräfte mit Berufsausbildung', uk: 'Дозвіл на проживання для кваліфікованих працівників (професійна освіта)' },
    conditions: [{ kind: 'adult' }, { kind: 'employment', note: 'a job for which the qualification fits' }, { kind: 'documents', note: 'a foreign qualification recognised as equivalent' }],
  },
  {
    country: 'DE', rank: 20, target_status: 'other_permit', application_deadline: null, authority: deAuthority, source: `${AUFENTHG}__16a.html`,
    legal_basis: `§ 16a AufenthG (vocational training). ${deDeadline}`,
    names: { en: 'Residence permit for vocational training', de: 'Aufenthaltserlaubnis zur Berufsausbildung', uk: 'Дозвіл на проживання для професійного навчання' },
    conditions: [{ kind: 'adult' }, { kind: 'enrolment', note: 'a vocational training contract or school place' }],
  },
  {
    country: 'DE', rank: 30, target_status: 'other_permit', application_deadline: null, authority: 'Ausländerbehörde (local immigration authority)', source: `${AUFENTHG}__16b.html`,
    legal_basis: `§ 16b AufenthG (studies). ${deDeadline}`,
    names: { en: 'Residence permit for studies', de: 'Aufenthaltserlaubnis zum Studium', uk: 'Дозвіл на проживання для навчання у вищому навчальному закладі' },
    conditions: [{ kind: 'adult' }, { kind: 'enrolment', note: 'admission to a recognised higher-education institution' }, { kind: 'income', note: 'means of support' }],
  },
  {
    country: 'DE', rank: 40, target_status: 'other_permit', application_deadline: null, authority: 'Ausländerbehörde (local immigration authority)', source: `${AUFENTHG}__27.html`,
    legal_basis: `§§ 27–36 AufenthG (family reunification). ${deDeadline}`,
    names: { en: 'Residence permit for family reasons', de: 'Aufenthaltserlaubnis aus familiären Gründen', uk: 'Дозвіл на проживання з сімейних причин' },
    conditions: [{ kind: 'family_member', note: 'a spouse, parent or child living in Germany with a residence title' }],
  },
  {
    country: 'DE', rank: 50, target_status: 'national_humanitarian', application_deadline: null, authority: 'Ausländerbehörde (local immigration authority)', source: `${AUFENTHG}__25a.html`,
    legal_basis: `§ 25a AufenthG (well-integrated young people; application before the age of 27). ${deDeadline}`,
    names: { en: 'Residence permit for well-integrated young people', de: 'Aufenthaltserlaubnis für gut integrierte Jugendliche und junge Volljährige', uk: 'Дозвіл на проживання для добре інтегрованої молоді' },
    conditions: [{ kind: 'residence_years', min: 3, note: 'three years of uninterrupted lawful stay' }, { kind: 'enrolment', note: 'three years of school attendance or a school or vocational qualification' }],
  },
  {
    country: 'SE', rank: 10, target_status: 'other_permit', application_deadline: null, authority: 'Migrationsverket (Swedish Migration Agency)', source: UTL,
    legal_basis: 'Utlänningslag (2005:716) 6 kap. (arbetstillstånd); from 1 November 2023 the salary must be at least 80 % of the median wage. Check with Migrationsverket whether the application may be made from within Sweden.',
    names: { en: 'Work permit', sv: 'Arbetstillstånd', uk: 'Дозвіл на роботу' },
    conditions: [{ kind: 'adult' }, { kind: 'employment', note: 'an offer of employment on terms at least those of the collective agreement' }, { kind: 'income', note: 'salary at least 80 % of the median wage' }, { kind: 'documents', note: 'a valid passport' }],
  },
  {
    country: 'SE', rank: 20, target_status: 'other_permit', application_deadline: null, authority: 'Migrationsverket (Swedish Migration Agency)', source: UTL,
    legal_basis: 'Utlänningslag (2005:716) 5 kap. 10 § (uppehållstillstånd för studier).',
    names: { en: 'Residence permit for studies', sv: 'Uppehållstillstånd för studier', uk: 'Дозвіл на проживання для навчання' },
    conditions: [{ kind: 'adult' }, { kind: 'enrolment', note: 'admission to full-time studies' }, { kind: 'income', note: 'means of support for the study period' }],
  },
  {
    country: 'SE', rank: 30, target_status: 'other_permit', application_deadline: null, authority: 'Migrationsverket (Swedish Migration Agency)', source: UTL,
    legal_basis: 'Utlänningslag (2005:716) 5 kap. 3 § (anknytning).',
    names: { en: 'Residence permit on family ties', sv: 'Uppehållstillstånd på grund av anknytning', uk: 'Дозвіл на проживання на підставі родинних зв\'язків' },
    conditions: [{ kind: 'family_member', note: 'a spouse, partner or parent living in Sweden with a residence permit' }],
  },
];

async function seed(trx: Tx): Promise<void> {
  for (const r of demoRoutes) await repo.insertRoute(trx, { ...r, names: JSON.stringify(r.names), conditions: JSON.stringify(r.conditions) });
}

export const transitionTables = ['transition_action_people', 'transition_actions', 'transition_routes'] as const;

export const transitionDemo: DemoData = {
  seed,
  async present(db) { return !!(await db.selectFrom('transition_routes').select('id').limit(1).executeTakeFirst()); },
};
