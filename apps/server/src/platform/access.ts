// The one access gate (ARCHITECTURE.md, wall 1). Every record has an owning organisation; whether
// an actor reaches it follows from the actor's role (roles.ts), organisation and the territory
// tree. Out-of-reach records answer 404, never 403, so their existence does not leak.
import { sql, type Expression, type SqlBool } from 'kysely';
import { roleTable, type Right, type Role } from '../modules/accounts/roles.ts';
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
  | 'audit';      // the audit log

export interface Owner {
  organisationId: string;
  /** Path of the owning organisation's territory. */
  territoryPath: string;
}

export type Operation = 'read' | 'write';

export function has(actor: Actor, right: Right): boolean {
  return actor.rights.includes(right);
}

/** The decision, for one record. Pure: the property tests compare it with an independent oracle. */
export function reaches(actor: Actor, cls: RecordClass, op: Operation, owner?: Owner): boolean {
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
      if (!owner || !has(actor, op === 'read' ? 'people.read' : 'people.write')) return false;
      return withinReach(def.peopleReach, actor, owner);
    }
  }
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
export function assertReach(actor: Actor, cls: RecordClass, op: Operation, owner: Owner | undefined, what: string): void {
  if (!reaches(actor, cls, op, owner)) throw notFound(what);
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
