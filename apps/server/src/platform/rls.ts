// Row-level security, the second wall behind the gate, as a facility for every module's personal
// tables. A personal table's policy shows a row to the actor's organisation, to the platform acting
// as itself, and to the records the gate granted this transaction (`localpact.grant`, a list of ids
// set by grantRows: break-the-glass, data-subject requests). See migration 0003_pathways for the
// first use, and protectPersonalTable() for a new module's tables.
import { sql, type Kysely } from 'kysely';
import type { Tx } from './context.ts';

/** Tells row-level security that the gate granted this transaction these records (ids). */
export async function grantRows(trx: Tx, ids: readonly string[]): Promise<void> {
  const current = await sql<{ g: string | null }>`select current_setting('localpact.grant', true) as g`.execute(trx);
  const all = new Set([...(current.rows[0]?.g ?? '').split(',').filter(Boolean), ...ids]);
  await sql`select set_config('localpact.grant', ${[...all].join(',')}, true)`.execute(trx);
}

/**
 * Runs one lookup with row-level security lifted, then puts it back: for statements that return
 * no personal data (a record's owner, which the gate needs to decide and to refuse; counts).
 */
export async function platformLookup<T>(trx: Tx, fn: () => Promise<T>): Promise<T> {
  // Puts back what was there: inside asSystem (the retention job) the platform stays itself.
  const before = await sql<{ s: string | null }>`select current_setting('localpact.system', true) as s, set_config('localpact.system', 'on', true)`.execute(trx);
  const restore = before.rows[0]?.s === 'on' ? 'on' : 'off';
  try { return await fn(); } finally { await sql`select set_config('localpact.system', ${restore}, true)`.execute(trx); }
}

// The actor's settings are read once per statement (scalar sub-selects become init plans).
const ORG = `(select nullif(current_setting('localpact.actor_org', true), '')::uuid)`;
const SYSTEM = `(select current_setting('localpact.system', true) = 'on')`;
const GRANTED = `((select string_to_array(coalesce(current_setting('localpact.grant', true), ''), ','))::text[])`;

/**
 * For a module's migration: enables and forces row-level security on a personal table whose rows
 * carry `organisation_id`, visible to that organisation, the platform, and the granted records
 * (`recordColumn` holds the id the gate grants, e.g. 'person_id'), and grants the app role.
 */
export async function protectPersonalTable(db: Kysely<unknown>, table: string, recordColumn: string): Promise<void> {
  const rule = `(organisation_id = ${ORG} or ${SYSTEM} or ${table}.${recordColumn}::text = any(${GRANTED}))`;
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql`create policy ${sql.raw(table + '_reach')} on ${sql.table(table)} using ${sql.raw(rule)} with check ${sql.raw(rule)}`.execute(db);
  await sql`grant select, insert, update, delete on ${sql.table(table)} to localpact_app`.execute(db);
}
