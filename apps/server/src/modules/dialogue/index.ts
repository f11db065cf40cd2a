// Dialogue between levels (issue 16): consultations one level opens to the organisations below it
// (questionnaire, one official answer per organisation drafted by several and signed by one, live
// aggregates, published feedback), issues raised from below, and the good-practice library.
import type { CapabilityModule } from '../../platform/module.ts';
import * as m0010 from './migrations/0010_dialogue.ts';
import { dialogueRoutes } from './routes.ts';
import { messages } from './messages.ts';
import { seedPractices, sendReminders } from './service.ts';

/** How often the reminder job looks for consultations nearing their deadline (DIALOGUE_REMINDER_SECONDS, default 300). */
export const REMINDER_INTERVAL_MS = Number(process.env.DIALOGUE_REMINDER_SECONDS || 300) * 1000;

export const dialogue: CapabilityModule = {
  name: 'dialogue',
  routes: dialogueRoutes,
  migrations: { '0010_dialogue': m0010 },
  tables: ['consultation_tallies', 'consultation_answers', 'consultation_responses', 'consultation_invitations', 'consultation_questions', 'consultations', 'raised_issue_supporters', 'raised_issues'],
  messages,
  async onBoot(db, say) {
    const n = await seedPractices(db);
    if (n) say(`good-practice library: ${n} practices loaded`);
  },
  jobs: [{
    // Every instance runs it; the conditional update lets only one stamp an invitation.
    name: 'consultation reminders', everyMs: REMINDER_INTERVAL_MS, runsIn: 'app',
    run: async (db) => { const n = await sendReminders(db); if (n) return `consultation reminders: ${n}`; },
  }],
  // Organisations' positions and published library entries: no text here is about one person.
  freeText: [
    { table: 'consultations', column: 'title', holds: 'reference' },
    { table: 'consultations', column: 'purpose', holds: 'reference' },
    { table: 'consultations', column: 'territory_path', holds: 'reference' },
    { table: 'consultations', column: 'target_territory', holds: 'reference' },
    { table: 'consultations', column: 'target_kinds', holds: 'reference' },
    { table: 'consultations', column: 'status', holds: 'reference' },
    { table: 'consultations', column: 'synthesis', holds: 'reference' },
    { table: 'consultations', column: 'feedback', holds: 'reference' },
    { table: 'consultation_questions', column: 'kind', holds: 'reference' },
    { table: 'consultation_questions', column: 'prompt', holds: 'reference' },
    { table: 'consultation_questions', column: 'options', holds: 'reference' },
    { table: 'consultation_questions', column: 'show_if_equals', holds: 'reference' },
    { table: 'consultation_responses', column: 'status', holds: 'reference' },
    { table: 'consultation_responses', column: 'visibility', holds: 'reference' },
    { table: 'consultation_answers', column: 'choice', holds: 'reference' },
    { table: 'consultation_tallies', column: 'visibility', holds: 'reference' },
    { table: 'consultation_tallies', column: 'option', holds: 'reference' },
    { table: 'consultation_answers', column: 'text', holds: 'reference' },
    { table: 'raised_issues', column: 'territory_path', holds: 'reference' },
    { table: 'raised_issues', column: 'title', holds: 'reference' },
    { table: 'raised_issues', column: 'body', holds: 'reference' },
    { table: 'raised_issues', column: 'status', holds: 'reference' },
    { table: 'raised_issues', column: 'answer', holds: 'reference' },
    { table: 'good_practices', column: 'id', holds: 'reference' },
    { table: 'good_practices', column: 'language', holds: 'reference' },
    { table: 'good_practices', column: 'title', holds: 'reference' },
    { table: 'good_practices', column: 'place', holds: 'reference' },
    { table: 'good_practices', column: 'country', holds: 'reference' },
    { table: 'good_practices', column: 'territory_code', holds: 'reference' },
    { table: 'good_practices', column: 'domains', holds: 'reference' },
    { table: 'good_practices', column: 'years', holds: 'reference' },
    { table: 'good_practices', column: 'target_group', holds: 'reference' },
    { table: 'good_practices', column: 'entry', holds: 'reference' },
    { table: 'good_practices', column: 'search_text', holds: 'reference' },
  ],
};
