// Skills and work (issue 14): ESCO v1.1.1 search as you type and occupations with their essential
// skills (reference data imported at start), and each person's skills profile (personal data:
// through the gate, audited, exported and erased with the person).
import type { CapabilityModule } from '../../platform/module.ts';
import * as m0008 from './migrations/0008_skills.ts';
import { importEsco, importRecognitionBodies } from './esco.ts';
import { messages } from './messages.ts';
import { skillsDemo } from './demo.ts';
import { escoIndex } from './search-index.ts';
import { profileRecord, recognitionRecord } from './records.ts';
import { skillsRoutes } from './routes.ts';
import { eraseProfiles, exportProfile } from './service.ts';

const reference = (table: string, columns: string[]) => columns.map((column) => ({ table, column, holds: 'reference' as const }));
const personal = (table: string, columns: string[]) => columns.map((column) => ({ table, column, holds: 'personal' as const, personColumn: 'person_id' }));

export const skills: CapabilityModule = {
  name: 'skills',
  routes: skillsRoutes,
  migrations: { '0008_skills': m0008 },
  // Personal tables only: the ESCO reference data survives a demo reset.
  tables: ['offer_skills', 'offers', 'recognition_documents', 'recognition_cases', 'skill_profile_languages', 'skill_profile_skills', 'skill_profile_experience', 'skill_profile_education', 'skill_profiles'],
  rights: ['offers.publish'],
  recordTypes: [profileRecord, recognitionRecord],
  messages,
  demo: skillsDemo,
  // A serving process builds the search index soon after start, so the first search answers at once.
  jobs: [{ name: 'esco-index', everyMs: 7 * 24 * 3600_000, firstAfterMs: 1000, runsIn: 'serve', async run(db) { await escoIndex(db); } }],
  async onBoot(db, say) {
    const n = await importEsco(db);
    if (n.skills) say(`ESCO v1.1.1 imported: ${n.occupations} occupations, ${n.skills} skills, ${n.labels} labels, ${n.links} occupation-skill links`);
    const bodies = await importRecognitionBodies(db);
    if (bodies) say(`recognition bodies imported: ${bodies}`);
  },
  personData: { export: exportProfile, erase: eraseProfiles },
  freeText: [
    ...reference('isco_groups', ['code', 'label_en', 'label_fr']),
    ...reference('esco_occupations', ['id', 'isco', 'code', 'label_en', 'label_fr']),
    ...reference('esco_skills', ['id', 'type', 'reuse', 'label_en']),
    ...reference('esco_labels', ['kind', 'concept_id', 'lang', 'label', 'search_key']),
    ...reference('esco_occupation_skills', ['occupation_id', 'skill_id']),
    // Codes from the lists in packages/contracts (ISCED fields, licence categories, CEFR levels, ESCO ids).
    ...reference('skill_profiles', ['driving_licences']),
    ...reference('skill_profile_education', ['isced_field', 'country', 'documents']),
    // The title of a diploma as the person states it may name them (a thesis, a school): erased with them.
    ...personal('skill_profile_education', ['title']),
    ...reference('skill_profile_experience', ['occupation_id', 'country']),
    ...reference('skill_profile_skills', ['skill_id', 'shown']),
    ...reference('skill_profile_languages', ['code', 'level']),
    ...reference('recognition_bodies', ['id', 'country', 'kind', 'name', 'host', 'url', 'notes', 'sources']),
    ...reference('recognition_cases', ['body_id', 'origin_country', 'occupation_id', 'status', 'decision', 'compensation']),
    // The qualification as the person names it (a school, a thesis title) may identify them.
    ...personal('recognition_cases', ['qualification']),
    ...reference('recognition_documents', ['kind']),
    // Offers are published by organisations and name no person.
    ...reference('offers', ['kind', 'title', 'occupation_id', 'territory_code', 'language_code', 'language_level']),
    ...reference('offer_skills', ['offer_id', 'skill_id']),
  ],
};
