import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Territory, TerritoryDetail, TerritoryHit, TerritoryCode, Problem } from '@localpact/contracts';
import * as service from './service.ts';

export const territoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/territories/:code', {
    schema: { tags: ['territories'], summary: 'A territory with its ancestors', params: Type.Object({ code: TerritoryCode }), response: { 200: TerritoryDetail, 404: Problem } },
  }, async (req) => service.getTerritory(app.db, req.actor(), req.params.code));

  app.get('/territories/:code/children', {
    schema: {
      tags: ['territories'], summary: 'Sub-territories, sorted by name (people\'s collation) or population',
      params: Type.Object({ code: TerritoryCode }),
      querystring: Type.Object({
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
        sort: Type.Union([Type.Literal('name'), Type.Literal('population')], { default: 'name' }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Territory), total: Type.Integer() }), 404: Problem },
    },
  }, async (req) => service.listChildren(app.db, req.actor(), req.params.code, req.query));

  app.get('/territories', {
    schema: {
      tags: ['territories'], summary: 'Accent-insensitive name search in every script',
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 100 }),
        within: Type.Optional(TerritoryCode),
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(TerritoryHit) }), 404: Problem },
    },
  }, async (req) => service.searchTerritories(app.db, req.actor(), req.query.q, { within: req.query.within, limit: req.query.limit }));
};
