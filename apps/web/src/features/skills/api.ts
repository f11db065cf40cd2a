// The skills API as the web client uses it: ESCO search as you type, an occupation's essential
// skills, a person's skills profile (every read states a purpose: the server audits it).
import { api } from '../../api/client';
import type { EscoHit, EscoOccupation, SkillProfile, UpdateSkillProfile } from '@localpact/contracts';

export type { EscoHit, EscoOccupation, SkillProfile, UpdateSkillProfile };
export { cefrLevels as CEFR, drivingLicences as LICENCES, educationDocuments as DOCUMENTS, iscedFields as ISCED_FIELDS, iscedLevels as ISCED_LEVELS, skillEvidence as EVIDENCE } from '@localpact/contracts';

const enc = encodeURIComponent;
/** ESCO labels exist in these languages; the UI's other languages show English labels. */
export const escoLang = (uiLanguage: string) => (uiLanguage === 'fr' ? 'fr' : 'en');

export const searchEsco = (q: string, kind: 'occupation' | 'skill', lang: string, signal?: AbortSignal) =>
  api<{ items: EscoHit[] }>('/esco/search', { query: { q, kind, lang, limit: 10 }, signal });
export const getOccupation = (id: string, lang: string) => api<EscoOccupation>(`/esco/occupations/${enc(id)}`, { query: { lang } });
export const getProfile = (personId: string, lang: string, signal?: AbortSignal) =>
  api<SkillProfile>(`/people/${enc(personId)}/skills-profile`, { query: { purpose: 'case_management', lang }, signal });
export const saveProfile = (personId: string, body: UpdateSkillProfile, lang: string) =>
  api<SkillProfile>(`/people/${enc(personId)}/skills-profile`, { method: 'PUT', body, query: { lang } });

export type { Offer, OfferMatch, Recognition, RecognitionBody, NewOffer, NewRecognition, UpdateRecognition } from '@localpact/contracts';
export { offerKinds as OFFER_KINDS, recognitionDocumentKinds as RECOGNITION_DOCUMENTS, compensationMeasures as COMPENSATION, recognitionDecisions as DECISIONS } from '@localpact/contracts';
import type { NewOffer, NewRecognition, Offer, OfferMatch, Recognition, RecognitionBody, UpdateRecognition } from '@localpact/contracts';

export const getMatches = (personId: string, lang: string) => api<{ items: OfferMatch[] }>(`/people/${enc(personId)}/matches`, { query: { purpose: 'job_matching', lang } });
export const listOffers = (q: { kind?: string; mine?: boolean }, lang: string, signal?: AbortSignal) => api<{ items: Offer[] }>('/offers', { query: { ...q, lang }, signal });
export const publishOffer = (body: NewOffer, lang: string) => api<Offer>('/offers', { method: 'POST', body, query: { lang } });
export const closeOffer = (id: string, lang: string) => api<Offer>(`/offers/${enc(id)}/close`, { method: 'POST', body: {}, query: { lang } });
export const listBodies = (signal?: AbortSignal) => api<{ items: RecognitionBody[] }>('/recognition/bodies', { signal });
export const listRecognitions = (personId: string, lang: string, signal?: AbortSignal) => api<{ items: Recognition[] }>(`/people/${enc(personId)}/recognitions`, { query: { purpose: 'case_management', lang }, signal });
export const startRecognition = (personId: string, body: NewRecognition, lang: string) => api<Recognition>(`/people/${enc(personId)}/recognitions`, { method: 'POST', body, query: { lang } });
export const updateRecognition = (id: string, body: UpdateRecognition, lang: string) => api<Recognition>(`/recognitions/${enc(id)}`, { method: 'PATCH', body, query: { lang } });
