import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AcceptNotice, AmendNotice, ArrivalNotice, CapacityDeclaration, CapacityHistoryPoint, CapacityImport, CapacityImportConfirm, CapacityImportResult,
  CapacityPreview, CreateNotice, CreateResourceType, DayOrInstant, DepartNotice, MapPoint, NoticeState, OptionalReasonBody, OrganisationCapacity, Problem, ReasonBody,
  ResourceCode, ResourceType, Rollup, TerritoryCode, UpdateCapacity, Uuid,
} from '@localpact/contracts';
import { localeOf } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n.ts';
import * as service from './service.ts';

// A calendar day (end of that day, UTC) or an instant, within the limits of dates.ts.
const At = DayOrInstant;
const Format = Type.Enum(['json', 'csv']);
const OrgParams = Type.Object({ organisationId: Uuid });
const IdParams = Type.Object({ id: Uuid });
const NoticePage = Type.Object({ items: Type.Array(ArrivalNotice), total: Type.Integer() });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** Resource types and capacity. */
const capacityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---------------------------------------------------------------- resource types
  app.get('/reception/resource-types', {
    schema: { tags: ['reception'], summary: 'Resource types (data: an administrator adds them), with unit and labels', response: { 200: Type.Object({ items: Type.Array(ResourceType) }) } },
  }, async () => ({ items: await service.listResourceTypes(app.db) }));

  app.post('/reception/resource-types', {
    schema: { tags: ['reception'], summary: 'Add a resource type (platform administrators)', body: CreateResourceType, response: { 201: ResourceType, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.createResourceType(app.db, req.actor(), req.body)));

  // ---------------------------------------------------------------- capacity
  app.get('/reception/capacity/template.csv', {
    schema: {
      tags: ['reception'], summary: 'CSV template for capacity uploads: one row per resource type with the organisation\'s current figures (your organisation unless another is named)',
      produces: ['text/csv'], querystring: Type.Object({ organisation: Type.Optional(Uuid) }, { additionalProperties: false }),
      response: { 200: Type.String({ description: 'CSV (RFC 4180), one row per resource type with its current figures' }), 400: Problem, 401: Problem, 404: Problem },
    },
  }, async (req, reply) => {
    const { csv } = await service.csvTemplate(app.db, req.actor(), req.query.organisation);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="capacity-template.csv"').send(csv);
  });

  app.get('/reception/capacity/export', {
    schema: {
      tags: ['reception'], summary: 'Capacity declarations in your reach, as JSON or CSV (audited)',
      querystring: Type.Object({ territory: Type.Optional(TerritoryCode), format: Type.Optional(Format) }, { additionalProperties: false }),
      response: { 200: Type.Unknown({ description: '{ items } as JSON, or text/csv' }), 400: Problem, 401: Problem, 404: Problem },
    },
  }, async (req, reply) => {
    const rows = await service.exportCapacity(app.db, req.actor(), req.query.territory);
    if (req.query.format === 'csv') {
      const header = ['organisationId', 'organisation', 'territoryCode', 'resource', 'total', 'occupied', 'reserved', 'free', 'version', 'updatedAt'];
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="capacity.csv"');
      return reply.send(service.toCsv(header, rows.map((r) => header.map((h) => r[h as keyof typeof r]))));
    }
    return reply.send({ items: rows });
  });

  app.get('/reception/capacity/:organisationId', {
    schema: {
      tags: ['reception'], summary: 'An organisation\'s capacity per resource type, now or as of a past date/instant',
      params: OrgParams, querystring: Type.Object({ at: Type.Optional(At) }, { additionalProperties: false }),
      response: { 200: OrganisationCapacity, ...errors },
    },
  }, async (req) => service.getCapacity(app.db, req.actor(), req.params.organisationId, req.query.at));

  app.put('/reception/capacity/:organisationId/:resource', {
    schema: {
      tags: ['reception'], summary: 'Declare total, occupied and reserved places; send the version you saw (409 with current values if stale)',
      params: Type.Object({ organisationId: Uuid, resource: ResourceCode }), body: UpdateCapacity, response: { 200: CapacityDeclaration, ...errors },
    },
  }, async (req) => service.declareCapacity(app.db, req.actor(), req.params.organisationId, req.params.resource, req.body));

  app.get('/reception/capacity/:organisationId/history', {
    schema: {
      tags: ['reception'], summary: 'Every change of an organisation\'s capacity, newest first (chart data)',
      params: OrgParams,
      querystring: Type.Object({ resource: Type.Optional(ResourceCode), from: Type.Optional(At), to: Type.Optional(At), limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(CapacityHistoryPoint) }), ...errors },
    },
  }, async (req) => service.capacityHistory(app.db, req.actor(), req.params.organisationId, req.query));

  app.post('/reception/capacity/:organisationId/import/preview', {
    schema: {
      tags: ['reception'], summary: 'CSV upload, step 1: every row of the file (resource,total,occupied,reserved) before → after, unchanged rows marked, errors per cell; writes nothing',
      params: OrgParams, body: CapacityImport, response: { 200: CapacityPreview, ...errors },
    },
  }, async (req) => {
    const plan = await service.previewImport(app.db, req.actor(), req.params.organisationId, req.body.csv);
    const locale = localeOf(req);
    const say = (e: { path: string; key: string; params?: Record<string, unknown> }) => ({ path: e.path, message: translate(locale, e.key, e.params ?? {}) });
    return {
      organisation: { id: plan.organisation.id, name: plan.organisation.name },
      rows: plan.rows.map((r) => ({ line: r.line, resource: r.resource, status: r.status, before: r.before, after: r.after, errors: r.errors.map(say) })),
      untouched: plan.untouched, changes: plan.changes, ok: plan.ok, errors: plan.fileErrors.map(say), versions: plan.versions,
    };
  });

  app.post('/reception/capacity/:organisationId/import', {
    schema: {
      tags: ['reception'], summary: 'CSV upload, step 2: applies exactly the previewed change (send the file and the versions the preview gave); 409 with what changed since; all rows or none; resources absent from the file are left alone',
      params: OrgParams, body: CapacityImportConfirm, response: { 200: CapacityImportResult, ...errors },
    },
  }, async (req) => service.confirmImport(app.db, req.actor(), req.params.organisationId, req.body));
};

/** Roll-ups and the map. */
const rollupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---------------------------------------------------------------- roll-ups and map
  app.get('/reception/rollup', {
    schema: {
      tags: ['reception'], summary: 'Free, total and occupancy per resource for a territory in reach, now or at the end of a past day, with its children',
      querystring: Type.Object({ territory: TerritoryCode, at: Type.Optional(At) }, { additionalProperties: false }),
      response: { 200: Rollup, ...errors },
    },
  }, async (req) => service.rollup(app.db, req.actor(), req.query.territory, req.query.at));

  app.get('/reception/map', {
    schema: {
      tags: ['reception'], summary: 'Map points: municipalities (or NUTS 3 groups for aggregate-only readers) with total and free capacity',
      querystring: Type.Object({ territory: TerritoryCode, resource: Type.Optional(ResourceCode) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(MapPoint) }), ...errors },
    },
  }, async (req) => service.mapPoints(app.db, req.actor(), req.query.territory, req.query.resource));
};

/** Arrival notices and the reception worklist. */
const noticeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---------------------------------------------------------------- arrival notices
  app.get('/reception/notices', {
    schema: {
      tags: ['reception'], summary: 'Arrival notices in your reach',
      querystring: Type.Object({
        state: Type.Optional(NoticeState), direction: Type.Optional(Type.Enum(['incoming', 'outgoing', 'all'])), overdue: Type.Optional(Type.Boolean()),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
      }, { additionalProperties: false }),
      response: { 200: NoticePage, 400: Problem, 401: Problem },
    },
  }, async (req) => service.listNotices(app.db, req.actor(), req.query));

  app.get('/reception/notices/export', {
    schema: {
      tags: ['reception'], summary: 'Arrival notices in your reach, as JSON or CSV (audited)',
      querystring: Type.Object({ format: Type.Optional(Format) }, { additionalProperties: false }),
      response: { 200: Type.Unknown({ description: '{ items } as JSON, or text/csv' }), 400: Problem, 401: Problem },
    },
  }, async (req, reply) => {
    const items = await service.exportNotices(app.db, req.actor());
    if (req.query.format === 'csv') {
      const header = ['id', 'reference', 'state', 'procedure', 'issuer', 'target', 'households', 'persons', 'acceptedPersons', 'resource', 'expectedAt', 'deadlineAt', 'overdue', 'reason', 'parentId'];
      reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="arrival-notices.csv"');
      return reply.send(service.toCsv(header, items.map((n) => [n.id, n.reference, n.state, n.procedure, n.issuer.name, n.target.name, n.households, n.persons, n.acceptedPersons, n.resource, n.expectedAt, n.deadlineAt, n.overdue, n.reason, n.parentId])));
    }
    return reply.send({ items });
  });

  app.get('/reception/worklist', {
    schema: { tags: ['reception'], summary: 'Notices your organisation must act on, and overdue notices in your reach', response: { 200: Type.Object({ awaiting: Type.Array(ArrivalNotice), overdue: Type.Array(ArrivalNotice) }), 401: Problem } },
  }, async (req) => service.worklist(app.db, req.actor()));

  app.post('/reception/notices', {
    schema: { tags: ['reception'], summary: 'Announce an arrival to a municipality (or a region) in your reach', body: CreateNotice, response: { 201: ArrivalNotice, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.createNotice(app.db, req.actor(), req.body)));

  app.get('/reception/notices/:id', {
    schema: { tags: ['reception'], summary: 'A notice with every earlier version', params: IdParams, response: { 200: ArrivalNotice, ...errors } },
  }, async (req) => service.getNotice(app.db, req.actor(), req.params.id));

  app.post('/reception/notices/:id/accept', {
    schema: { tags: ['reception'], summary: 'Accept all or part of the persons (whole households for a notice that lists them): the notice holds that many places, never twice', params: IdParams, body: AcceptNotice, response: { 200: ArrivalNotice, ...errors } },
  }, async (req) => service.acceptNotice(app.db, req.actor(), req.params.id, req.body.persons, req.body.version, req.body.households));

  app.post('/reception/notices/:id/decline', {
    schema: { tags: ['reception'], summary: 'Decline, with a reason', params: IdParams, body: ReasonBody, response: { 200: ArrivalNotice, ...errors } },
  }, async (req) => service.declineNotice(app.db, req.actor(), req.params.id, req.body.reason, req.body.version));

  app.post('/reception/notices/:id/withdraw', {
    schema: { tags: ['reception'], summary: 'Withdraw (releases any reservation)', params: IdParams, body: OptionalReasonBody, response: { 200: ArrivalNotice, ...errors } },
  }, async (req) => service.withdrawNotice(app.db, req.actor(), req.params.id, req.body.reason, req.body.version));

  app.post('/reception/notices/:id/amend', {
    schema: { tags: ['reception'], summary: 'Amend an announced notice (earlier versions are kept)', params: IdParams, body: AmendNotice, response: { 200: ArrivalNotice, ...errors } },
  }, async (req) => service.amendNotice(app.db, req.actor(), req.params.id, req.body));

  app.post('/reception/notices/:id/arrived', {
    schema: { tags: ['reception'], summary: 'The persons arrived: the reservation becomes occupied places, and the households the notice lists appear in your People list', params: IdParams, body: OptionalReasonBody, response: { 200: ArrivalNotice, ...errors } },
  }, async (req) => service.arrivedNotice(app.db, req.actor(), req.params.id, req.body.version));

  app.post('/reception/notices/:id/depart', {
    schema: { tags: ['reception'], summary: 'Persons who arrived with the notice have left: their occupied places are free again', params: IdParams, body: DepartNotice, response: { 200: ArrivalNotice, ...errors } },
  }, async (req) => service.departNotice(app.db, req.actor(), req.params.id, req.body.persons, req.body.reason, req.body.version));
};

export const receptionRoutes: FastifyPluginAsyncTypebox = async (app, opts) => {
  await capacityRoutes(app, opts);
  await rollupRoutes(app, opts);
  await noticeRoutes(app, opts);
};
