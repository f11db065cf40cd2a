// Rebuilds data/isco-groups.tsv and data/esco-occupations.tsv.gz from the ESCO v1.1.1 downloads in
// shared/data/esco (see data/README.md). Needs `unzip` on the PATH (Debian: unzip).
// Usage: npm run data:esco [-- /path/to/shared/data]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRecords } from './csv.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.argv[2] ?? join(root, '../shared/data'));


const records = csvRecords;

const unzip = (zip: string, file: string) => execFileSync('unzip', ['-p', join(shared, 'esco', zip), file], { maxBuffer: 64 << 20 }).toString('utf8');
const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();

const iscoEn = records(unzip('esco-v1.1.1-classification-en-csv.zip', 'ISCOGroups_en.csv'));
const iscoFr = new Map(records(readFileSync(join(shared, 'esco/ISCOGroups_fr.csv'), 'utf8')).map((r) => [r.code, r.preferredLabel]));
const isco = iscoEn.filter((r) => /^\d{1,4}$/.test(r.code)).sort((a, b) => (a.code < b.code ? -1 : 1));
writeFileSync(join(root, 'data/isco-groups.tsv'), ['code\tlevel\tlabel_en\tlabel_fr', ...isco.map((r) => [r.code, r.code.length, clean(r.preferredLabel), clean(iscoFr.get(r.code) ?? '')].join('\t'))].join('\n') + '\n');

const occEn = records(unzip('esco-v1.1.1-classification-en-csv.zip', 'occupations_en.csv'));
const occFr = new Map(records(readFileSync(join(shared, 'esco/occupations_fr.csv'), 'utf8')).map((r) => [r.conceptUri.split('/').pop(), r.preferredLabel]));
const occ = occEn.map((r) => ({ id: r.conceptUri.split('/').pop()!, isco: r.iscoGroup, code: r.code, en: clean(r.preferredLabel), fr: clean(occFr.get(r.conceptUri.split('/').pop()) ?? '') }))
  .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const missingFr = occ.filter((o) => !o.fr).length;
const tsv = ['id\tisco\tcode\tlabel_en\tlabel_fr', ...occ.map((o) => [o.id, o.isco, o.code, o.en, o.fr].join('\t'))].join('\n') + '\n';
writeFileSync(join(root, 'data/esco-occupations.tsv.gz'), gzipSync(tsv, { level: 9 }));
if (isco.length < 600 || occ.length < 3000) throw new Error(`unexpected counts: ${isco.length} ISCO groups, ${occ.length} occupations`);
console.log(`ISCO-08 groups: ${isco.length}; ESCO occupations: ${occ.length} (${missingFr} without a French label)`);

// ---- skills, every label (preferred and alternative) per language, and occupation→skill links ----
// Skills module (apps/server/src/modules/skills) search and profiles read these three files.
const idOf = (uri: string) => uri.split('/').pop()!;
const skillsEn = records(unzip('esco-v1.1.1-classification-en-csv.zip', 'skills_en.csv'));
const skillType = (t: string) => (t === 'knowledge' ? 'knowledge' : t === 'skill/competence' ? 'skill' : 'other');
const skills = skillsEn.map((r) => ({ id: idOf(r.conceptUri), type: skillType(r.skillType), reuse: r.reuseLevel, en: clean(r.preferredLabel) }))
  .sort((a, b) => (a.id < b.id ? -1 : 1));
writeFileSync(join(root, 'data/esco-skills.tsv.gz'), gzipSync(['id\ttype\treuse\tlabel_en', ...skills.map((s) => [s.id, s.type, s.reuse, s.en].join('\t'))].join('\n') + '\n', { level: 9 }));

// Labels: kind (o occupation, s skill), id, language, p (preferred) or a (alternative), label.
// English and French occupations are v1.1.1; French skills ≈ v1.2 labels, Spanish v1.0, Dutch
// occupations v1.1.1 (shared/data/esco-i18n/SOURCES.md). Only concepts of v1.1.1 are kept.
const known = new Set([...occ.map((o) => o.id), ...skills.map((s) => s.id)]);
const labelRows = new Set<string>();
const addLabels = (kind: 'o' | 's', lang: string, rows: Array<Record<string, string>>) => {
  for (const r of rows) {
    const id = idOf(r.conceptUri);
    if (!known.has(id)) continue;
    const pref = clean(r.preferredLabel);
    // French occupations write both genders as "directeur technique/directrice technique": each is a label.
    if (pref) labelRows.add([kind, id, lang, 'p', pref].join('\t'));
    for (const alt of (r.altLabels ?? '').split('\n').map(clean)) if (alt && alt !== pref) labelRows.add([kind, id, lang, 'a', alt].join('\t'));
  }
};
const gz = (file: string) => execFileSync('gunzip', ['-c', join(shared, 'esco-i18n', file)], { maxBuffer: 64 << 20 }).toString('utf8');
addLabels('o', 'en', occEn);
addLabels('o', 'fr', records(readFileSync(join(shared, 'esco/occupations_fr.csv'), 'utf8')));
addLabels('o', 'es', records(gz('occupations_es.csv.gz')));
addLabels('o', 'nl', records(gz('occupations_nl.csv.gz')));
addLabels('s', 'en', skillsEn);
addLabels('s', 'fr', records(gz('skills_fr.csv.gz')));
addLabels('s', 'es', records(gz('skills_es.csv.gz')));
const labels = [...labelRows].sort();
writeFileSync(join(root, 'data/esco-labels.tsv.gz'), gzipSync(['kind\tid\tlang\tpreferred\tlabel', ...labels].join('\n') + '\n', { level: 9 }));

const rel = records(unzip('esco-v1.1.1-relations-csv.zip', 'occupationSkillRelations.csv'))
  .map((r) => [idOf(r.occupationUri), idOf(r.skillUri), r.relationType === 'essential' ? 'e' : 'o'])
  .filter(([o, s]) => known.has(o) && known.has(s)).map((r) => r.join('\t')).sort();
writeFileSync(join(root, 'data/esco-occupation-skills.tsv.gz'), gzipSync(['occupation\tskill\trelation', ...rel].join('\n') + '\n', { level: 9 }));
if (skills.length < 13800 || rel.length < 120000) throw new Error(`unexpected counts: ${skills.length} skills, ${rel.length} links`);
console.log(`ESCO skills: ${skills.length}; labels: ${labels.length}; occupation-skill links: ${rel.length}`);
