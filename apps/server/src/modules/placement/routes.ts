import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CreatePendingHousehold, PendingHousehold, CreateRun, Run, RunSummary, Explanation, Override, Approve, Problem, Uuid } from '@localpact/contracts';
import * as service from './service.ts';

export const placementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['placement'];
  app.get('/placement/households', {
    schema: { tags, summary: 'Pending (and placed) households in reach — pseudonymous', querystring: Type.Object({ status: Type.Optional(Type.Enum(['pending', 'placed', 'withdrawn'])), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }), offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(PendingHousehold) }), 403: Problem } },
  }, async (req) => service.listHouseholds(app.db, req.actor(), req.query));

  app.post('/placement/households', {
    schema: { tags, summary: 'Register a household awaiting placement', body: CreatePendingHousehold, response: { 201: PendingHousehold, 400: Problem, 403: Problem, 409: Problem } },
  }, async (req, reply) => reply.code(201).send(await service.createHousehold(app.db, req.actor(), req.body)));

  app.get('/placement/runs', {
    schema: { tags, summary: 'Placement runs in your reach, newest first, with their status (proposed, approved, discarded)', querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(RunSummary) }), 403: Problem } },
  }, async (req) => service.listRuns(app.db, req.actor(), req.query.limit, req.query.offset));

  app.post('/placement/runs', {
    schema: { tags, summary: 'Build and solve a placement proposal', body: CreateRun, response: { 201: Run, 400: Problem, 403: Problem } },
  }, async (req, reply) => reply.code(201).send(await service.createRun(app.db, req.actor(), req.body)));

  app.get('/placement/runs/:id', {
    schema: { tags, summary: 'One placement run: its assignments with scores, the bound, the overrides', params: Type.Object({ id: Uuid }), response: { 200: Run, 404: Problem } },
  }, async (req) => service.getRun(app.db, req.actor(), req.params.id));

  app.get('/placement/runs/:id/explanations/:householdId', {
    schema: { tags, summary: 'Why this household goes where it goes: score components, alternatives, what blocked them', params: Type.Object({ id: Uuid, householdId: Uuid }), response: { 200: Explanation, 404: Problem } },
  }, async (req) => service.explain(app.db, req.actor(), req.params.id, req.params.householdId));

  app.post('/placement/runs/:id/overrides', {
    schema: { tags, summary: 'Override one line of the proposal; a reason is mandatory', params: Type.Object({ id: Uuid }), body: Override, response: { 200: Run, 400: Problem, 404: Problem, 409: Problem } },
  }, async (req) => service.overrideAssignment(app.db, req.actor(), req.params.id, req.body));

  app.post('/placement/runs/:id/approve', {
    schema: { tags, summary: 'Approve: households are placed and the municipalities receive arrival notices', params: Type.Object({ id: Uuid }), body: Approve, response: { 200: Run, 400: Problem, 404: Problem, 409: Problem } },
  }, async (req) => service.approveRun(app.db, req.actor(), req.params.id, req.body));

  app.post('/placement/runs/:id/discard', {
    schema: { tags, summary: 'Discard a proposed run: nothing is sent, its holds on capacity are released', params: Type.Object({ id: Uuid }), body: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), response: { 200: Run, 404: Problem, 409: Problem } },
  }, async (req) => service.discardRun(app.db, req.actor(), req.params.id, req.body.version));

  app.post('/placement/runs/:id/resolve', {
    schema: { tags, summary: 'Re-open: solve again with live capacity on the households still pending', params: Type.Object({ id: Uuid }), response: { 201: Run, 400: Problem, 404: Problem } },
  }, async (req, reply) => reply.code(201).send(await service.resolveAgain(app.db, req.actor(), req.params.id)));
};
