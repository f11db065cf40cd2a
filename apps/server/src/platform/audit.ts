// The one audit writer. Append-only by construction: the table has no UPDATE/DELETE grant for the
// application role and a trigger refuses them for everyone.
import type { Db, Tx } from './context.ts';
import type { Actor } from './access.ts';

export interface AuditEvent {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  recordType?: string | null;
  recordId?: string | null;
  purpose?: string | null;
  detail?: Record<string, unknown> | null;
  /** For events without a signed-in actor (failed sign-in): who it was about. */
  actorEmail?: string | null;
  ip?: string | null;
}

export async function audit(db: Db | Tx, actor: Actor | null, event: AuditEvent): Promise<void> {
  await db.insertInto('audit_log').values({
    actor_id: actor?.id ?? null,
    actor_email: actor?.email ?? event.actorEmail ?? null,
    organisation_id: actor?.organisationId ?? null,
    action: event.action,
    outcome: event.outcome ?? 'ok',
    record_type: event.recordType ?? null,
    record_id: event.recordId ?? null,
    purpose: event.purpose ?? null,
    ip: actor?.ip ?? event.ip ?? null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
  }).execute();
}

/** Audits many reads at once (a list of personal records) in one statement. */
export async function auditReads(db: Db | Tx, actor: Actor, recordType: string, ids: string[], purpose: string, action = `${recordType}.read`): Promise<void> {
  if (ids.length === 0) return;
  await db.insertInto('audit_log').values(ids.map((id) => ({
    actor_id: actor.id, actor_email: actor.email, organisation_id: actor.organisationId,
    action, outcome: 'ok', record_type: recordType, record_id: id, purpose, ip: actor.ip, detail: null,
  }))).execute();
}
