// The audit viewer of the data-protection officer: search and CSV export. Reading the log is
// itself audited (the export especially: it is personal data about staff).
import { sql } from 'kysely';
import type { AuditEntry, AuditQuery } from '@localpact/contracts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertRight, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { invalid } from '../../platform/errors.ts';
import { containsPattern, prefixPattern } from '../../platform/sql.ts';

function parseBound(value: string | undefined, field: string, endOfDay: boolean): Date | undefined {
  if (!value) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : value);
  if (Number.isNaN(d.getTime())) throw invalid(`querystring.${field}`, 'validation.format', { format: 'date' });
  return d;
}

function filtered(trx: Tx, f: AuditQuery) {
  let q = trx.selectFrom('audit_log');
  if (f.actor) q = q.where(sql`lower(actor_email)`, 'like', containsPattern(f.actor));
  if (f.action) q = q.where('action', 'like', prefixPattern(f.action));
  const from = parseBound(f.from, 'from', false);
  const to = parseBound(f.to, 'to', true);
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

const columns = ['id', 'at', 'actor_id', 'actor_email', 'organisation_id', 'action', 'record_type', 'record_id', 'purpose', 'outcome', 'ip'] as const;
type Row = { id: number; at: Date | string; actor_id: string | null; actor_email: string | null; organisation_id: string | null; action: string; record_type: string | null; record_id: string | null; purpose: string | null; outcome: string; ip: string | null };

function toEntry(r: Row): AuditEntry {
  return {
    id: String(r.id), at: new Date(r.at).toISOString(),
    actor: r.actor_id || r.actor_email ? { id: r.actor_id, email: r.actor_email } : null,
    organisationId: r.organisation_id, action: r.action, recordType: r.record_type, recordId: r.record_id,
    purpose: r.purpose, outcome: r.outcome, ip: r.ip,
  };
}

export async function searchAudit(db: Db, actor: Actor, f: AuditQuery) {
  assertRight(actor, 'audit.read');
  const limit = f.limit ?? 50, offset = f.offset ?? 0;
  return withActor(db, actor, async (trx) => {
    const items = await filtered(trx, f).select(columns).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    const total = await filtered(trx, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'audit.search', recordType: 'audit_log', purpose: 'audit review', detail: { filters: { ...f, limit, offset } } });
    return { items: items.map(toEntry), total: Number(total.n) };
  });
}

const csvHeader = ['id', 'at', 'actor_id', 'actor_email', 'organisation_id', 'action', 'record_type', 'record_id', 'purpose', 'outcome', 'ip'];

/** CSV per RFC 4180; cells that a spreadsheet would run as a formula are prefixed with '. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function exportAudit(db: Db, actor: Actor, f: AuditQuery): Promise<string> {
  assertRight(actor, 'audit.export');
  return withActor(db, actor, async (trx) => {
    const rows = await filtered(trx, f).select(columns).orderBy('at', 'desc').orderBy('id', 'desc').limit(100_000).execute();
    await audit(trx, actor, { action: 'audit.export', recordType: 'audit_log', purpose: 'audit export', detail: { filters: f, rows: rows.length } });
    const lines = [csvHeader.join(',')];
    for (const r of rows) lines.push([r.id, new Date(r.at).toISOString(), r.actor_id, r.actor_email, r.organisation_id, r.action, r.record_type, r.record_id, r.purpose, r.outcome, r.ip].map(csvCell).join(','));
    return lines.join('\r\n') + '\r\n';
  });
}
