// HTTP of skills and work. ESCO search and occupations are reference data (any signed-in user);
// a skills profile is personal data: every read takes a purpose (audited).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CandidateMatch, NewOffer, Offer, OfferMatch, offerKinds, NewRecognition, Recognition, RecognitionBody, UpdateRecognition, EscoHit, EscoId, EscoOccupation, EscoSearchQuery, Problem, Purpose, SkillProfile, UpdateSkillProfile, Uuid, escoLanguages } from '@localpact/contracts';
import * as service from './service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['skills'];
const lang = Type.Optional(Type.Enum(escoLanguages, { description: 'Language of the labels shown (English where ESCO has none in it)' }));

export const skillsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/esco/search', {
    schema: { tags, summary: 'ESCO occupations and skills as you type: any word start of a preferred or alternative label in English, French, Spanish or Dutch, or an ISCO-08 / ESCO code', querystring: EscoSearchQuery, response: { 200: Type.Object({ items: Type.Array(EscoHit) }), ...errors } },
  }, async (req) => ({ items: await service.search(app.db, req.actor(), req.query as Parameters<typeof service.search>[2]) }));

  app.get('/esco/occupations/:id', {
    schema: { tags, summary: 'An ESCO occupation with its ISCO-08 group and its essential skills (to propose for a profile)', params: Type.Object({ id: EscoId }), querystring: Type.Object({ lang }, { additionalProperties: false }), response: { 200: EscoOccupation, ...errors } },
  }, async (req) => service.occupation(app.db, req.actor(), req.params.id, req.query.lang));

  app.get('/people/:id/skills-profile', {
    schema: { tags, summary: 'A person\'s skills profile (personal data: the read is audited with its purpose); version 0 when there is none yet', params: Type.Object({ id: Uuid }), querystring: Type.Object({ purpose: Purpose, lang }, { additionalProperties: false }), response: { 200: SkillProfile, ...errors } },
  }, async (req) => service.getProfile(app.db, req.actor(), req.params.id, req.query.purpose, req.query.lang));

  app.put('/people/:id/skills-profile', {
    schema: { tags, summary: 'Write a person\'s whole skills profile; send the version you read (0 to create); a stale version answers 409', params: Type.Object({ id: Uuid }), querystring: Type.Object({ lang }, { additionalProperties: false }), body: UpdateSkillProfile, response: { 200: SkillProfile, ...errors } },
  }, async (req) => service.updateProfile(app.db, req.actor(), req.params.id, req.body, req.query.lang));

  // ---- recognition of qualifications ----------------------------------------------------------
  app.get('/recognition/bodies', {
    schema: { tags, summary: 'Recognition bodies per EU country: the ENIC-NARIC centre (academic) and the route for regulated professions', querystring: Type.Object({ country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(RecognitionBody) }), ...errors } },
  }, async (req) => ({ items: await service.listBodies(app.db, req.actor(), req.query.country) }));
  app.get('/people/:id/recognitions', {
    schema: { tags, summary: 'A person\'s recognition cases with their steps (the read is audited with its purpose)', params: Type.Object({ id: Uuid }), querystring: Type.Object({ purpose: Purpose, lang }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Recognition) }), ...errors } },
  }, async (req) => ({ items: await service.listRecognitions(app.db, req.actor(), req.params.id, req.query.purpose, req.query.lang) }));
  app.post('/people/:id/recognitions', {
    schema: { tags, summary: 'Start the recognition of a qualification before a body, with the documents needed', params: Type.Object({ id: Uuid }), querystring: Type.Object({ lang }, { additionalProperties: false }), body: NewRecognition, response: { 201: Recognition, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.startRecognition(app.db, req.actor(), req.params.id, req.body, req.query.lang)));
  app.patch('/recognitions/:id', {
    schema: { tags, summary: 'Record the next steps of a recognition: documents submitted, application submitted, decision (full, partial with compensation measures, refused); send the version you read', params: Type.Object({ id: Uuid }), querystring: Type.Object({ lang }, { additionalProperties: false }), body: UpdateRecognition, response: { 200: Recognition, ...errors } },
  }, async (req) => service.updateRecognition(app.db, req.actor(), req.params.id, req.body, req.query.lang));
  app.get('/recognitions/overdue', {
    schema: { tags, summary: 'The organisation\'s recognition cases with a step past its due date (documents or decision)', querystring: Type.Object({ purpose: Purpose, lang, limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Recognition) }), ...errors } },
  }, async (req) => ({ items: await service.overdueRecognitions(app.db, req.actor(), req.query.purpose, req.query.limit, req.query.lang) }));

  // ---- offers and matching --------------------------------------------------------------------
  app.post('/offers', {
    schema: { tags, summary: 'Publish a job, training or language offer of one\'s own organisation (employers, public employment services, partners, municipalities)', querystring: Type.Object({ lang }, { additionalProperties: false }), body: NewOffer, response: { 201: Offer, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.createOffer(app.db, req.actor(), req.body, req.query.lang)));
  app.get('/offers', {
    schema: { tags, summary: 'Open offers (past their closing date they close by themselves), or with mine=true one\'s own organisation\'s, open or closed', querystring: Type.Object({ kind: Type.Optional(Type.Enum(offerKinds)), mine: Type.Optional(Type.Boolean()), lang, limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Offer) }), ...errors } },
  }, async (req) => ({ items: await service.listOffers(app.db, req.actor(), req.query as { kind?: string; mine?: boolean; limit: number }, req.query.lang) }));
  app.post('/offers/:id/close', {
    schema: { tags, summary: 'Close one\'s own offer before its closing date', params: Type.Object({ id: Uuid }), querystring: Type.Object({ lang }, { additionalProperties: false }), response: { 200: Offer, ...errors } },
  }, async (req) => service.closeOffer(app.db, req.actor(), req.params.id, req.query.lang));
  app.get('/people/:id/matches', {
    schema: { tags, summary: 'Job offers for a person, best first, each with its reasons (skills matched and missing, with training nearby that teaches them; language; distance). Only with the person\'s consent for job matching (else 422)', params: Type.Object({ id: Uuid }), querystring: Type.Object({ purpose: Purpose, lang, limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(OfferMatch) }), ...errors } },
  }, async (req) => ({ items: await service.matchesForPerson(app.db, req.actor(), req.params.id, req.query.purpose, req.query.limit, req.query.lang) }));
  app.get('/offers/:id/candidates', {
    schema: { tags, summary: 'For an offer: people of one\'s own organisation who consented to job matching, best first, pseudonymised (ids and reasons only; each read audited)', params: Type.Object({ id: Uuid }), querystring: Type.Object({ purpose: Purpose, lang, limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(CandidateMatch) }), ...errors } },
  }, async (req) => ({ items: await service.candidatesForOffer(app.db, req.actor(), req.params.id, req.query.purpose, req.query.limit, req.query.lang) }));
};
