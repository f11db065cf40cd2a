// Every text and JSON column of the migrated database is declared in a manifest's freeText (or
// the platform's), so erasure knows which of them may name a person: a new module that forgets
// to declare its columns fails here. And every declaration names a real column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { modules } from '../index.ts';
import { declaredFreeText } from './erasure.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

async function textColumns() {
  const r = await sql<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>`
    select c.table_name, c.column_name, c.udt_name, c.is_nullable from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.udt_name in ('text', '_text', 'varchar', '_varchar', 'json', 'jsonb', 'bpchar', 'citext')
    order by 1, 2`.execute(t.database.db);
  return r.rows;
}

describe('free text is declared', () => {
  it('every text and JSON column of every table is declared in some freeText, as personal (with its person) or reference', async () => {
    const declared = declaredFreeText(modules);
    const key = (a: string, b: string) => `${a}.${b}`;
    const known = new Set(declared.map((d) => key(d.table, d.column)));
    const missing = (await textColumns()).map((c) => key(c.table_name, c.column_name)).filter((k) => !known.has(k));
    expect(missing).toEqual([]);
  });

  it('every declaration names a column that exists, and a personal one says whose it is', async () => {
    const cols = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(t.database.db);
    const exists = new Set(cols.rows.map((c) => `${c.table_name}.${c.column_name}`));
    const declared = declaredFreeText(modules);
    expect(declared.filter((d) => !exists.has(`${d.table}.${d.column}`)).map((d) => `${d.table}.${d.column}`)).toEqual([]);
    expect(declared.filter((d) => d.holds === 'personal' && !(d.personColumn && exists.has(`${d.table}.${d.personColumn}`))).map((d) => `${d.table}.${d.column}`)).toEqual([]);
    const twice = declared.map((d) => `${d.table}.${d.column}`).filter((k, i, a) => a.indexOf(k) !== i);
    expect(twice).toEqual([]);
  });
});
