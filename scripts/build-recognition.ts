// Rebuilds data/recognition-bodies.tsv from shared/data/recognition/enic-naric.csv (see its
// SOURCES.md): per EU country, the ENIC-NARIC centre (academic recognition) and, where the source
// found one, the authority or portal for regulated professions. Greece is written EL (NUTS).
// Usage: npm run data:recognition [-- /path/to/shared/data]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.argv[2] ?? join(root, '../shared/data'));

const [header, ...rows] = parseCsv(readFileSync(join(shared, 'recognition/enic-naric.csv'), 'utf8').replace(/^\uFEFF/, ''));
const col = (name: string) => { const i = header.indexOf(name); if (i < 0) throw new Error(`column ${name} missing`); return i; };
const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ').replace(/\s+/g, ' ').trim();
const out: string[][] = [];
for (const r of rows) {
  const country = r[col('country_code')] === 'GR' ? 'EL' : r[col('country_code')];
  const sources = clean(r[col('sources')]);
  out.push([country, 'academic', clean(r[col('enic_naric_centre')]), clean(r[col('host_organisation')]), clean(r[col('enic_naric_url')]).split(/\s+;\s+|\s+/)[0], clean(r[col('notes')]), sources]);
  const prof = clean(r[col('professional_recognition_or_portal')]);
  if (prof && !/^not found/i.test(prof)) out.push([country, 'professional', prof, '', clean(r[col('professional_url')]).split(/\s+;\s+|\s+/)[0], '', sources]);
}
out.sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
writeFileSync(join(root, 'data/recognition-bodies.tsv'), ['country\tkind\tname\thost\turl\tnotes\tsources', ...out.map((r) => r.join('\t'))].join('\n') + '\n');
if (out.filter((r) => r[1] === 'academic').length !== 27) throw new Error('expected one ENIC-NARIC centre per EU country');
console.log(`recognition bodies: ${out.length} (${out.filter((r) => r[1] === 'professional').length} for regulated professions)`);
