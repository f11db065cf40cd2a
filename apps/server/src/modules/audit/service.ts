// The audit viewer of the data-protection officer: search and CSV export. Reading the log is
// itself audited (the export especially: it is personal data about staff).
import type { AuditAction, AuditEntry, AuditQuery, RecordTypeName } from '@localpact/contracts';
import { createHash } from 'node:crypto';
import { asSystem, withActor, type Db, type Tx } from '../../platform/context.ts';
import { assertRight, type Actor } from '../../platform/access.ts';
import { audit, textCommitment } from '../../platform/audit.ts';
import { invalid } from '../../platform/errors.ts';
import * as repo from './repository.ts';

function parseBound(value: string | undefined, field: string, endOfDay: boolean): Date | undefined {
  if (!value) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : value);
  if (Number.isNaN(d.getTime())) throw invalid(`querystring.${field}`, 'validation.format', { format: 'date' });
  return d;
}

function toEntry(r: repo.Row): AuditEntry {
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
    const { items, total } = await repo.page(trx, f, parseBound(f.from, 'from', false), parseBound(f.to, 'to', true), limit, offset);
    await audit(trx, actor, { action: 'audit.search', recordType: 'audit_log', purpose: 'audit review', detail: { filters: { ...f, q: undefined, actor: undefined, limit, offset } }, text: { q: f.q, actor: f.actor } });
    return { items: await named(trx, items.map(toEntry)), total };
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
    const rows = await repo.all(trx, f, parseBound(f.from, 'from', false), parseBound(f.to, 'to', true), 100_000);
    await audit(trx, actor, { action: 'audit.export', recordType: 'audit_log', purpose: 'audit export', detail: { filters: { ...f, q: undefined, actor: undefined }, rows: rows.length }, text: { q: f.q, actor: f.actor } });
    const lines = [csvHeader.join(',')];
    for (const r of rows) lines.push([r.id, new Date(r.at).toISOString(), r.actor_id, r.actor_email, r.organisation_id, r.action, r.record_type, r.record_id, r.purpose, r.outcome, r.ip].map(csvCell).join(','));
    return lines.join('\r\n') + '\r\n';
  });
}

/**
 * For other modules: every entry about one record (a person's export shows who read it and why).
 * Called in the caller's transaction, which has checked the reach (and lifted row-level security).
 */
export function entriesAbout(trx: Tx, recordType: RecordTypeName, recordId: string, max: number) {
  return repo.aboutRecord(trx, recordType, recordId, max);
}

/** For other modules: the latest entries of one action (every break of the glass, for the DPO). */
export function entriesWithAction(trx: Tx, action: AuditAction, max: number) {
  return repo.withAction(trx, action, max);
}

// ---- tamper evidence: the hash chain -----------------------------------------------------------
// A sealing pass links every row not yet linked, in id order, to the chain's head:
// hash = sha256(previous hash ‖ row). Rows are sealed after they commit, so the writer never waits
// on a lock; a row changed or deleted afterwards no longer matches its link. The text a row points
// to is checked against the row's commitment while it exists (erasure deletes it, by design).
const GENESIS = 'localpact audit chain';
const link = (previous: string, content: string) => createHash('sha256').update(previous).update('\n').update(content).digest('hex');

/** Links the rows written since the last pass. Returns how many. */
export async function sealAuditLog(db: Db, max = 50_000): Promise<number> {
  return asSystem(db, async (trx) => {
    await repo.lockChain(trx);
    let head = (await repo.chainHead(trx))?.hash ?? GENESIS;
    const rows = await repo.unsealed(trx, max);
    const links = rows.map((r) => { head = link(head, r.content); return { audit_id: Number(r.id), hash: head }; });
    for (let i = 0; i < links.length; i += 1000) await repo.appendLinks(trx, links.slice(i, i + 1000));
    return links.length;
  });
}

export interface VerifyReport {
  sealed: number;
  unsealed: number;
  /** Rows whose content no longer matches the chain (changed, or deleted: `missing`). */
  tampered: Array<{ auditId: number; problem: 'changed' | 'missing' | 'text_changed' }>;
  /** The chain's last hash: write it down elsewhere, and a rewritten chain shows. */
  head: string | null;
}

/** Walks the whole chain and reports every row that does not match it. */
export async function verifyAuditLog(db: Db): Promise<VerifyReport> {
  return asSystem(db, async (trx) => {
    const tampered: VerifyReport['tampered'] = [];
    let previous = GENESIS, expected = GENESIS, seq = 0, sealed = 0;
    for (;;) {
      const page = await repo.chainPage(trx, seq, 5000);
      if (!page.length) break;
      for (const l of page) {
        sealed++;
        seq = Number(l.seq);
        // Each link is checked against the stored previous link, so one changed row is reported
        // once, not every row after it.
        if (l.content === null) tampered.push({ auditId: Number(l.audit_id), problem: 'missing' });
        else if (link(previous, l.content) !== l.hash) tampered.push({ auditId: Number(l.audit_id), problem: 'changed' });
        else if (l.text !== null && l.salt !== null && textCommitment(l.salt, l.text) !== l.text_hash) tampered.push({ auditId: Number(l.audit_id), problem: 'text_changed' });
        expected = l.hash;
        previous = l.hash;
      }
    }
    return { sealed, unsealed: await repo.countUnsealed(trx), tampered, head: sealed ? expected : null };
  });
}

/** Who acted, and for which organisation, by name: the log keeps ids; the reader wants words. */
async function named(trx: Tx, entries: AuditEntry[]): Promise<AuditEntry[]> {
  const ids = (xs: Array<string | null | undefined>) => [...new Set(xs.filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x)))];
  const { users, organisations } = await repo.namesOf(trx, ids(entries.map((e) => e.actor?.id)), ids(entries.map((e) => e.organisationId)));
  return entries.map((e) => ({ ...e, actorName: (e.actor?.id && users.get(e.actor.id)) || null, organisationName: (e.organisationId && organisations.get(e.organisationId)) || null }));
}
