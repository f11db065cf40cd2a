// ESCO v1.1.1 reference data: loads the vendored files (data/esco-*.tsv.gz, data/isco-groups.tsv;
// built by `npm run data:esco`) into the esco_* tables, once, when they are empty.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Db } from '../../platform/context.ts';
import { escoSearchKey } from './search-key.ts';

const DATA_DIR = new URL('../../../../../data/', import.meta.url);
const dataFile = (name: string) => fileURLToPath(new URL(name, DATA_DIR));

function tsv(name: string): string[][] {
  const buf = readFileSync(dataFile(name));
  const text = (name.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  return text.split('\n').slice(1).filter((l) => l !== '').map((l) => l.split('\t'));
}

async function insertAll<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 2000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Imports ESCO when it is missing; returns the counts imported (zeros when already present). */
export async function importEsco(db: Db): Promise<{ occupations: number; skills: number; labels: number; links: number }> {
  const present = await db.selectFrom('esco_skills').select('id').limit(1).executeTakeFirst();
  if (present) return { occupations: 0, skills: 0, labels: 0, links: 0 };
  const occupations = tsv('esco-occupations.tsv.gz').map(([id, isco, code, en, fr]) => ({ id, isco, code, label_en: en, label_fr: fr || en }));
  const skills = tsv('esco-skills.tsv.gz').map(([id, type, reuse, en]) => ({ id, type, reuse, label_en: en }));
  const isco = tsv('isco-groups.tsv').map(([code, level, en, fr]) => ({ code, level: Number(level), label_en: en, label_fr: fr || en }));
  const labels = tsv('esco-labels.tsv.gz').map(([kind, id, lang, p, label]) => ({ kind, concept_id: id, lang, preferred: p === 'p', label, search_key: ` ${escoSearchKey(label)}` }));
  const links = tsv('esco-occupation-skills.tsv.gz').map(([o, s, r]) => ({ occupation_id: o, skill_id: s, essential: r === 'e' }));
  await db.transaction().execute(async (trx) => {
    await insertAll(isco, (b) => trx.insertInto('isco_groups').values(b).execute());
    await insertAll(occupations, (b) => trx.insertInto('esco_occupations').values(b).execute());
    await insertAll(skills, (b) => trx.insertInto('esco_skills').values(b).execute());
    await insertAll(labels, (b) => trx.insertInto('esco_labels').values(b).execute());
    await insertAll(links, (b) => trx.insertInto('esco_occupation_skills').values(b).execute(), 5000);
  });
  return { occupations: occupations.length, skills: skills.length, labels: labels.length, links: links.length };
}

/** Imports the recognition bodies (data/recognition-bodies.tsv) when missing; returns how many. */
export async function importRecognitionBodies(db: Db): Promise<number> {
  const present = await db.selectFrom('recognition_bodies').select('id').limit(1).executeTakeFirst();
  if (present) return 0;
  const rows = tsv('recognition-bodies.tsv').map(([country, kind, name, host, url, notes, sources]) => ({ id: `${country}-${kind}`, country, kind, name, host, url, notes, sources }));
  await db.insertInto('recognition_bodies').values(rows).execute();
  return rows.length;
}
