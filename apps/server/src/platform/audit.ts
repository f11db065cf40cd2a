// The one audit writer. Append-only by construction: the table has no UPDATE/DELETE grant for the
// application role and a trigger refuses them for everyone. Actions and record types come from
// the lists in packages/contracts; an action not listed there is refused (a test also scans the
// code for them).
import { auditActions, type AuditAction, type AuditOutcome, type RecordTypeName } from '@localpact/contracts';
import type { Db, Tx } from './context.ts';
import type { Actor } from './access.ts';

export interface AuditEvent {
  action: AuditAction;
  outcome?: AuditOutcome;
  recordType?: RecordTypeName | null;
  recordId?: string | null;
  purpose?: string | null;
  detail?: Record<string, unknown> | null;
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

export async function audit(db: Db | Tx, actor: Actor | null, event: AuditEvent): Promise<void> {
  const action = checked(event.action);
  await db.insertInto('audit_log').values({
    actor_id: actor?.id ?? null,
    actor_email: actor?.email ?? event.actorEmail ?? null,
    organisation_id: event.onBehalfOf ?? actor?.organisationId ?? null,
    action,
    outcome: event.outcome ?? 'ok',
    record_type: event.recordType ?? null,
    record_id: event.recordId ?? null,
    purpose: event.purpose ?? null,
    ip: actor?.ip ?? event.ip ?? null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
  }).execute();
}

/** Audits many reads at once (a list of personal records) in one statement. */
export async function auditReads(db: Db | Tx, actor: Actor, recordType: RecordTypeName, ids: string[], purpose: string, action: AuditAction = `${recordType}.read` as AuditAction): Promise<void> {
  if (ids.length === 0) return;
  checked(action);
  await db.insertInto('audit_log').values(ids.map((id) => ({
    actor_id: actor.id, actor_email: actor.email, organisation_id: actor.organisationId,
    action, outcome: 'ok', record_type: recordType, record_id: id, purpose, ip: actor.ip, detail: null,
  }))).execute();
}
