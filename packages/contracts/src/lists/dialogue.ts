// Dialogue between levels (issue 16): consultations one level opens to organisations of the levels
// below, issues raised from below, and the good-practice library.
import type { CapabilityLists } from './platform.ts';

export const questionKinds = ['single_choice', 'multiple_choice', 'scale', 'number', 'ranking', 'free_text'] as const;
export type QuestionKind = (typeof questionKinds)[number];
/** Who may see one organisation's answer (and so which aggregates count it). */
export const answerVisibilities = ['public', 'participants', 'consulting_body'] as const;
export type AnswerVisibility = (typeof answerVisibilities)[number];
export const consultationStatuses = ['open', 'closed', 'published'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];
export const responseStatuses = ['not_started', 'draft', 'submitted'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];
export const issueStatuses = ['open', 'answered'] as const;
export type IssueStatus = (typeof issueStatuses)[number];
/** The domains of the good-practice library (issue 16); an entry may carry several. */
export const practiceDomains = [
  'reception',
  'unaccompanied_minors',
  'housing',
  'language',
  'work',
  'recognition',
  'health',
  'participation',
  'return_reintegration',
  'education',
  'social_cohesion',
] as const;
export type PracticeDomain = (typeof practiceDomains)[number];

export const dialogueLists = {
  rights: {
    'consultations.open': {
      roles: ['eu_observer', 'national_coordinator', 'regional_coordinator'],
      means: 'open a consultation to organisations of the levels below, read its answers as they allow, publish its synthesis and feedback',
    },
    'consultations.answer': {
      roles: ['national_coordinator', 'regional_coordinator', 'municipal_officer', 'case_worker'],
      means: "draft the official answer of one's own organisation to a consultation it is invited to",
    },
    'consultations.sign': {
      roles: ['national_coordinator', 'regional_coordinator', 'municipal_officer'],
      means: "sign and submit one's own organisation's answer to a consultation",
    },
    'issues.raise': {
      roles: ['regional_coordinator', 'municipal_officer'],
      means: 'raise an issue to a level above, or support one another organisation raised',
    },
    'issues.answer': {
      roles: ['eu_observer', 'national_coordinator', 'regional_coordinator'],
      means: "answer on record an issue raised to one's own organisation",
    },
  },
  auditActions: [
    'consultation.open',
    'consultation.close',
    'consultation.publish',
    'consultation.remind',
    'consultation.export',
    'consultation_response.save',
    'consultation_response.submit',
    'issue.raise',
    'issue.support',
    'issue.answer',
  ],
  recordTypes: ['consultation', 'consultation_response', 'issue'],
} as const satisfies CapabilityLists;

/** The kinds of organisation a consultation may invite. */
export const organisationKindsConsulted = ['municipality', 'regional_authority', 'national_authority'] as const;
