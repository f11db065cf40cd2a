// Skills and work: the vocabularies of the skills profile (ISCED 2011 levels, ISCED-F 2013 broad
// fields, how a skill was shown, documents, driving licence categories) and the lists of the module.
import type { CapabilityLists } from './platform.ts';

/** ISCED 2011 levels 0 (early childhood) to 8 (doctoral). */
export const iscedLevels = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
/** ISCED-F 2013 broad fields of education and training. */
export const iscedFields = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] as const;
export type IscedField = (typeof iscedFields)[number];
/** How a skill in the profile was shown. */
export const skillEvidence = ['declared', 'assessed', 'certified'] as const;
export type SkillEvidence = (typeof skillEvidence)[number];
/** Whether the person still holds the documents of a qualification (many had to leave them). */
export const educationDocuments = ['held', 'partly_held', 'lost'] as const;
export type EducationDocuments = (typeof educationDocuments)[number];
/** Driving licence categories of Directive 2006/126/EC. */
export const drivingLicences = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE'] as const;
export type DrivingLicence = (typeof drivingLicences)[number];
/** Languages in which the ESCO labels are vendored (data/esco-labels.tsv.gz). */
export const escoLanguages = ['en', 'fr', 'es', 'nl'] as const;
export type EscoLanguage = (typeof escoLanguages)[number];
export const escoKinds = ['occupation', 'skill'] as const;
export type EscoKind = (typeof escoKinds)[number];

/** Recognition of qualifications: which route, where a case stands, what was decided. */
export const recognitionKinds = ['academic', 'professional'] as const;
export const recognitionStatuses = ['preparing', 'submitted', 'decided', 'withdrawn'] as const;
export type RecognitionStatus = (typeof recognitionStatuses)[number];
export const recognitionDecisions = ['full', 'partial', 'refused'] as const;
/** Compensation measures a partial recognition may ask for (Directive 2005/36/EC, art. 14, and national practice). */
export const compensationMeasures = ['aptitude_test', 'adaptation_period', 'additional_training', 'language_test'] as const;
export const recognitionDocumentKinds = ['diploma', 'transcript', 'certified_translation', 'identity_document', 'work_certificates', 'cv', 'other'] as const;

export const offerKinds = ['job', 'training', 'language_course'] as const;
export type OfferKind = (typeof offerKinds)[number];
/** Why an offer fits a person, or does not yet: each reason is shown in words. */
export const matchReasonKinds = ['occupation', 'skills_matched', 'skills_missing', 'language_ok', 'language_below', 'distance'] as const;

export const skillsLists = {
  rights: {
    'offers.publish': { roles: ['partner', 'municipal_officer'], means: "publish and close job, training and language offers of one's own organisation" },
  },
  auditActions: [
    'skill_profile.read',
    'skill_profile.update',
    'recognition.list',
    'recognition.read',
    'recognition.create',
    'recognition.update',
    'recognition.worklist',
    'offer.create',
    'offer.close',
    'match.person',
    'match.offer',
  ],
  recordTypes: ['skill_profile', 'recognition', 'offer'],
} as const satisfies CapabilityLists;
