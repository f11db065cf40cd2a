// The one access gate (ARCHITECTURE.md, wall 1). Every record has an owning organisation; whether
// an actor reaches it follows from the actor's role (roles.ts), organisation and the territory
// tree. Out-of-reach records answer 404, never 403, so their existence does not leak.
import { sql, type Expression, type SqlBool } from 'kysely';
import { roleTable, type Right, type Role } from '@localpact/contracts';
import { forbidden, notFound } from './errors.ts';
import { escapeLike } from './sql.ts';

export interface Actor {
  id: string;
  email: string;
  role: Role;
  organisationId: string;
  organisationKind: string;
  /** Territory of the actor's organisation, with its path from the root ('EU/SE/SE1/…/'). */
  territoryCode: string;
  territoryPath: string;
  rights: readonly Right[];
  locale: string | null;
  ip: string | null;
}

/** What kind of record is being reached decides which part of the role table applies. */
export type RecordClass =
  | 'reference'   // territories, countries: everyone signed in
  | 'directory'   // organisations: everyone signed in reads; managers write
  | 'account'     // user accounts: self, colleagues of the same organisation, user managers
  | 'shared'      // operational records of an organisation (capacity, notices)
  | 'personal'    // newcomers' records
  | 'referral'    // a newcomer's record as a partner sees it through a consented referral
  | 'audit';      // the audit log

export interface Owner {
  organisationId: string;
  /** Path of the owning organisation's territory. */
  territoryPath: string;
  /** Personal records: the partner organisations an active, consented referral shares it with. */
  sharedWith?: readonly string[];
}

/**
 * How a personal record is being reached, beyond the ordinary reach of the role:
 * - breakGlass: the reason a case worker or officer states to read a person held by another
 *   organisation of the same country (an emergency, a household that moved). The caller logs it
 *   ('person.break_glass') and the DPO sees every such access. Read only.
 * - subjectRights: a data-subject request (GDPR Art. 15–17, 20: export, correction, erasure)
 *   handled by a DPO (anywhere in the DPO's territory) or by the staff who hold the record.
 */
export interface Access {
  breakGlass?: string | null;
  subjectRights?: boolean;
}

/** A stated reason must say something: at least this many characters once trimmed. */
export const BREAK_GLASS_MIN_REASON = 10;

export type Operation = 'read' | 'write';

export function has(actor: Actor, right: Right): boolean {
  return actor.rights.includes(right);
}

/** The decision, for one record. Pure: the property tests compare it with an independent oracle. */
export function reaches(actor: Actor, cls: RecordClass, op: Operation, owner?: Owner, access: Access = {}): boolean {
  const def = roleTable[actor.role];
  switch (cls) {
    case 'reference':
      return op === 'read' && has(actor, 'territories.read');
    case 'directory':
      return op === 'read' ? has(actor, 'organisations.read') : has(actor, 'organisations.manage');
    case 'account':
      if (!owner) return false;
      if (has(actor, 'users.manage')) return true;
      return op === 'read' && has(actor, 'colleagues.read') && owner.organisationId === actor.organisationId;
    case 'audit':
      return op === 'read' ? has(actor, 'audit.read') : false;
    case 'shared': {
      if (!owner || !has(actor, op === 'read' ? 'shared.read' : 'shared.write')) return false;
      return withinReach(def.sharedReach, actor, owner);
    }
    case 'personal': {
      if (!owner) return false;
      if (has(actor, op === 'read' ? 'people.read' : 'people.write') && withinReach(def.peopleReach, actor, owner)) return true;
      // The DPO answers requests for every record in its territory; staff only for their own.
      if (access.subjectRights && has(actor, 'people.rights') && withinReach(actor.role === 'dpo' ? 'subtree' : def.peopleReach, actor, owner)) return true;
      if (access.breakGlass && op === 'read' && has(actor, 'people.read') && access.breakGlass.trim().length >= BREAK_GLASS_MIN_REASON) {
        return sameCountry(actor.territoryPath, owner.territoryPath);
      }
      return false;
    }
    case 'referral':
      return op === 'read' && !!owner && has(actor, 'referrals.receive') && (owner.sharedWith ?? []).includes(actor.organisationId);
  }
}

/** 'EU/DE/DE6/…/' and 'EU/DE/DE1/…/' share the country 'EU/DE/'. The EU root is no country. */
function sameCountry(a: string, b: string): boolean {
  const country = (p: string) => p.split('/').slice(0, 2).join('/');
  return a.split('/').filter(Boolean).length >= 2 && country(a) === country(b);
}

function withinReach(reach: 'all' | 'subtree' | 'own' | 'none', actor: Actor, owner: Owner): boolean {
  switch (reach) {
    case 'all': return true;
    case 'none': return false;
    case 'own': return owner.organisationId === actor.organisationId;
    case 'subtree': return owner.territoryPath.startsWith(actor.territoryPath);
  }
}

/** Throws 404 when the record is out of reach: callers cannot tell "missing" from "not yours". */
export function assertReach(actor: Actor, cls: RecordClass, op: Operation, owner: Owner | undefined, what: string, access: Access = {}): void {
  if (!reaches(actor, cls, op, owner, access)) throw notFound(what);
}

/**
 * Which of reaches()'s doors opened, for the audit log: 'role' (ordinary reach), 'rights'
 * (data-subject request), 'glass' (break the glass), or null when none did.
 */
export function reachedBy(actor: Actor, cls: 'personal', op: Operation, owner: Owner | undefined, access: Access = {}): 'role' | 'rights' | 'glass' | null {
  if (reaches(actor, cls, op, owner)) return 'role';
  if (access.subjectRights && reaches(actor, cls, op, owner, { subjectRights: true })) return 'rights';
  if (access.breakGlass && reaches(actor, cls, op, owner, { breakGlass: access.breakGlass })) return 'glass';
  return null;
}

/** For actions that concern no particular record (listing users, reading the audit log). */
export function assertRight(actor: Actor, right: Right): void {
  if (!has(actor, right)) throw forbidden();
}

/**
 * The same decision as a SQL predicate for lists, so a page of results never holds a record
 * that reaches() would refuse. `org` and `path` are the owning organisation id and territory path
 * columns of the query.
 */
export function reachFilter(actor: Actor, cls: 'account' | 'shared' | 'personal', org: string, path: string): Expression<SqlBool> {
  const none = sql<SqlBool>`false`;
  const all = sql<SqlBool>`true`;
  const own = sql<SqlBool>`${sql.ref(org)} = ${actor.organisationId}`;
  const subtree = sql<SqlBool>`${sql.ref(path)} like ${escapeLike(actor.territoryPath) + '%'}`;
  const pick = (reach: 'all' | 'subtree' | 'own' | 'none') => (reach === 'all' ? all : reach === 'subtree' ? subtree : reach === 'own' ? own : none);
  const def = roleTable[actor.role];
  if (cls === 'account') return has(actor, 'users.manage') ? all : has(actor, 'colleagues.read') ? own : none;
  if (cls === 'shared') return has(actor, 'shared.read') ? pick(def.sharedReach) : none;
  return has(actor, 'people.read') ? pick(def.peopleReach) : none;
}

export { escapeLike } from './sql.ts';

/** How deep a territory path lies: 'EU/' 0, a country 1, NUTS 1 2, NUTS 2 3, NUTS 3 4, a municipality (LAU) 5. */
export const territoryDepth = (path: string) => path.split('/').filter(Boolean).length - 1;
export const NUTS3_DEPTH = 4;

/** The NUTS 3 region a path lies in (the path itself when it is NUTS 3 or above). */
export function nuts3PathOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, NUTS3_DEPTH + 1).join('/') + '/';
}

/**
 * Readers of aggregates only (aggregates.read without shared.read: the EU observer) see figures
 * coarsened to NUTS 3 regions, never one organisation's: no territory below NUTS 3, no
 * organisation's name or exact figures in answers or events (events.ts).
 */
export function aggregateOnly(actor: Actor): boolean {
  return has(actor, 'aggregates.read') && !has(actor, 'shared.read');
}

/**
 * Aggregated figures of a territory (sums of capacity, no records, no people): with the
 * 'aggregates.read' right, the actor's own territory and everything below it — for aggregate-only
 * readers down to NUTS 3. An EU observer's territory is 'EU', so it sees every country's regions;
 * a national coordinator its country; a municipal officer its municipality.
 */
export function reachesAggregate(actor: Actor, territoryPath: string): boolean {
  if (!has(actor, 'aggregates.read') || !territoryPath.startsWith(actor.territoryPath)) return false;
  return !aggregateOnly(actor) || territoryDepth(territoryPath) <= NUTS3_DEPTH;
}

/**
 * Small-cell suppression: counts of people for a scope below NUTS 3, or per organisation, are
 * withheld (null) when under the threshold, for readers who may not read those people's records.
 */
export function suppressSmallCells(actor: Actor, scopePath: string): boolean {
  return !has(actor, 'people.read') && territoryDepth(scopePath) > NUTS3_DEPTH;
}
