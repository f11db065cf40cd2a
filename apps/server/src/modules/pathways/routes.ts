// HTTP for integration pathways. Every read of personal data takes a `purpose` (audited).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  Aggregate, ApplyTemplate, BreakGlassEvent, Consent, CorrectPerson, DuplicateQuery, Duplicates, Erase, LegalStatus, NewConsent,
  NewLegalStatus, NewReferral, NewStep, NewTemplate, PersonDetail, PersonSummary, Plan, Problem, Purpose, ReadQuery, Referral,
  ReferralView, RegisterPerson, StatusType, Step, Template, Transfer, UpdatePlan, UpdateStatusType, UpdateStep, UpdateTemplate,
  Uuid, Worklist, PathwaysToday, statusTypeCodes, worklistKinds, DuplicateReview, DuplicateReviewQuery, ResolveDuplicateReview, IsoDate,
} from '@localpact/contracts';
import * as service from './service.ts';
import * as duplicates from './service-duplicates.ts';
import { todayFor } from './service-today.ts';

const id = Type.Object({ id: Uuid });
const purposeOnly = Type.Object({ purpose: Purpose }, { additionalProperties: false });
const paging = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['pathways'];

/** Status types, people and households. */
const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---- status types --------------------------------------------------------------------------
  app.get('/status-types', { schema: { tags, summary: 'Legal status types and their common end dates (reference data)', response: { 200: Type.Object({ items: Type.Array(StatusType) }), ...errors } } },
    async (req) => ({ items: await service.listStatusTypes(app.db, req.actor()) }));
  app.patch('/status-types/:code', {
    schema: { tags, summary: 'Change a status type\'s end date (e.g. when the EU extends temporary protection); send the version you saw', params: Type.Object({ code: Type.Enum(statusTypeCodes) }), body: UpdateStatusType, response: { 200: StatusType, ...errors } },
  }, async (req) => service.updateStatusType(app.db, req.actor(), req.params.code, req.body));

  // ---- people ---------------------------------------------------------------------------------
  app.post('/people/duplicates', {
    schema: { tags, summary: 'Likely duplicates of a name (any script or spelling) and date of birth, before registering', body: DuplicateQuery, response: { 200: Duplicates, ...errors } },
  }, async (req) => duplicates.checkDuplicates(app.db, req.actor(), req.body));

  app.post('/people', {
    schema: { tags, summary: 'Register a person (409 possible_duplicate with the matches unless confirmNotDuplicate)', body: RegisterPerson, response: { 201: PersonDetail, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.registerPerson(app.db, req.actor(), req.body)));

  app.get('/people', {
    schema: {
      tags, summary: 'People of one\'s organisation; search by name in any script',
      querystring: Type.Object({ purpose: Purpose, q: Type.Optional(Type.String({ maxLength: 100 })), householdId: Type.Optional(Uuid), ...paging }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(PersonSummary), total: Type.Integer() }), ...errors },
    },
  }, async (req) => service.listPeople(app.db, req.actor(), req.query));

  app.get('/people/:id', {
    schema: { tags, summary: 'One person with status history, plan, steps, consents and referrals (breakGlass: reason to reach another organisation\'s record)', params: id, querystring: ReadQuery, response: { 200: PersonDetail, ...errors } },
  }, async (req) => service.getPerson(app.db, req.actor(), req.params.id, req.query));

  app.patch('/people/:id', {
    schema: { tags, summary: 'Correct a person\'s data (GDPR Art. 16); the history is kept', params: id, querystring: Type.Object({ subjectRequest: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), body: CorrectPerson, response: { 200: PersonDetail, ...errors } },
  }, async (req) => service.correctPerson(app.db, req.actor(), req.params.id, req.body, req.query.subjectRequest ?? false));

  app.post('/people/:id/statuses', {
    schema: { tags, summary: 'Record a new legal status; the previous one becomes history', params: id, body: NewLegalStatus, response: { 201: Type.Object({ items: Type.Array(LegalStatus) }), ...errors } },
  }, async (req, reply) => reply.code(201).send({ items: await service.addStatus(app.db, req.actor(), req.params.id, req.body) }));

  app.post('/people/:id/close', {
    schema: { tags, summary: 'Close (or reopen) a case; closed cases are anonymised after the retention period', params: id, body: Type.Object({ closed: Type.Boolean() }, { additionalProperties: false }), response: { 200: PersonDetail, ...errors } },
  }, async (req) => service.closeCase(app.db, req.actor(), req.params.id, req.body.closed));

  app.get('/people/:id/export', {
    schema: { tags, summary: 'Everything localpact holds on the person (GDPR Art. 15 and 20), as JSON', params: id, querystring: Type.Object({ purpose: Purpose, subjectRequest: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: Type.Object({ generatedAt: Type.String(), controller: Type.Object({ id: Uuid, name: Type.String() }), language: Type.String(), person: PersonDetail, accesses: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), organisationId: Type.Union([Type.String(), Type.Null()]), purpose: Type.Union([Type.String(), Type.Null()]), outcome: Type.String() })) }, { additionalProperties: true, description: 'Each other module that holds something about the person adds its part under its name (e.g. skills)' }), ...errors } },
  }, async (req) => service.exportPerson(app.db, req.actor(), req.params.id, req.query.purpose, req.query.subjectRequest ?? false));

  app.post('/people/:id/erase', {
    schema: { tags, summary: 'Erase a person (GDPR Art. 17): anonymise, keeping statistics', params: id, body: Erase, response: { 200: Type.Object({ erased: Type.Integer() }), ...errors } },
  }, async (req) => service.erasePerson(app.db, req.actor(), req.params.id, req.body.reason));

  // ---- households -----------------------------------------------------------------------------
  app.post('/households/:id/plan', {
    schema: { tags, summary: 'Build every member\'s plan from a template (adults and children get their steps)', params: id, body: ApplyTemplate, response: { 200: Type.Object({ people: Type.Integer(), steps: Type.Integer() }), ...errors } },
  }, async (req) => service.applyTemplateToHousehold(app.db, req.actor(), req.params.id, req.body.templateId));
  app.post('/households/:id/transfer', {
    schema: { tags, summary: 'Hand a household over to another municipality, with the adults\' consent', params: id, body: Transfer, response: { 200: Type.Object({ householdId: Uuid, organisationId: Uuid, people: Type.Integer() }), ...errors } },
  }, async (req) => service.transferHousehold(app.db, req.actor(), req.params.id, req.body));
  app.post('/households/:id/erase', {
    schema: { tags, summary: 'Erase every member of a household (GDPR Art. 17)', params: id, body: Erase, response: { 200: Type.Object({ erased: Type.Integer() }), ...errors } },
  }, async (req) => service.eraseHousehold(app.db, req.actor(), req.params.id, req.body.reason));
};

/** Plans, steps, templates, the worklist, consents, referrals and the data-protection officer's searches. */
const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---- plans and steps --------------------------------------------------------------------------
  app.post('/people/:id/plan/template', {
    schema: { tags, summary: 'Add a template\'s steps to a person\'s plan', params: id, body: ApplyTemplate, response: { 200: PersonDetail, ...errors } },
  }, async (req) => service.applyTemplateToPerson(app.db, req.actor(), req.params.id, req.body.templateId));
  app.put('/people/:id/plan', {
    schema: { tags, summary: 'The person\'s own goals, in their words (send the plan version you saw)', params: id, body: UpdatePlan, response: { 200: Plan, ...errors } },
  }, async (req) => service.updatePlan(app.db, req.actor(), req.params.id, req.body));
  app.post('/people/:id/steps', {
    schema: { tags, summary: 'Add a step to a person\'s integration plan (domain, title, due date)', params: id, body: NewStep, response: { 201: Step, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.addStep(app.db, req.actor(), req.params.id, req.body)));
  app.patch('/steps/:id', {
    schema: { tags, summary: 'Change a step (status, dates, responsible organisation, notes); 409 on a stale version', params: id, body: UpdateStep, response: { 200: Step, ...errors } },
  }, async (req) => service.updateStep(app.db, req.actor(), req.params.id, req.body));

  // ---- templates --------------------------------------------------------------------------------
  app.get('/pathway-templates', { schema: { tags, summary: 'Plan templates your organisation may apply (its own and the shared ones)', response: { 200: Type.Object({ items: Type.Array(Template) }), ...errors } } },
    async (req) => ({ items: await service.listTemplates(app.db, req.actor()) }));
  app.post('/pathway-templates', { schema: { tags, summary: 'Create a plan template: audience and steps with their domains and due days', body: NewTemplate, response: { 201: Template, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.createTemplate(app.db, req.actor(), req.body)));
  app.patch('/pathway-templates/:id', { schema: { tags, summary: 'Change a plan template (versioned: a stale version answers 409)', params: id, body: UpdateTemplate, response: { 200: Template, ...errors } } },
    async (req) => service.updateTemplate(app.db, req.actor(), req.params.id, req.body));

  // ---- worklist, aggregates -------------------------------------------------------------------
  app.get('/worklist', {
    schema: { tags, summary: 'What needs action: statuses ending within 90 days without follow-up, school-age children without a school place, overdue steps, people waiting for a language course', querystring: Type.Object({ purpose: Purpose, kind: Type.Optional(Type.Enum(worklistKinds)), asOf: Type.Optional({ ...IsoDate, description: 'the worklist as it will stand on this day (planning ahead for a date such as the end of temporary protection); default today' }), ...paging }, { additionalProperties: false }), response: { 200: Worklist, ...errors } },
  }, async (req) => service.worklist(app.db, req.actor(), req.query));
  app.get('/pathways/today', {
    schema: { tags, summary: 'The home page of a case worker: new arrivals whose identity is still to be entered, and referrals partners answered in the last 14 days (names are audited reads)', querystring: purposeOnly, response: { 200: PathwaysToday, ...errors } },
  }, async (req) => todayFor(app.db, req.actor(), req.query.purpose));
  app.get('/pathways/aggregate', {
    schema: { tags, summary: 'Counts only: people, households, by status, by nationality, alerts — for the territory in reach; below NUTS 3, counts under SMALL_CELL_THRESHOLD are withheld (null) for readers without access to the people', querystring: Type.Object({ territory: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })) }, { additionalProperties: false }), response: { 200: Aggregate, ...errors } },
  }, async (req) => service.aggregate(app.db, req.actor(), req.query.territory, app.config.smallCellThreshold));

  // ---- consents and referrals -----------------------------------------------------------------
  app.post('/people/:id/consents', {
    schema: { tags, summary: 'Record a consent for one purpose (and partner)', params: id, body: NewConsent, response: { 201: Type.Object({ items: Type.Array(Consent) }), ...errors } },
  }, async (req, reply) => reply.code(201).send({ items: await service.addConsent(app.db, req.actor(), req.params.id, req.body) }));
  app.post('/consents/:id/withdraw', {
    schema: { tags, summary: 'Withdraw a consent; referrals that rest on it are closed', params: id, response: { 200: Type.Object({ items: Type.Array(Consent) }), ...errors } },
  }, async (req) => ({ items: await service.withdrawConsent(app.db, req.actor(), req.params.id) }));
  app.post('/people/:id/referrals', {
    schema: { tags, summary: 'Refer a person to a partner organisation; refused (422 consent_required) without the matching consent', params: id, body: NewReferral, response: { 201: Referral, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.createReferral(app.db, req.actor(), req.params.id, req.body)));
  app.get('/referrals', {
    schema: { tags, summary: 'A partner\'s incoming referrals: only what each one shares', querystring: purposeOnly, response: { 200: Type.Object({ items: Type.Array(ReferralView) }), ...errors } },
  }, async (req) => service.listReferrals(app.db, req.actor(), req.query.purpose));
  app.get('/referrals/:id', {
    schema: { tags, summary: 'One referral: to the partner, only what it shares; to the referring organisation, in full', params: id, querystring: purposeOnly, response: { 200: ReferralView, ...errors } },
  }, async (req) => service.getReferral(app.db, req.actor(), req.params.id, req.query.purpose));
  app.patch('/referrals/:id', {
    schema: { tags, summary: 'Accept or close a referral', params: id, body: Type.Object({ version: Type.Integer({ minimum: 1 }), status: Type.Enum(['accepted', 'closed'] as const) }, { additionalProperties: false }), response: { 200: ReferralView, ...errors } },
  }, async (req) => service.updateReferral(app.db, req.actor(), req.params.id, req.body));

  // ---- data-protection officer ------------------------------------------------------------------
  app.get('/subject-requests/people', {
    schema: { tags, summary: 'Find a person for a data-subject request (DPO: across its territory); purpose = the request reference', querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }), purpose: Purpose }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(PersonSummary), total: Type.Integer() }), ...errors } },
  }, async (req) => service.findForSubjectRequest(app.db, req.actor(), req.query));
  app.get('/break-glass', {
    schema: { tags, summary: 'Every break-the-glass access, with the stated reason (DPO)', querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(BreakGlassEvent) }), ...errors } },
  }, async (req) => service.breakGlassEvents(app.db, req.actor(), req.query.limit));

  // ---- duplicate reviews (national authority) ---------------------------------------------------
  app.get('/duplicate-reviews', {
    schema: { tags, summary: 'Possible duplicates between records of different organisations in the reviewer\'s territory (each listing is an audited read of both people)', querystring: DuplicateReviewQuery, response: { 200: Type.Object({ items: Type.Array(DuplicateReview), total: Type.Integer() }), ...errors } },
  }, async (req) => duplicates.listDuplicateReviews(app.db, req.actor(), req.query));
  app.get('/duplicate-reviews/count', {
    schema: { tags, summary: 'How many duplicate reviews wait for a decision in the reviewer\'s territory (a figure: no one is read)', response: { 200: Type.Object({ open: Type.Integer() }), ...errors } },
  }, async (req) => duplicates.openDuplicateReviewCount(app.db, req.actor()));
  app.post('/duplicate-reviews/:id/resolve', {
    schema: { tags, summary: 'Decide a duplicate review: the same person, or different people', params: id, body: ResolveDuplicateReview, response: { 200: DuplicateReview, ...errors } },
  }, async (req) => duplicates.resolveDuplicateReview(app.db, req.actor(), req.params.id, req.body));
};

export const pathwayRoutes: FastifyPluginAsyncTypebox = async (app, opts) => {
  await peopleRoutes(app, opts);
  await planRoutes(app, opts);
};
