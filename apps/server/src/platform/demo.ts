// Demo data: the places the CEMR key messages name (Palermo, Mechelen, Lisbon, Hamburg, Barcelona,
// and Upplands Väsby, Sollentuna and Sigtuna of Etableringslyftet), with their national and
// regional authorities, a few partners, and one account per role. Loaded on the first start of
// the embedded database; `localpact demo` resets it.
import { sql } from 'kysely';
import type { Db } from './context.ts';
import { asSystem } from './context.ts';
import { audit } from './audit.ts';
import { hashPassword } from '../modules/accounts/passwords.ts';
import type { Role } from '../modules/accounts/roles.ts';
import { demoModules } from './demo-modules.ts';

export const DEMO_PASSWORD = 'localpact-demo';

interface DemoOrganisation { key: string; name: string; kind: string; territory: string; parent?: string; email?: string; website?: string }
interface DemoUser { email: string; name: string; role: Role; org: string }

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

export const demoUsers: DemoUser[] = [
  { email: 'admin@localpact.eu', name: 'Ada Admin', role: 'platform_admin', org: 'eu' },
  { email: 'dpo@localpact.eu', name: 'Dora Datenschutz', role: 'dpo', org: 'eu' },
  { email: 'observer@ec.localpact.eu', name: 'Elena Observer', role: 'eu_observer', org: 'eu' },
  { email: 'coordinator@migrationsverket.localpact.eu', name: 'Nils Nationell', role: 'national_coordinator', org: 'se' },
  { email: 'coordinator@stockholm-region.localpact.eu', name: 'Rebecka Regional', role: 'regional_coordinator', org: 'se110' },
  { email: 'officer@sollentuna.localpact.eu', name: 'Sara Lindqvist', role: 'municipal_officer', org: 'sollentuna' },
  { email: 'caseworker@sollentuna.localpact.eu', name: 'Omar Haddad', role: 'case_worker', org: 'sollentuna' },
  { email: 'officer@sigtuna.localpact.eu', name: 'Johan Berg', role: 'municipal_officer', org: 'sigtuna' },
  { email: 'officer@upplands-vasby.localpact.eu', name: 'Maria Ek', role: 'municipal_officer', org: 'upplands-vasby' },
  { email: 'partner@redcross-sollentuna.localpact.eu', name: 'Pia Partner', role: 'partner', org: 'redcross-sollentuna' },
  { email: 'officer@hamburg.localpact.eu', name: 'Jonas Weber', role: 'municipal_officer', org: 'hamburg' },
  { email: 'caseworker@hamburg.localpact.eu', name: 'Katrin Vogel', role: 'case_worker', org: 'hamburg' },
  { email: 'coordinator@bamf.localpact.eu', name: 'Klaus Bund', role: 'national_coordinator', org: 'de' },
  { email: 'officer@palermo.localpact.eu', name: 'Giulia Russo', role: 'municipal_officer', org: 'palermo' },
  { email: 'officer@mechelen.localpact.eu', name: 'Lotte Peeters', role: 'municipal_officer', org: 'mechelen' },
  { email: 'officer@lisboa.localpact.eu', name: 'Inês Costa', role: 'municipal_officer', org: 'lisboa' },
  { email: 'officer@barcelona.localpact.eu', name: 'Jordi Puig', role: 'municipal_officer', org: 'barcelona' },
];

/** Tables holding everything but reference data and the (append-only) audit log, children first. */
export const resettableTables = [...demoModules.flatMap((m) => m.tables), 'sessions', 'sign_in_devices', 'sign_in_throttle', 'users', 'organisations'];

export async function hasAnyOrganisation(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst());
}

export async function loadDemo(db: Db, opts: { reset?: boolean } = {}): Promise<{ organisations: number; users: number }> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return asSystem(db, async (trx) => {
    if (opts.reset) {
      await sql`reset role`.execute(trx); // deleting everything is the platform's own act, not a user's
      for (const t of resettableTables) await sql`delete from ${sql.table(t)}`.execute(trx);
      await sql`set local role localpact_app`.execute(trx);
    }
    const ids = new Map<string, string>();
    for (const o of demoOrganisations) {
      const r = await trx.insertInto('organisations').values({
        name: o.name, kind: o.kind, territory_code: o.territory, parent_id: o.parent ? ids.get(o.parent)! : null, email: o.email ?? null, website: o.website ?? null,
      }).returning('id').executeTakeFirstOrThrow();
      ids.set(o.key, r.id);
    }
    // One hash for all demo accounts: they share the published demo password anyway.
    await trx.insertInto('users').values(demoUsers.map((u) => ({
      email: u.email, display_name: u.name, role: u.role, organisation_id: ids.get(u.org)!, password_hash: hash,
    }))).execute();
    const orgIds = new Map([...ids].map(([k, v]) => [k, v]));
    for (const m of demoModules) await m.seed(trx, { organisations: orgIds });
    await audit(trx, null, { action: opts.reset ? 'demo.reset' : 'demo.load', detail: { organisations: demoOrganisations.length, users: demoUsers.length } });
    return { organisations: demoOrganisations.length, users: demoUsers.length };
  });
}
