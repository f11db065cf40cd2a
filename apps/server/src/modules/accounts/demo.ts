// Demo accounts: one per role, in the demo organisations. They share the published demo password.
import type { Tx } from '../../platform/context.ts';
import type { DemoContext, DemoData } from '../../platform/module.ts';
import type { Role } from './roles.ts';
import { hashPassword } from './passwords.ts';
import * as repo from './repository.ts';

interface DemoUser { email: string; name: string; role: Role; org: string }

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

let hashed: { password: string; hash: Promise<string> } | null = null;
/** One hash for all demo accounts: they share the published demo password anyway. */
function demoHash(password: string): Promise<string> {
  if (hashed?.password !== password) hashed = { password, hash: hashPassword(password) };
  return hashed.hash;
}

/** Adds demo accounts in demo organisations (by key); later modules' demo data use it too. */
export async function addDemoUsers(trx: Tx, ctx: DemoContext, users: readonly DemoUser[]): Promise<void> {
  const hash = await demoHash(ctx.password);
  await repo.insertMany(trx, users.map((u) => ({ email: u.email, displayName: u.name, role: u.role, organisationId: ctx.organisations.get(u.org)!, passwordHash: hash })));
}

export const accountsDemo: DemoData = {
  seed: (trx, ctx) => addDemoUsers(trx, ctx, demoUsers),
  signIns: demoUsers.map((u) => ({ role: u.role, email: u.email })),
};
