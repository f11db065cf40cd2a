// HTTP for EU funding: funds, calls, projects, indicators and the report export.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CallQuery, FundingCall, IndicatorEntry, IndicatorQuery, IndicatorReport, Instrument, NewExpenditure, NewFundingCall, NewMilestone, NewProject,
  Problem, Project, ProjectParticipant, ProjectSummary, ProjectTransition, Purpose, ReportDates, UpdateProject, Uuid, IsoDate,
} from '@localpact/contracts';
import * as service from './service.ts';

const id = Type.Object({ id: Uuid });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const tags = ['funding'];

export const fundingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/funding/instruments', { schema: { tags, summary: 'The funds and their rules: co-financing rates, simplified cost options, reporting dates (with legal sources)', response: { 200: Type.Object({ items: Type.Array(Instrument) }), ...errors } } },
    async (req) => ({ items: await service.listInstruments(app.db, req.actor()) }));

  app.get('/funding/calls', { schema: { tags, summary: 'Calls for proposals, soonest deadline first; fitsMe=true: open today to the asking organisation, those matching its work first', querystring: CallQuery, response: { 200: Type.Object({ items: Type.Array(FundingCall) }), ...errors } } },
    async (req) => ({ items: await service.listCalls(app.db, req.actor(), req.query) }));
  app.get('/funding/calls/:id', { schema: { tags, summary: 'One call, with whether it fits the asking organisation', params: id, response: { 200: FundingCall, ...errors } } },
    async (req) => service.getCall(app.db, req.actor(), req.params.id));
  app.post('/funding/calls', { schema: { tags, summary: 'Publish a call (funding.calls.manage)', body: NewFundingCall, response: { 201: FundingCall, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.createCall(app.db, req.actor(), req.body)));

  app.get('/funding/projects', { schema: { tags, summary: 'Projects in reach, and those the organisation is a partner in', response: { 200: Type.Object({ items: Type.Array(ProjectSummary) }), ...errors } } },
    async (req) => ({ items: await service.listProjects(app.db, req.actor()) }));
  app.post('/funding/projects', { schema: { tags, summary: 'Start an application (status draft) for the own organisation', body: NewProject, response: { 201: Project, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.createProject(app.db, req.actor(), req.body)));
  app.get('/funding/projects/:id', { schema: { tags, summary: 'One project: partners, budget with the flat rates computed, shares, activities that count, milestones, expenditure, next moves', params: id, response: { 200: Project, ...errors } } },
    async (req) => service.getProject(app.db, req.actor(), req.params.id));
  app.patch('/funding/projects/:id', { schema: { tags, summary: 'Change a project; send the version you saw. Budget, rates and partners only while draft or submitted', params: id, body: UpdateProject, response: { 200: Project, ...errors } } },
    async (req) => service.updateProject(app.db, req.actor(), req.params.id, req.body));
  app.post('/funding/projects/:id/transition', { schema: { tags, summary: 'Move the status: draft → submitted → granted → running → closed (submitted → draft when refused); anything else answers 409', params: id, body: ProjectTransition, response: { 200: Project, ...errors } } },
    async (req) => service.transitionProject(app.db, req.actor(), req.params.id, req.body));
  app.post('/funding/projects/:id/milestones', { schema: { tags, summary: 'Add a milestone or deliverable with its owner (the applicant or a partner) and date', params: id, body: NewMilestone, response: { 201: Project, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.addMilestone(app.db, req.actor(), req.params.id, req.body)));
  app.post('/funding/projects/:id/expenditures', { schema: { tags, summary: 'Declare expenditure against the budget, with the document reference (granted or running projects)', params: id, body: NewExpenditure, response: { 201: Project, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.addExpenditure(app.db, req.actor(), req.params.id, req.body)));

  app.get('/funding/projects/:id/indicators', { schema: { tags, summary: 'The common indicators computed from the record at a date (counts only; small cells withheld for readers other than the applicant\'s staff)', params: id, querystring: IndicatorQuery, response: { 200: IndicatorReport, ...errors } } },
    async (req) => service.indicators(app.db, req.actor(), req.params.id, req.query.asOf, app.config.smallCellThreshold));
  app.put('/funding/projects/:id/indicators', { schema: { tags, summary: 'Enter an indicator the record cannot compute (a survey result)', params: id, body: IndicatorEntry, response: { 200: IndicatorReport, ...errors } } },
    async (req) => service.enterIndicator(app.db, req.actor(), req.params.id, req.body, app.config.smallCellThreshold));
  app.get('/funding/projects/:id/report-dates', { schema: { tags, summary: 'The data-transmission dates with indicator tables (CPR Art. 42: 31 January, 31 July) of the project', params: id, response: { 200: ReportDates, ...errors } } },
    async (req) => service.reportDatesOf(app.db, req.actor(), req.params.id));
  app.get('/funding/projects/:id/report.csv', { schema: { tags, summary: 'The indicator report as CSV (no names, counts only)', params: id, querystring: Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false }), produces: ['text/csv'],
      response: { 200: Type.String({ description: 'CSV (RFC 4180): one row per indicator with its value, breakdown cells, source and rule' }), ...errors } } },
    async (req, reply) => {
      const csv = await service.reportCsv(app.db, req.actor(), req.params.id, req.query.asOf, app.config.smallCellThreshold);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="indicators-${req.query.asOf ?? 'today'}.csv"`).send(csv);
    });
  app.get('/funding/projects/:id/participants', { schema: { tags, summary: 'The participants behind the figures, for staff who may read them (every read audited with its purpose)', params: id, querystring: Type.Object({ purpose: Purpose, asOf: Type.Optional(IsoDate) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(ProjectParticipant) }), ...errors } } },
    async (req) => service.participants(app.db, req.actor(), req.params.id, req.query));
};
