// SQL over the audit log (written only by the platform's audit writer, platform/audit.ts). Reads
// carry the audit log's row-level security: the DPO and the platform administrator, or the
// platform itself (platformLookup) for a person's own export.
import { sql } from 'kysely';
import type { AuditQuery } from '@localpact/contracts';
import type { Tx } from '../../platform/context.ts';
import { containsPattern, prefixPattern, tablesOf } from '../../platform/sql.ts';
import { platformLookup } from '../../platform/rls.ts';

/** The tables this repository may touch (platform/sql.ts tablesOf): its log, and the names of who acted. */
const own = tablesOf<'audit_log' | 'users' | 'organisations'>();

export const columns = ['id', 'at', 'actor_id', 'actor_email', 'organisation_id', 'action', 'record_type', 'record_id', 'purpose', 'outcome', 'ip'] as const;
export type Row = { id: number; at: Date | string; actor_id: string | null; actor_email: string | null; organisation_id: string | null; action: string; record_type: string | null; record_id: string | null; purpose: string | null; outcome: string; ip: string | null };

/** The search's filters as a query; `from` and `to` are instants the service has checked. */
export function filtered(trx: Tx, f: AuditQuery, from: Date | undefined, to: Date | undefined) {
  let q = own(trx).selectFrom('audit_log');
  if (f.actor) q = q.where(sql`lower(actor_email)`, 'like', containsPattern(f.actor));
  if (f.action) q = q.where('action', 'like', prefixPattern(f.action));
  if (from) q = q.where('at', '>=', from);
  if (to) q = q.where('at', '<=', to);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([
      eb(sql`lower(coalesce(record_id, ''))`, 'like', like), eb(sql`lower(coalesce(purpose, ''))`, 'like', like),
      eb(sql`lower(coalesce(record_type, ''))`, 'like', like), eb(sql`lower(coalesce(actor_email, ''))`, 'like', like),
      eb(sql`lower(action)`, 'like', like),
    ]));
  }
  return q;
}

export async function page(trx: Tx, f: AuditQuery, from: Date | undefined, to: Date | undefined, limit: number, offset: number) {
  const items = await filtered(trx, f, from, to).select(columns).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const total = await filtered(trx, f, from, to).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function all(trx: Tx, f: AuditQuery, from: Date | undefined, to: Date | undefined, max: number) {
  return filtered(trx, f, from, to).select(columns).orderBy('at', 'desc').orderBy('id', 'desc').limit(max).execute();
}

/** Every entry about one record, oldest first. */
export async function aboutRecord(trx: Tx, recordType: string, recordId: string, max: number) {
  return own(trx).selectFrom('audit_log').select(['at', 'action', 'organisation_id', 'purpose', 'outcome'])
    .where('record_type', '=', recordType).where('record_id', '=', recordId).orderBy('at').limit(max).execute();
}

/** The latest entries of one action. */
export async function withAction(trx: Tx, action: string, max: number) {
  return own(trx).selectFrom('audit_log').select(['at', 'actor_email', 'organisation_id', 'record_id', 'purpose', 'outcome'])
    .where('action', '=', action).orderBy('at', 'desc').limit(max).execute();
}

/** Names of the accounts and organisations an audit page mentions (the log keeps ids and emails). */
export async function namesOf(trx: Tx, userIds: string[], organisationIds: string[]) {
  // Accounts of every organisation: the audit reader (audit.read, checked by the service) already
  // sees their emails in the log; row-level security on users would hide other organisations'.
  const users = userIds.length ? await platformLookup(trx, () => own(trx).selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()) : [];
  const orgs = organisationIds.length ? await own(trx).selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisationIds).execute() : [];
  return { users: new Map(users.map((u) => [u.id, u.display_name])), organisations: new Map(orgs.map((o) => [o.id, o.name])) };
}
