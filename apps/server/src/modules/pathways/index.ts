// Integration pathways (issue 5): people and households, legal status, plans and steps, consents
// and referrals, moves between municipalities, and the person's GDPR rights with the retention job.
import { parseArgs } from 'node:util';
import type { CapabilityModule } from '../../platform/module.ts';
import { personalText, referenceText } from '../../platform/erasure.ts';
import * as m0003 from './migrations/0003_pathways.ts';
import * as m0005 from './migrations/0005_pathways_arrivals.ts';
import * as m0007 from './migrations/0007_pathways_worklist.ts';
import * as m0006 from './migrations/0006_pathways_duplicate_reviews.ts';
import { pathwayRoutes } from './routes.ts';
import { pathwaysDemo, pathwaysTables } from './demo.ts';
import { messages } from './messages.ts';
import { householdRecord, personRecord, templateRecord } from './records.ts';
import { runRetention } from './service.ts';

export const pathways: CapabilityModule = {
  name: 'pathways',
  routes: pathwayRoutes,
  migrations: { '0003_pathways': m0003, '0005_pathways_arrivals': m0005, '0006_pathways_duplicate_reviews': m0006, '0007_pathways_worklist': m0007 },
  tables: pathwaysTables,
  // Names, contact details and every note or reason typed about a person are erased with that
  // person; codes kept for statistics (sex, languages, nationalities, status types) are not free text.
  freeText: [
    ...personalText('person_identities', 'person_id', 'address', 'email', 'family_name', 'given_name', 'identifiers', 'name_key', 'other_names', 'phone', 'search_text'),
    ...personalText('person_name_keys', 'person_id', 'key'),
    // Corrections of CEFR levels are statistics (funding indicators: level rose during a course), as
    // people.languages is: kept on erasure; every other correction's values go.
    ...personalText('person_corrections', 'person_id', 'new_value', 'old_value').map((c) => ({ ...c, keepWhere: "field = 'languages'" })),
    ...personalText('person_corrections', 'person_id', 'reason'),
    ...referenceText('person_corrections', 'field'),
    ...personalText('person_arrivals', 'person_id', 'household_reference', 'notice_reference'),
    ...personalText('legal_statuses', 'person_id', 'note'),
    ...referenceText('legal_statuses', 'type_code'),
    ...personalText('pathway_plans', 'person_id', 'goals'),
    ...personalText('pathway_steps', 'person_id', 'notes', 'stop_reason'),
    { table: 'pathway_steps', column: 'title', holds: 'personal', personColumn: 'person_id', redactAs: 'domain' },
    ...referenceText('pathway_steps', 'domain', 'status'),
    ...personalText('referrals', 'person_id', 'note'),
    // A reviewer's note on two records (erasure of either deletes the review).
    ...personalText('duplicate_reviews', 'person_id', 'note'),
    ...referenceText('duplicate_reviews', 'status'),
    ...referenceText('referrals', 'shares', 'status'),
    ...referenceText('consents', 'how', 'purpose'),
    ...referenceText('people', 'household_role', 'languages', 'nationalities', 'preferred_locale', 'sex'),
    ...referenceText('status_types', 'code', 'legal_basis'),
    ...referenceText('pathway_templates', 'audience', 'description', 'name', 'steps'),
  ],
  rights: ['status_types.manage', 'duplicates.review'],
  recordTypes: [personRecord, householdRecord, templateRecord],
  demo: pathwaysDemo,
  messages,
  jobs: [{
    // Once a day in a serving process (and on demand: `localpact retention`), first a minute after start.
    name: 'retention', everyMs: 24 * 3600_000, firstAfterMs: 60_000, runsIn: 'serve',
    async run(db, config) {
      const r = await runRetention(db, config.retentionDays);
      if (r.erased) return `retention: anonymised ${r.erased} closed case(s)`;
    },
  }],
  commands: [{
    name: 'retention',
    summary: 'anonymise pathway cases closed longer than RETENTION_DAYS (730) ago',
    help: `localpact retention [--days N] [--dry-run] — anonymise every pathway case closed more than N days ago
(default RETENTION_DAYS, 730): names and identifiers removed, date of birth coarsened to the year, free
text deleted; statistics kept. \`localpact serve\` also runs it once a day.`,
    async run(args, ctx) {
      const { values } = parseArgs({ args, options: { days: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
      const days = values.days !== undefined ? Number(values.days) : ctx.config.retentionDays;
      if (!Number.isInteger(days) || days < 0) { ctx.say('--days must be a non-negative integer'); return 2; }
      const database = await ctx.prepare();
      try {
        const r = await runRetention(database.db, days, { dryRun: values['dry-run'] });
        console.log(values['dry-run'] ? `${r.due} closed case(s) older than ${days} days would be anonymised` : `anonymised ${r.erased} closed case(s) older than ${days} days`);
      } finally { await database.close(); }
      return 0;
    },
  }],
};
