// Erasure of a person's free text across every module (GDPR Art. 17): each manifest declares its
// text and JSON columns (module.ts FreeTextColumn); those that hold 'personal' text are redacted
// for the erased person, whoever owns the table. The platform's own tables are declared here.
import { sql } from 'kysely';
import type { Tx } from './context.ts';
import type { CapabilityModule, FreeTextColumn } from './module.ts';
import { platformLookup } from './rls.ts';

/** For manifests: columns of codes, identifiers, labels, published content (never about one person). */
export const referenceText = (table: string, ...columns: string[]): FreeTextColumn[] => columns.map((column) => ({ table, column, holds: 'reference' as const }));
/** For manifests: columns that may name the person whose id is in `personColumn` of the same row. */
export const personalText = (table: string, personColumn: string, ...columns: string[]): FreeTextColumn[] => columns.map((column) => ({ table, column, holds: 'personal' as const, personColumn }));
const ref = referenceText;

/** The platform's tables (migrations in platform/migrations). */
export const platformFreeText: readonly FreeTextColumn[] = [
  ...ref('schema_migrations', 'name', 'timestamp'),
  ...ref('schema_migrations_lock', 'id'),
  // Events carry ids, codes and figures of organisations (capacity, notices), never a person's text.
  ...ref('events', 'type', 'territory_path', 'other_territory_path', 'record_id', 'payload'),
  // The audit log's row: who acted (staff), what, on which record; free text lives in audit_texts.
  ...ref('audit_log', 'actor_email', 'action', 'record_type', 'record_id', 'purpose', 'outcome', 'ip', 'detail', 'text_hash'),
  { table: 'audit_texts', column: 'text', holds: 'personal', personColumn: 'person_id' },
  { table: 'audit_texts', column: 'salt', holds: 'personal', personColumn: 'person_id' },
  ...ref('audit_chain', 'hash'),
];

export function declaredFreeText(modules: readonly CapabilityModule[]): FreeTextColumn[] {
  return [...platformFreeText, ...modules.flatMap((m) => m.freeText ?? [])];
}

let registered: FreeTextColumn[] = [...platformFreeText];

/** Called at start (boot.ts) with the module list: the platform knows no module by name. */
export function registerFreeText(modules: readonly CapabilityModule[]): void {
  registered = declaredFreeText(modules);
}

async function columnShapes(trx: Tx) {
  const r = await sql<{ k: string; nullable: string; udt: string }>`
    select table_name || '.' || column_name as k, is_nullable as nullable, udt_name as udt from information_schema.columns where table_schema = 'public'`.execute(trx);
  return new Map(r.rows.map((c) => [c.k, { nullable: c.nullable === 'YES', udt: c.udt }]));
}

/** What a redacted value becomes: nothing where the column allows it, else an empty value of its type. */
function emptyOf(shape: { nullable: boolean; udt: string }) {
  if (shape.nullable) return sql`null`;
  if (shape.udt === 'jsonb' || shape.udt === 'json') return sql`'{}'::jsonb`;
  if (shape.udt.startsWith('_')) return sql`'{}'`;
  return sql`''`;
}

/**
 * Redacts every column declared 'personal' for these people, in every module's tables (the rows
 * whose personColumn is one of them). Audit texts are deleted (audit.ts eraseAuditTexts) instead.
 * Runs in the erasing command's transaction, after the gate allowed the erasure.
 */
export async function redactPersonalText(trx: Tx, personIds: readonly string[]): Promise<void> {
  if (!personIds.length) return;
  const shape = await columnShapes(trx);
  const byTable = new Map<string, FreeTextColumn[]>();
  for (const c of registered) {
    if (c.holds !== 'personal' || !c.personColumn || c.table === 'audit_texts') continue;
    byTable.set(`${c.table}|${c.personColumn}`, [...(byTable.get(`${c.table}|${c.personColumn}`) ?? []), c]);
  }
  await platformLookup(trx, async () => {
    for (const [k, cols] of byTable) {
      const [table, personColumn] = k.split('|');
      const sets = cols.filter((c) => shape.has(`${table}.${c.column}`))
        .map((c) => {
          const empty = c.redactAs ? sql.ref(c.redactAs) : emptyOf(shape.get(`${table}.${c.column}`)!);
          // A row the manifest says holds no personal text in this column keeps it (keepWhere).
          return sql`${sql.ref(c.column)} = ${c.keepWhere ? sql`case when ${sql.raw(c.keepWhere)} then ${sql.ref(c.column)} else ${empty} end` : empty}`;
        });
      if (!sets.length) continue;
      await sql`update ${sql.table(table)} set ${sql.join(sets)} where ${sql.ref(personColumn)} = any(${[...personIds]}::uuid[])`.execute(trx);
    }
  });
}
