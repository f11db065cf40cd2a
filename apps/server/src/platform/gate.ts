// The gate procedure (ARCHITECTURE.md, wall 1), one for every record type a module declares:
//   1. load the record's owner through the record type's loader (row-level security lifted for
//      that one lookup where the table is personal: the gate must see an owner to refuse it);
//   2. decide with reaches() (access.ts) for the record type's class, through the doors the
//      caller states (break the glass, a data-subject request);
//   3. grant the transaction that record (and the ids the loader names) for row-level security
//      when a door beyond the ordinary reach opened;
//   4. audit: the break of the glass, and every read of personal data with its purpose.
// Out of reach, missing and erased all answer the same 404.
import type { AuditAction, RecordTypeName } from '@localpact/contracts';
import { reachedBy, reaches, reachFilter, type Access, type Actor, type Operation, type Owner, type RecordClass } from './access.ts';
import { audit, type AuditEvent } from './audit.ts';
import type { Db, Tx } from './context.ts';
import { withActor } from './context.ts';
import { AppError, notFound } from './errors.ts';
import { grantRows } from './rls.ts';

/** What a record type's loader returns: the owner, and whatever the caller needs of the record. */
export interface Loaded {
  owner: Owner;
  /** A second party the record concerns (a notice: its issuer besides its addressee). */
  other?: Owner | null;
  /** Erased or otherwise gone for everyone: answers 404 like a missing record. */
  gone?: boolean;
  /** More ids to grant with the record when a door beyond the ordinary reach opens (a household's members). */
  grants?: readonly string[];
}

export interface RecordType<T extends Loaded = Loaded> {
  /** The audit log's record_type (packages/contracts lists the names). */
  name: RecordTypeName;
  /** The noun of the 404 (the message key `what.<what>`). */
  what: string;
  /** Which part of the role table decides (access.ts). */
  class: RecordClass;
  /** Holds personal data: reads are audited with a purpose, and the grant opens row-level security. */
  personal: boolean;
  load(trx: Tx, id: string, opts: { forUpdate: boolean }): Promise<T | undefined>;
  /** The audit action of a read (default `<name>.read`). */
  readAction?: AuditAction;
  /**
   * The audit action of a break of the glass. Only record types that declare it can be reached by
   * breaking the glass; for the others a stated reason opens nothing.
   */
  breakGlassAction?: AuditAction;
  /**
   * Makes one record owned by `organisationId` (and concerning `otherOrganisationId` where the
   * type has a second party), as the platform: the gate's property test reaches it from every role.
   */
  testRecord(trx: Tx, owners: { organisationId: string; otherOrganisationId: string; userId: string }): Promise<string>;
}

/** Declares a record type (keeps the loader's result type for the callers of reach()). */
export function recordType<T extends Loaded>(rt: RecordType<T>): RecordType<T> {
  return rt;
}

export type Door = 'role' | 'rights' | 'glass';

export interface ReachOptions {
  /** Why a personal record is read: the gate writes the read to the audit log with it. */
  purpose?: string;
  /** The read's audit action when not the record type's own (e.g. 'referral.read'). */
  readAction?: AuditAction;
  /** A read without a purpose is allowed only inside a command that audits itself: name its action. */
  auditedAs?: AuditAction;
  /** Break the glass: the reason stated for reading a record held by another organisation. */
  breakGlass?: string | null;
  /** A data-subject request (GDPR Art. 15–17, 20). */
  subjectRequest?: boolean;
  /** Lock the record's row (the loader's SELECT … FOR UPDATE) for a versioned change. */
  forUpdate?: boolean;
}

/** Which door opened for this actor on this loaded record, or null. */
export function doorFor(actor: Actor, cls: RecordClass, op: Operation, rec: Loaded, access: Access = {}): Door | null {
  if (cls === 'personal') return reachedBy(actor, 'personal', op, rec.owner, access);
  if (reaches(actor, cls, op, rec.owner)) return 'role';
  if (rec.other && reaches(actor, cls, op, rec.other)) return 'role';
  return null;
}

/** The procedure: owner, decision, row-level security, audit. Throws 404 when out of reach. */
export async function reach<T extends Loaded>(trx: Tx, actor: Actor, type: RecordType<T>, id: string, op: Operation, o: ReachOptions = {}): Promise<T & { by: Door }> {
  if (type.personal && op === 'read' && o.purpose === undefined && o.auditedAs === undefined) {
    throw new Error(`gate: a read of ${type.name} (personal data) needs a purpose, or the action of the command that audits it`);
  }
  const rec = await type.load(trx, id, { forUpdate: !!o.forUpdate });
  const breakGlass = type.breakGlassAction ? o.breakGlass : undefined;
  const by = rec && !rec.gone ? doorFor(actor, type.class, op, rec, { breakGlass, subjectRights: o.subjectRequest }) : null;
  if (!rec || rec.gone || !by) throw notFound(type.what);
  if (type.personal && by !== 'role') await grantRows(trx, [id, ...(rec.grants ?? [])]);
  if (by === 'glass') {
    await audit(trx, actor, { action: type.breakGlassAction!, recordType: type.name, recordId: id, purpose: breakGlass!, detail: { ownerOrganisationId: rec.owner.organisationId } });
  }
  if (op === 'read' && o.purpose !== undefined) {
    await audit(trx, actor, { action: o.readAction ?? type.readAction ?? (`${type.name}.read` as AuditAction), recordType: type.name, recordId: id, purpose: o.purpose, detail: by === 'role' ? null : { reachedBy: by } });
  }
  return Object.assign(rec, { by });
}

/**
 * For lists: the same decision as a SQL predicate on the query's owning-organisation and
 * territory-path columns, for the record type's class.
 */
export function reachFilterFor(actor: Actor, type: Pick<RecordType, 'class'>, orgColumn: string, pathColumn: string) {
  if (type.class !== 'account' && type.class !== 'shared' && type.class !== 'personal') throw new Error(`gate: no list predicate for class ${type.class}`);
  return reachFilter(actor, type.class, orgColumn, pathColumn);
}

/**
 * Refusals are audited in their own transaction (the refused command's is rolled back): a break of
 * the glass that found nothing, a referral refused for want of consent. Rethrows the error.
 */
export async function auditRefusal(db: Db, actor: Actor, e: unknown, event: AuditEvent): Promise<never> {
  if (e instanceof AppError && (e.status === 404 || e.status === 422)) await withActor(db, actor, (trx) => audit(trx, actor, { ...event, outcome: 'denied' }));
  throw e;
}
