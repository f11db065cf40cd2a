// Demo calls (fictional references, modelled on real ones: an AMIF national-programme call for
// integration measures by LRGs, an AMIF Thematic Facility Union action on local integration, an
// ESF+ call in Sweden), and Sollentuna's ESF+ project in the line of Etableringslyftet.
import type { DemoData } from '../../platform/module.ts';
import type { Tx } from '../../platform/context.ts';
import * as repo from './repository.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
const year = (offset: number) => new Date().getUTCFullYear() + offset;

export const fundingTables = ['funding_indicator_entries', 'funding_expenditures', 'funding_milestones', 'funding_activities', 'funding_budget_lines', 'funding_project_partners', 'funding_projects', 'funding_calls'];

async function seed(trx: Tx, ctx: { organisations: Map<string, string> }) {
  const org = (k: string) => ctx.organisations.get(k)!;
  await repo.insertCall(trx, {
    organisation_id: org('de'), instrument_code: 'amif', reference: `DEMO-AMIF-DE-${year(0)}-INT`, title: 'AMIF national programme: integration measures implemented by local and regional authorities (Annex IV, up to 90 %)',
    description: 'Language courses, civic orientation and professional guidance for third-country nationals, delivered by municipalities with civil society partners.',
    opens_on: day(-30), deadline: day(45), budget_eur: 12_000_000, max_grant_eur: 1_500_000, cofinancing_percent: 90,
    applicant_routes: ['national_programme', 'partnership'], eligible_kinds: ['municipality', 'regional_authority', 'ngo'], territory_code: 'DE',
    activity_kinds: ['language_course', 'civic_orientation', 'professional_guidance'], source_url: null,
  });
  await repo.insertCall(trx, {
    organisation_id: org('eu'), instrument_code: 'amif_thematic_facility', reference: `DEMO-AMIF-${year(0)}-TF2-AG-LOCAL`, title: 'Union actions: integration and inclusion at regional and local level',
    description: 'Transnational projects of local and regional authorities developing and implementing local integration strategies (modelled on AMIF-2023-TF2-AG-CALL-02-LOCAL).',
    opens_on: day(-60), deadline: day(20), budget_eur: 8_000_000, max_grant_eur: 2_000_000, cofinancing_percent: 90,
    applicant_routes: ['lrg_direct', 'partnership'], eligible_kinds: ['municipality', 'regional_authority'], territory_code: 'EU',
    activity_kinds: ['language_course', 'recognition_application', 'professional_guidance'], source_url: 'https://ec.europa.eu/info/funding-tenders/opportunities/portal/',
  });
  await repo.insertCall(trx, {
    organisation_id: org('se'), instrument_code: 'esf_plus', reference: `DEMO-ESF-SE-${year(0)}-ETABLERING`, title: 'ESF+: newly arrived migrants into work (skills and qualifications for the labour market)',
    description: null, opens_on: day(-10), deadline: day(75), budget_eur: 20_000_000, max_grant_eur: 3_000_000, cofinancing_percent: 40,
    applicant_routes: ['national_programme', 'partnership'], eligible_kinds: ['municipality', 'regional_authority', 'national_authority'], territory_code: 'SE',
    activity_kinds: ['professional_guidance', 'recognition_application'], source_url: null,
  });
  await repo.insertCall(trx, {
    organisation_id: org('de'), instrument_code: 'amif', reference: `DEMO-AMIF-DE-${year(-1)}-REC`, title: 'AMIF national programme: reception of vulnerable applicants (closed)',
    description: null, opens_on: day(-300), deadline: day(-200), budget_eur: 5_000_000, max_grant_eur: null, cofinancing_percent: 75,
    applicant_routes: ['national_programme'], eligible_kinds: ['municipality'], territory_code: 'DE', activity_kinds: [], source_url: null,
  });
  const sollentuna = org('sollentuna');
  const id = await repo.insertProject(trx, {
    organisation_id: sollentuna, call_id: null, instrument_code: 'esf_plus', programme: 'ESF+ programme Sweden 2021-2027', title: 'Etableringslyftet Sollentuna — skills for newly arrived migrants',
    acronym: 'ETAB', starts_on: `${year(-1)}-01-01`, ends_on: `${year(1)}-12-31`, cofinancing_percent: 40, national_cofinancing_eur: 150_000, flat_rate: 'indirect_15_staff',
  });
  await repo.setStatus(trx, id, 'running');
  await repo.replacePartners(trx, id, [{ organisationId: org('upplands-vasby'), role: 'partner' }, { organisationId: org('sigtuna'), role: 'partner' }, { organisationId: org('se-pes'), role: 'associated' }]);
  await repo.replaceBudget(trx, id, [year(-1), year(0), year(1)].flatMap((y) => [
    { year: y, category: 'staff', amountEur: 180_000 }, { year: y, category: 'participants', amountEur: 60_000 }, { year: y, category: 'other_direct', amountEur: 20_000 },
  ]));
  await repo.replaceActivities(trx, id, [{ kind: 'professional_guidance', domains: ['employment_training'], deliveredBy: [sollentuna, org('se-pes')], from: `${year(-1)}-01-01`, to: `${year(1)}-12-31` }]);
  await repo.insertMilestone(trx, { project_id: id, title: 'Cohort 1 completes the programme', due_on: day(30), owner_organisation_id: sollentuna, deliverable: 'Progress report to the managing authority', done_on: null });
}

export const fundingDemo: DemoData = {
  seed,
  present: (db) => repo.hasCalls(db),
};
