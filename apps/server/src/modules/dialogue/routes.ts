import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AnswerIssue, Consultation, ConsultationRespondents, ConsultationResponse, ConsultationResults, ConsultationSummary, Issue, OpenConsultation, Practice, PracticeQuery, PracticeSummary, Problem, PublishConsultation,
  RaiseIssue, SaveResponse, SubmitResponse, Uuid, issueStatuses,
} from '@localpact/contracts';
import * as service from './service.ts';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };
const tags = ['dialogue'];

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const dialogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(consultationRoutes);
  await app.register(issueAndLibraryRoutes);
};

const consultationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/dialogue/consultations', {
    schema: { tags, summary: 'Consultations your organisation opened or is invited to, and those published', response: { 200: Type.Object({ items: Type.Array(ConsultationSummary) }), 401: Problem } },
  }, async (req) => service.listConsultations(app.db, req.actor()));

  app.post('/dialogue/consultations', {
    schema: {
      tags, summary: 'Open a consultation to every organisation of the given kinds within a territory, with a questionnaire and a deadline',
      body: OpenConsultation, response: { 201: Consultation, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(await service.openConsultation(app.db, req.actor(), req.body)));

  app.get('/dialogue/consultations/:id', {
    schema: { tags, summary: 'A consultation (consulting body, invitees; everyone once published)', params: IdParams, response: { 200: Consultation, ...errors } },
  }, async (req) => service.getConsultation(app.db, req.actor(), req.params.id));

  app.get('/dialogue/consultations/:id/response', {
    schema: { tags, summary: "Your organisation's answer (draft or submitted); version 0 when not started", params: IdParams, response: { 200: ConsultationResponse, ...errors } },
  }, async (req) => service.myResponse(app.db, req.actor(), req.params.id));

  app.put('/dialogue/consultations/:id/response', {
    schema: {
      tags, summary: "Save your organisation's draft answer; send the version you saw (409 with the current draft when stale)",
      params: IdParams, body: SaveResponse, response: { 200: ConsultationResponse, ...errors },
    },
  }, async (req) => service.saveResponse(app.db, req.actor(), req.params.id, req.body));

  app.post('/dialogue/consultations/:id/response/submit', {
    schema: { tags, summary: "Sign and submit your organisation's answer (consultations.sign); after the deadline it is marked late", params: IdParams, body: SubmitResponse, response: { 200: ConsultationResponse, ...errors } },
  }, async (req) => service.submitResponse(app.db, req.actor(), req.params.id, req.body.version));

  app.get('/dialogue/consultations/:id/results', {
    schema: {
      tags, summary: 'Live aggregate per question (counts, population-weighted where asked, free texts), counting only answers you may see, with your own answer beside it',
      params: IdParams, response: { 200: ConsultationResults, ...errors },
    },
  }, async (req) => service.results(app.db, req.actor(), req.params.id));

  app.get('/dialogue/consultations/:id/respondents', {
    schema: { tags, summary: 'The organisations whose answers you count, with where they are (the map) and whether they answered late', params: IdParams, response: { 200: ConsultationRespondents, ...errors } },
  }, async (req) => service.respondents(app.db, req.actor(), req.params.id));

  app.get('/dialogue/consultations/:id/answers', {
    schema: {
      tags, summary: 'Every answer you may see, one row per organisation and question, as JSON or CSV (audited)',
      params: IdParams, querystring: Type.Object({ format: Type.Optional(Type.Enum(['json', 'csv'])) }, { additionalProperties: false }),
      response: { 200: Type.Unknown({ description: '{ items } as JSON, or text/csv' }), ...errors },
    },
  }, async (req, reply) => {
    const rows = await service.exportAnswers(app.db, req.actor(), req.params.id);
    if (req.query.format === 'csv') {
      const header = ['organisation', 'territoryCode', 'visibility', 'late', 'submittedAt', 'question', 'prompt', 'answer'] as const;
      const lines = [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))];
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="consultation-answers.csv"').send(lines.join('\r\n') + '\r\n');
    }
    return reply.send({ items: rows });
  });

  app.post('/dialogue/consultations/:id/close', {
    schema: { tags, summary: 'Close a consultation to answers (consulting body)', params: IdParams, response: { 200: Consultation, ...errors } },
  }, async (req) => service.closeConsultation(app.db, req.actor(), req.params.id));

  app.post('/dialogue/consultations/:id/publish', {
    schema: {
      tags, summary: 'Publish the synthesis and feedback ("what we heard, what we changed"); every invitee is notified and the record opens to everyone signed in',
      params: IdParams, body: PublishConsultation, response: { 200: Consultation, ...errors },
    },
  }, async (req) => service.publishOutcome(app.db, req.actor(), req.params.id, req.body));

};

const issueAndLibraryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---------------------------------------------------------------- issues raised from below
  app.get('/dialogue/issues', {
    schema: {
      tags, summary: 'Issues raised to the levels above, with supporters and how long they wait',
      querystring: Type.Object({ territory: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })), addressedTo: Type.Optional(Uuid), status: Type.Optional(Type.Enum(issueStatuses)) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Issue) }), ...errors },
    },
  }, async (req) => service.listIssues(app.db, req.actor(), req.query));

  app.post('/dialogue/issues', {
    schema: { tags, summary: 'Raise an issue to an authority whose territory holds yours', body: RaiseIssue, response: { 201: Issue, ...errors } },
  }, async (req, reply) => reply.code(201).send(await service.raiseIssue(app.db, req.actor(), req.body)));

  app.post('/dialogue/issues/:id/support', {
    schema: { tags, summary: 'Support an issue another organisation raised', params: IdParams, response: { 200: Issue, ...errors } },
  }, async (req) => service.supportIssue(app.db, req.actor(), req.params.id));

  app.post('/dialogue/issues/:id/answer', {
    schema: { tags, summary: 'Answer, on record, an issue raised to your organisation', params: IdParams, body: AnswerIssue, response: { 200: Issue, ...errors } },
  }, async (req) => service.answerIssue(app.db, req.actor(), req.params.id, req.body.answer));

  // ---------------------------------------------------------------- the good-practice library
  app.get('/dialogue/practices', {
    schema: { tags, summary: 'Search the good-practice library by words, domain, country and language', querystring: PracticeQuery, response: { 200: Type.Object({ items: Type.Array(PracticeSummary) }), ...errors } },
  }, async (req) => service.searchPractices(app.db, req.actor(), req.query));

  app.get('/dialogue/practices/:id', {
    schema: { tags, summary: 'One good practice, with its sources', params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,80}$' }) }), response: { 200: Practice, ...errors } },
  }, async (req) => service.getPractice(app.db, req.actor(), req.params.id));
};
