// Rebuilds data/practices.json (the good-practice library's seed) from shared/data/practices
// (see NOTICE): the same facts, compacted, with each entry's free-text domains mapped to the
// library's domains and its place bound to a territory code (for the size of the municipality).
// Usage: npx tsx scripts/build-practices.ts [/path/to/shared/data]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.argv[2] ?? join(root, '../shared/data'));

// The source's domain words → the library's domains (packages/contracts lists/dialogue.ts).
const domainOf: Record<string, string> = {
  'child protection': 'unaccompanied_minors', guardianship: 'unaccompanied_minors',
  reception: 'reception', 'reception and orientation': 'reception', information: 'reception', 'information and orientation': 'reception', 'civic orientation': 'reception', counselling: 'reception', 'digital services': 'reception',
  housing: 'housing', 'urban renewal': 'housing',
  'language learning': 'language',
  employment: 'work', 'employer engagement': 'work', entrepreneurship: 'work', 'labour-market access': 'work', 'labour-market integration': 'work', 'skills and entrepreneurship': 'work',
  'vocational training': 'work', 'vocational training referral': 'work', training: 'work', 'vocational education': 'education', 'education and employment': 'work',
  'skills and qualification recognition': 'recognition', 'skills assessment': 'recognition', 'skills identification': 'recognition',
  health: 'health', 'mental health': 'health', wellbeing: 'health',
  participation: 'participation', 'intercultural dialogue': 'social_cohesion', 'social cohesion': 'social_cohesion', 'social integration': 'social_cohesion',
  diaspora: 'return_reintegration', 'decentralised cooperation': 'return_reintegration',
  education: 'education',
};
// Where each practice happens, as a territory of data/territories.tsv.gz (Lisbon: its NUTS 3
// region, as the demo organisation; Etableringslyftet spans three municipalities: the largest).
const territoryOf: Record<string, string> = {
  'palermo-unaccompanied-minors': 'IT_082053', 'mechelen-inclusive-city': 'BE_12025', 'lisbon-lusophone-cooperation-and-migrant-plan': 'PT1A0',
  'hamburg-wir': 'DE_02000000', 'barcelona-professional-associations': 'ES_08019', etableringslyftet: 'SE_0163', 'antwerp-curant': 'BE_11002',
  'utrecht-plan-einstein': 'NL_GM0344', 'vienna-startwien': 'AT_90001', 'espoo-omnia-skills-centre': 'FI_049', 'helsinki-skills-centre': 'FI_091',
  'vienna-core': 'AT_90001', 'nuremberg-integreat': 'DE_09564000',
};

interface Source {
  id: string; title: string; place: string; country: string; named_in_cemr_key_messages: boolean; years: string; target_group: string; domain: string[];
  what_it_does: string[]; results: Array<{ figure: string; as_of: string; source: string }>; funding: string; contact_organisation: string; source_urls: string[]; notes_and_doubts: string;
}
const src = JSON.parse(readFileSync(join(shared, 'practices/practices.json'), 'utf8')) as { practices: Source[] };
const out = src.practices.map((p) => {
  const unknown = p.domain.filter((d) => !domainOf[d]);
  if (unknown.length) throw new Error(`${p.id}: no library domain for ${unknown.join(', ')}`);
  if (!territoryOf[p.id]) throw new Error(`${p.id}: no territory`);
  return {
    id: p.id, title: p.title, place: p.place, country: p.country, language: 'en', territory: territoryOf[p.id], namedInCemr: p.named_in_cemr_key_messages,
    years: p.years, targetGroup: p.target_group, domains: [...new Set(p.domain.map((d) => domainOf[d]))], sourceDomains: p.domain,
    whatItDoes: p.what_it_does, results: p.results.map((r) => ({ figure: r.figure, asOf: r.as_of, source: r.source })),
    funding: p.funding, contact: p.contact_organisation, sources: p.source_urls, notes: p.notes_and_doubts,
  };
});
writeFileSync(join(root, 'data/practices.json'), JSON.stringify({ source: 'shared/data/practices/practices.json (see NOTICE)', practices: out }) + '\n');
console.log(`data/practices.json: ${out.length} practices`);
