// HTTP of the transition module. Every read of personal data takes a `purpose` (audited).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  BulkAction, BulkPreview, BulkStepRequest, Cohort, CohortQuery, Country, NewTransitionRoute, Problem, Progress, ProgressQuery, ProjectionQuery,
  Projections, TransitionRoute, UpdateTransitionRoute, Uuid,
} from '@localpact/contracts';
import * as service from './service.ts';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['transition'];

export const transitionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/transition/routes', {
    schema: { tags, summary: 'Per country, the national statuses a person under temporary protection can move to: conditions, authority, deadline, legal basis and source (reference data)', querystring: Type.Object({ country: Type.Optional(Country) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(TransitionRoute) }), ...errors } },
  }, async (req) => ({ items: await service.listRoutes(app.db, req.actor(), req.query.country) }));
  app.post('/transition/routes', {
    schema: { tags, summary: 'Add a transition route (administrator)', body: NewTransitionRoute, response: { 201: TransitionRoute, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.createRoute(app.db, req.actor(), req.body)));
  app.patch('/transition/routes/:id', {
    schema: { tags, summary: 'Change a transition route (administrator); send the version you saw', params: Type.Object({ id: Uuid }), body: UpdateTransitionRoute, response: { 200: TransitionRoute, ...errors } },
  }, async (req) => service.updateRoute(app.db, req.actor(), req.params.id, req.body));

  app.get('/transition/cohort', {
    schema: { tags, summary: 'Everyone of one\'s organisation whose status ends in a window: grouped by end date, household, likely route, what is missing and state; one page of people', querystring: CohortQuery, response: { 200: Cohort, ...errors } },
  }, async (req) => service.cohort(app.db, req.actor(), req.query));

  app.post('/transition/bulk-steps/preview', {
    schema: { tags, summary: 'Who a bulk step would reach, who is left out and why (nothing is written)', body: BulkStepRequest, response: { 200: BulkPreview, ...errors } },
  }, async (req) => service.previewBulkStep(app.db, req.actor(), req.body));
  app.post('/transition/bulk-steps', {
    schema: { tags, summary: 'Add the same step to the plan of everyone selected in a cohort: one command, one reason, audited per person', body: BulkStepRequest, response: { 201: Type.Object({ ...BulkAction.properties, excludedBecause: Type.Record(Type.String(), Type.Integer()) }), ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.applyBulkStep(app.db, req.actor(), req.body)));
  app.get('/transition/bulk-steps', {
    schema: { tags, summary: 'The organisation\'s bulk actions, latest first', response: { 200: Type.Object({ items: Type.Array(BulkAction) }), ...errors } },
  }, async (req) => ({ items: await service.listActions(app.db, req.actor()) }));
  app.post('/transition/bulk-steps/:id/people/:personId/undo', {
    schema: { tags, summary: 'Undo a bulk action for one person: the step it added is removed (409 when someone has worked on it since)', params: Type.Object({ id: Uuid, personId: Uuid }), response: { 200: BulkAction, ...errors } },
  }, async (req) => service.undoForPerson(app.db, req.actor(), req.params.id, req.params.personId));

  app.get('/transition/projections', {
    schema: { tags, summary: 'Statuses ending per month for a municipality, region or state (counts only; small cells withheld below NUTS 3 for readers without access to the people)', querystring: ProjectionQuery, response: { 200: Projections, ...errors } },
  }, async (req) => service.projections(app.db, req.actor(), req.query, app.config.smallCellThreshold));
  app.get('/transition/progress', {
    schema: { tags, summary: 'Where the cohort stands (granted, applied, pending, left, no route yet) for a territory, and which municipalities are behind (counts only)', querystring: ProgressQuery, response: { 200: Progress, ...errors } },
  }, async (req) => service.progress(app.db, req.actor(), req.query, app.config.smallCellThreshold));
};
