// Demo organisations: the places the CEMR key messages name (Palermo, Mechelen, Lisbon, Hamburg,
// Barcelona, and Upplands Väsby, Sollentuna and Sigtuna of Etableringslyftet), with their national
// and regional authorities and a few partners. Their ids go into the demo context by key, for the
// modules after this one.
import type { Db, Tx } from '../../platform/context.ts';
import type { DemoContext, DemoData } from '../../platform/module.ts';
import * as repo from './repository.ts';

interface DemoOrganisation { key: string; name: string; kind: string; territory: string; parent?: string; email?: string; website?: string }

// Lisbon: the source's LAU rows for Portugal are parishes (freguesias), so the city council is
// bound to the NUTS 3 region Grande Lisboa (PT1A0), the smallest unit that holds the whole city.
export const demoOrganisations: DemoOrganisation[] = [
  { key: 'eu', name: 'European Commission — DG Migration and Home Affairs', kind: 'eu_body', territory: 'EU', website: 'https://home-affairs.ec.europa.eu/' },
  { key: 'se', name: 'Swedish Migration Agency (Migrationsverket)', kind: 'national_authority', territory: 'SE', website: 'https://www.migrationsverket.se/' },
  { key: 'se-pes', name: 'Swedish Public Employment Service (Arbetsförmedlingen)', kind: 'national_authority', territory: 'SE', website: 'https://arbetsformedlingen.se/' },
  { key: 'se110', name: 'County Administrative Board of Stockholm (Länsstyrelsen Stockholm)', kind: 'regional_authority', territory: 'SE110', parent: 'se' },
  { key: 'upplands-vasby', name: 'Upplands Väsby kommun', kind: 'municipality', territory: 'SE_0114', parent: 'se110' },
  { key: 'sollentuna', name: 'Sollentuna kommun', kind: 'municipality', territory: 'SE_0163', parent: 'se110' },
  { key: 'sigtuna', name: 'Sigtuna kommun', kind: 'municipality', territory: 'SE_0191', parent: 'se110' },
  { key: 'redcross-sollentuna', name: 'Swedish Red Cross — Sollentuna', kind: 'ngo', territory: 'SE_0163', parent: 'sollentuna' },
  { key: 'it', name: 'Ministry of the Interior — Department for Civil Liberties and Immigration (Italy)', kind: 'national_authority', territory: 'IT' },
  { key: 'itg1', name: 'Regione Siciliana', kind: 'regional_authority', territory: 'ITG1', parent: 'it' },
  { key: 'palermo', name: 'Comune di Palermo', kind: 'municipality', territory: 'IT_082053', parent: 'itg1' },
  { key: 'be', name: 'Fedasil — Federal Agency for the Reception of Asylum Seekers', kind: 'national_authority', territory: 'BE' },
  { key: 'be2', name: 'Agentschap Integratie en Inburgering (Flanders)', kind: 'regional_authority', territory: 'BE2', parent: 'be' },
  { key: 'mechelen', name: 'Stad Mechelen', kind: 'municipality', territory: 'BE_12025', parent: 'be2' },
  { key: 'pt', name: 'Agency for Integration, Migration and Asylum (AIMA)', kind: 'national_authority', territory: 'PT' },
  { key: 'pt1a', name: 'CCDR Lisboa e Vale do Tejo', kind: 'regional_authority', territory: 'PT1A', parent: 'pt' },
  { key: 'lisboa', name: 'Câmara Municipal de Lisboa', kind: 'municipality', territory: 'PT1A0', parent: 'pt1a' },
  { key: 'de', name: 'Federal Office for Migration and Refugees (BAMF)', kind: 'national_authority', territory: 'DE' },
  { key: 'de6', name: 'Hamburg Authority for Labour, Health, Social Affairs, Family and Integration', kind: 'regional_authority', territory: 'DE6', parent: 'de' },
  { key: 'hamburg', name: 'Freie und Hansestadt Hamburg — Bezirksamt Hamburg-Mitte', kind: 'municipality', territory: 'DE_02000000', parent: 'de6' },
  { key: 'hwk-hamburg', name: 'Handwerkskammer Hamburg — vocational training for migrants', kind: 'training_provider', territory: 'DE_02000000', parent: 'hamburg' },
  { key: 'es', name: 'Ministry of Inclusion, Social Security and Migration (Spain)', kind: 'national_authority', territory: 'ES' },
  { key: 'es51', name: 'Generalitat de Catalunya', kind: 'regional_authority', territory: 'ES51', parent: 'es' },
  { key: 'barcelona', name: 'Ajuntament de Barcelona', kind: 'municipality', territory: 'ES_08019', parent: 'es51' },
];

/** Adds one demo organisation (also for later modules' demo data) and records its id by key. */
export async function addDemoOrganisation(trx: Tx, ctx: DemoContext, o: DemoOrganisation): Promise<string> {
  const id = await repo.insert(trx, { name: o.name, kind: o.kind, territoryCode: o.territory, parentId: o.parent ? ctx.organisations.get(o.parent)! : null, email: o.email ?? null, website: o.website ?? null });
  ctx.organisations.set(o.key, id);
  return id;
}

export const organisationsDemo: DemoData = {
  async seed(trx, ctx) {
    for (const o of demoOrganisations) await addDemoOrganisation(trx, ctx, o);
  },
  async present(db: Db) {
    return repo.any(db);
  },
};
