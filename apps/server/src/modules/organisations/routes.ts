import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Organisation, CreateOrganisation, OrganisationKind, TerritoryCode, Problem, Uuid } from '@localpact/contracts';
import * as service from './service.ts';

export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/organisations', {
    schema: {
      tags: ['organisations'], summary: 'The organisation directory',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 100 })),
        kind: Type.Optional(OrganisationKind),
        territory: Type.Optional(TerritoryCode),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Organisation), total: Type.Integer() }) },
    },
  }, async (req) => service.listOrganisations(app.db, req.actor(), req.query));

  app.get('/organisations/:id', {
    schema: { tags: ['organisations'], summary: 'One organisation: name, kind, territory', params: Type.Object({ id: Uuid }), response: { 200: Organisation, 404: Problem } },
  }, async (req) => service.getOrganisation(app.db, req.actor(), req.params.id));

  app.post('/organisations', {
    schema: { tags: ['organisations'], summary: 'Create an organisation serving a territory (platform administrators)', body: CreateOrganisation, response: { 201: Organisation, 400: Problem, 404: Problem, 409: Problem } },
  }, async (req, reply) => reply.code(201).send(await service.createOrganisation(app.db, req.actor(), req.body)));
};
