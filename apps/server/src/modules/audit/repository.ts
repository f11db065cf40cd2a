// SQL over the audit log (written only by the platform's audit writer, platform/audit.ts). Reads
// carry the audit log's row-level security: the DPO and the platform administrator, or the
// platform itself (platformLookup) for a person's own export.
import { sql } from 'kysely';
import type { AuditQuery } from '@localpact/contracts';
import type { Tx } from '../../platform/context.ts';
import { containsPattern, prefixPattern, tablesOf } from '../../platform/sql.ts';
import { platformLookup } from '../../platform/rls.ts';

/** The tables this repository may touch (platform/sql.ts tablesOf): the log, its texts and chain, and the names of who acted. */
const own = tablesOf<'audit_log' | 'audit_texts' | 'audit_chain' | 'users' | 'organisations'>();

// The purpose lives apart from the row (audit_texts, erased with the person it may name);
// entries from before migration 0006 still carry it in the row.
const purpose = sql<string | null>`coalesce(x.text::jsonb->>'purpose', audit_log.purpose)`;
export const columns = ['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'audit_log.actor_email', 'audit_log.organisation_id', 'audit_log.action', 'audit_log.record_type', 'audit_log.record_id', purpose.as('purpose'), 'audit_log.outcome', 'audit_log.ip'] as const;
const withTexts = (trx: Tx) => own(trx).selectFrom('audit_log').leftJoin('audit_texts as x', 'x.id', 'audit_log.text_id');
export type Row = { id: number; at: Date | string; actor_id: string | null; actor_email: string | null; organisation_id: string | null; action: string; record_type: string | null; record_id: string | null; purpose: string | null; outcome: string; ip: string | null };

/** The search's filters as a query; `from` and `to` are instants the service has checked. */
export function filtered(trx: Tx, f: AuditQuery, from: Date | undefined, to: Date | undefined) {
  let q = withTexts(trx);
  if (f.actor) q = q.where(sql`lower(actor_email)`, 'like', containsPattern(f.actor));
  if (f.action) q = q.where('action', 'like', prefixPattern(f.action));
  if (from) q = q.where('audit_log.at', '>=', from);
  if (to) q = q.where('audit_log.at', '<=', to);
  if (f.q) {
    const like = containsPattern(f.q);
    q = q.where((eb) => eb.or([
      eb(sql`lower(coalesce(record_id, ''))`, 'like', like), eb(sql`lower(coalesce(${purpose}, ''))`, 'like', like),
      eb(sql`lower(coalesce(record_type, ''))`, 'like', like), eb(sql`lower(coalesce(actor_email, ''))`, 'like', like),
      eb(sql`lower(action)`, 'like', like),
    ]));
  }
  return q;
}

export async function page(trx: Tx, f: AuditQuery, from: Date | undefined, to: Date | undefined, limit: number, offset: number) {
  const items = await filtered(trx, f, from, to).select(columns).orderBy('audit_log.at', 'desc').orderBy('audit_log.id', 'desc').limit(limit).offset(offset).execute();
  const total = await filtered(trx, f, from, to).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function all(trx: Tx, f: AuditQuery, from: Date | undefined, to: Date | undefined, max: number) {
  return filtered(trx, f, from, to).select(columns).orderBy('audit_log.at', 'desc').orderBy('audit_log.id', 'desc').limit(max).execute();
}

/** Every entry about one record, oldest first. */
export async function aboutRecord(trx: Tx, recordType: string, recordId: string, max: number) {
  return withTexts(trx).select(['audit_log.at', 'audit_log.action', 'audit_log.organisation_id', purpose.as('purpose'), 'audit_log.outcome'])
    .where('record_type', '=', recordType).where('record_id', '=', recordId).orderBy('audit_log.at').limit(max).execute();
}

/** The latest entries of one action. */
export async function withAction(trx: Tx, action: string, max: number) {
  return withTexts(trx).select(['audit_log.at', 'audit_log.actor_email', 'audit_log.organisation_id', 'audit_log.record_id', purpose.as('purpose'), 'audit_log.outcome'])
    .where('action', '=', action).orderBy('audit_log.at', 'desc').limit(max).execute();
}

// ---- the hash chain (migration 0006_audit_privacy) ---------------------------------------------
/** A row's columns as the chain hashes them: text, in a form that does not depend on the session. */
const chained = sql<string>`json_build_array(a.id::text, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), a.actor_id::text, a.actor_email,
  a.organisation_id::text, a.action, a.outcome, a.record_type, a.record_id, a.purpose, a.ip, a.detail::text, a.text_id::text, a.text_hash)::text`;

/** The chain's last link. */
export async function chainHead(trx: Tx) {
  return own(trx).selectFrom('audit_chain').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Rows no sealing pass has linked yet, oldest first. */
export async function unsealed(trx: Tx, max: number) {
  return own(trx).selectFrom('audit_log as a').select(['a.id', chained.as('content')])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audit_chain as c').select('c.seq').whereRef('c.audit_id', '=', 'a.id'))))
    .orderBy('a.id').limit(max).execute();
}

export async function countUnsealed(trx: Tx) {
  const r = await own(trx).selectFrom('audit_log as a').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audit_chain as c').select('c.seq').whereRef('c.audit_id', '=', 'a.id')))).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function appendLinks(trx: Tx, links: Array<{ audit_id: number; hash: string }>) {
  if (links.length) await own(trx).insertInto('audit_chain').values(links).execute();
}

/** One page of the chain in order, with each link's row as it reads now (null when deleted) and its text. */
export async function chainPage(trx: Tx, afterSeq: number, max: number) {
  return own(trx).selectFrom('audit_chain as c').leftJoin('audit_log as a', 'a.id', 'c.audit_id').leftJoin('audit_texts as x', 'x.id', 'a.text_id')
    .select(['c.seq', 'c.audit_id', 'c.hash', sql<string | null>`case when a.id is null then null else ${chained} end`.as('content'),
      'a.text_hash', 'x.salt', 'x.text'])
    .where('c.seq', '>', afterSeq).orderBy('c.seq').limit(max).execute();
}

/** Serialises sealing passes (two app processes on one database). */
export async function lockChain(trx: Tx) {
  await sql`select pg_advisory_xact_lock(hashtext('localpact.audit_chain'))`.execute(trx);
}

/** Names of the accounts and organisations an audit page mentions (the log keeps ids and emails). */
export async function namesOf(trx: Tx, userIds: string[], organisationIds: string[]) {
  // Accounts of every organisation: the audit reader (audit.read, checked by the service) already
  // sees their emails in the log; row-level security on users would hide other organisations'.
  const users = userIds.length ? await platformLookup(trx, () => own(trx).selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()) : [];
  const orgs = organisationIds.length ? await own(trx).selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisationIds).execute() : [];
  return { users: new Map(users.map((u) => [u.id, u.display_name])), organisations: new Map(orgs.map((o) => [o.id, o.name])) };
}
