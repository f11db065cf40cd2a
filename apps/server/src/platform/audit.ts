// The one audit writer. Append-only by construction: the table has no UPDATE/DELETE grant for the
// application role and a trigger refuses them for everyone. Actions and record types come from
// the lists in packages/contracts; an action not listed there is refused (a test also scans the
// code for them).
//
// Free text (a purpose, a reason, a search term) may name a person and must go with that person
// on erasure, while the log stays append-only: it is written to audit_texts, tied to the person or
// household the entry is about, and the audit row keeps only a salted hash of it (migration
// 0006_audit_privacy). eraseAuditTexts() deletes them.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { auditActions, type AuditAction, type AuditOutcome, type RecordTypeName } from '@localpact/contracts';
import type { Db, Tx } from './context.ts';
import type { Actor } from './access.ts';
import { platformLookup } from './rls.ts';

export interface AuditEvent {
  action: AuditAction;
  outcome?: AuditOutcome;
  recordType?: RecordTypeName | null;
  recordId?: string | null;
  /** Why (free text, possibly typed by a user): kept apart, erased with the person. */
  purpose?: string | null;
  /** Structured facts (ids, codes, counts): never free text, never names. */
  detail?: Record<string, unknown> | null;
  /** Free text besides the purpose (a reason, a search term, a note): kept apart like the purpose. */
  text?: Record<string, string | null | undefined> | null;
  /** The person the entry's text may name, when the record is not that person (default: a person record's id). */
  personId?: string | null;
  /** For events without a signed-in actor (failed sign-in): who it was about. */
  actorEmail?: string | null;
  ip?: string | null;
  /**
   * The organisation whose record of the event this is, when not the actor's own: a household
   * handed over to another municipality is written to the log once for each side.
   */
  onBehalfOf?: string;
}

const known = new Set<string>(auditActions);

function checked(action: string): string {
  if (!known.has(action)) throw new Error(`audit: "${action}" is not in the list of audit actions (packages/contracts/src/lists)`);
  return action;
}

/** The commitment an audit row keeps to its text: hex sha256 of salt and text. */
export function textCommitment(salt: string, text: string): string {
  return createHash('sha256').update(salt).update('\u0000').update(text).digest('hex');
}

/** The free text of an entry as one JSON object, or null when it has none. */
function freeText(purpose: string | null | undefined, more: AuditEvent['text']): string | null {
  const o: Record<string, string> = {};
  if (purpose !== undefined && purpose !== null) o.purpose = purpose;
  for (const [k, v] of Object.entries(more ?? {})) if (v !== undefined && v !== null && v !== '') o[k] = v;
  return Object.keys(o).length ? JSON.stringify(o) : null;
}

async function storeTexts(db: Db | Tx, texts: Array<{ text: string; personId: string | null; householdId: string | null }>): Promise<Array<{ id: number; hash: string }>> {
  if (!texts.length) return [];
  // Ids drawn first: the writer may not read the texts back (row-level security), so no RETURNING.
  const ids = await sql<{ id: string }>`select nextval('audit_texts_id_seq') as id from generate_series(1, ${texts.length})`.execute(db);
  const salted = texts.map((t, i) => ({ ...t, id: Number(ids.rows[i].id), salt: randomBytes(16).toString('hex') }));
  await db.insertInto('audit_texts')
    .values(salted.map((t) => ({ id: t.id, person_id: t.personId, household_id: t.householdId, salt: t.salt, text: t.text })))
    .execute();
  return salted.map((t) => ({ id: t.id, hash: textCommitment(t.salt, t.text) }));
}

const isUuid = (s: string | null | undefined): s is string => !!s && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

function subjectOf(recordType: string | null | undefined, recordId: string | null | undefined, personId?: string | null) {
  return {
    personId: personId ?? (recordType === 'person' && isUuid(recordId) ? recordId : null),
    householdId: recordType === 'household' && isUuid(recordId) ? recordId : null,
  };
}

export async function audit(db: Db | Tx, actor: Actor | null, event: AuditEvent): Promise<void> {
  const action = checked(event.action);
  const text = freeText(event.purpose, event.text);
  const [stored] = text ? await storeTexts(db, [{ text, ...subjectOf(event.recordType, event.recordId, event.personId) }]) : [];
  await db.insertInto('audit_log').values({
    actor_id: actor?.id ?? null,
    actor_email: actor?.email ?? event.actorEmail ?? null,
    organisation_id: event.onBehalfOf ?? actor?.organisationId ?? null,
    action,
    outcome: event.outcome ?? 'ok',
    record_type: event.recordType ?? null,
    record_id: event.recordId ?? null,
    purpose: null,
    ip: actor?.ip ?? event.ip ?? null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
    text_id: stored?.id ?? null,
    text_hash: stored?.hash ?? null,
  }).execute();
}

/** Audits many reads at once (a list of personal records) in one statement. */
export async function auditReads(db: Db | Tx, actor: Actor, recordType: RecordTypeName, ids: string[], purpose: string, action: AuditAction = `${recordType}.read` as AuditAction): Promise<void> {
  if (ids.length === 0) return;
  checked(action);
  const text = freeText(purpose, null)!;
  const stored = await storeTexts(db, ids.map((id) => ({ text, ...subjectOf(recordType, id) })));
  await db.insertInto('audit_log').values(ids.map((id, i) => ({
    actor_id: actor.id, actor_email: actor.email, organisation_id: actor.organisationId,
    action, outcome: 'ok', record_type: recordType, record_id: id, purpose: null, ip: actor.ip, detail: null,
    text_id: stored[i].id, text_hash: stored[i].hash,
  }))).execute();
}

/**
 * Erasure (GDPR Art. 17): deletes the audit log's free text about these people and households, and
 * any other text that names them (a search term, a purpose typed about someone else's record). The
 * rows stay, with their commitments. Runs in the erasing command's transaction, after the gate.
 */
export async function eraseAuditTexts(trx: Tx, o: { personIds: readonly string[]; householdIds?: readonly string[]; names?: readonly string[] }): Promise<number> {
  const names = [...new Set((o.names ?? []).map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 2))];
  if (!o.personIds.length && !o.householdIds?.length && !names.length) return 0;
  return platformLookup(trx, async () => {
    const r = await trx.deleteFrom('audit_texts').where((eb) => eb.or([
      ...(o.personIds.length ? [eb('person_id', 'in', [...o.personIds])] : []),
      ...(o.householdIds?.length ? [eb('household_id', 'in', [...o.householdIds])] : []),
      ...names.map((n) => eb(sql`strpos(lower(text collate "und-x-icu"), ${n})`, '>', 0)),
    ])).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}
