import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditEntry, AuditQuery, Problem } from '@localpact/contracts';
import * as service from './service.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit', {
    schema: { tags: ['audit'], summary: 'Search the audit log (data-protection officer)', querystring: AuditQuery, response: { 200: Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer() }), 400: Problem, 403: Problem } },
  }, async (req) => service.searchAudit(app.db, req.actor(), req.query));

  app.get('/audit.csv', {
    schema: { tags: ['audit'], summary: 'Export the audit log as CSV (same filters)', querystring: AuditQuery, produces: ['text/csv'], response: { 200: Type.String({ description: 'CSV, RFC 4180' }), 400: Problem, 403: Problem } },
  }, async (req, reply) => {
    const csv = await service.exportAudit(app.db, req.actor(), req.query);
    const stamp = new Date().toISOString().slice(0, 10);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="localpact-audit-${stamp}.csv"`).send(csv);
  });
};
