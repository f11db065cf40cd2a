// Dialogue between levels (issue 16): the rules.
//
// Who reaches a consultation is decided by invitation, not by the territory tree: the consulting
// body (its staff holding consultations.open) and the organisations it invited (their staff holding
// consultations.answer); once the outcome is published, everyone signed in (the record, counting
// only answers their organisations made public). Anyone else gets 404, as the gate answers.
//
// Which answers a reader counts (answerBasis): the consulting body every submitted answer; an
// invitee the answers made public or shared with participants, and its own; anyone else the
// public ones. Drafts are never counted: the consulting body sees an answer once it is signed.
import {
  answerVisibilities, type AnswerValue, type AnswerVisibility, type Consultation, type ConsultationRespondents, type ConsultationResponse, type ConsultationResults, type ConsultationSummary,
  type OpenConsultation, type PublishConsultation, type QuestionResult, type SaveResponse,
} from '@localpact/contracts';
import { assertRight, has, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { asSystem, withActor, type Db, type Tx } from '../../platform/context.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { publish as publishEvent } from '../../platform/events.ts';
import * as repo from './repository.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

// ---------------------------------------------------------------- who reaches a consultation
interface Access { row: repo.ConsultationRow; mine: boolean; invited: boolean }

async function access(trx: Db | Tx, actor: Actor, id: string, forUpdate = false): Promise<Access> {
  const row = await repo.consultation(trx, id, forUpdate);
  if (!row) throw notFound('consultation');
  const mine = row.organisation_id === actor.organisationId && has(actor, 'consultations.open');
  const invited = !mine && has(actor, 'consultations.answer') && (await repo.isInvited(trx, id, actor.organisationId));
  if (!mine && !invited && row.status !== 'published') throw notFound('consultation');
  return { row, mine, invited };
}

/** The visibilities of the answers this reader counts (besides its own organisation's). */
function answerBasis(a: Access): { basis: ConsultationResults['basis']; visibilities: readonly AnswerVisibility[] } {
  if (a.mine) return { basis: 'all_submitted', visibilities: answerVisibilities };
  if (a.invited) return { basis: 'visible_to_participants', visibilities: ['public', 'participants'] };
  return { basis: 'public', visibilities: ['public'] };
}

function toQuestion(q: repo.QuestionRow) {
  return {
    id: q.id, position: q.position, kind: q.kind as Consultation['questions'][number]['kind'], prompt: q.prompt, required: q.required, options: q.options,
    scaleMin: q.scale_min, scaleMax: q.scale_max, showIf: q.show_if_position === null ? null : { question: q.show_if_position, equals: q.show_if_equals ?? '' },
  };
}

// ---------------------------------------------------------------- open
const CHOICE_KINDS = new Set(['single_choice', 'multiple_choice', 'ranking']);

export async function openConsultation(db: Db, actor: Actor, input: OpenConsultation): Promise<Consultation> {
  assertRight(actor, 'consultations.open');
  const deadline = new Date(input.deadline);
  if (!(deadline.getTime() > Date.now())) throw invalid('body.deadline', 'validation.deadline_past');
  const questions = input.questions.map((q, i): repo.NewQuestion => {
    const at = `body.questions.${i}`;
    const options = (q.options ?? []).map((o) => o.trim());
    if (CHOICE_KINDS.has(q.kind)) {
      if (options.length < 2) throw invalid(`${at}.options`, 'validation.options_needed');
      if (new Set(options).size !== options.length || options.some((o) => !o)) throw invalid(`${at}.options`, 'validation.options_distinct');
    } else if (options.length) throw invalid(`${at}.options`, 'validation.options_not_for_kind');
    let scaleMin: number | null = null, scaleMax: number | null = null;
    if (q.kind === 'scale') {
      scaleMin = q.scaleMin ?? 1; scaleMax = q.scaleMax ?? 5;
      if (scaleMin >= scaleMax) throw invalid(`${at}.scaleMax`, 'validation.scale_range');
    }
    let showIfPosition: number | null = null, showIfEquals: string | null = null;
    if (q.showIf) {
      const target = input.questions[q.showIf.question];
      if (q.showIf.question >= i || !target || !CHOICE_KINDS.has(target.kind) || !(target.options ?? []).map((o) => o.trim()).includes(q.showIf.equals.trim())) {
        throw invalid(`${at}.showIf`, 'validation.show_if');
      }
      showIfPosition = q.showIf.question; showIfEquals = q.showIf.equals.trim();
    }
    return { position: i, kind: q.kind, prompt: q.prompt.trim(), required: !!q.required, options, scaleMin, scaleMax, showIfPosition, showIfEquals };
  });
  return withActor(db, actor, async (trx) => {
    const t = await repo.territory(trx, input.territoryCode);
    if (!t) throw invalid('body.territoryCode', 'validation.territory_unknown');
    // A body consults the levels within its own territory (the EU's covers every country).
    if (!t.path.startsWith(actor.territoryPath)) throw invalid('body.territoryCode', 'validation.territory_outside');
    const id = await repo.insertConsultation(trx, {
      organisationId: actor.organisationId, territoryPath: actor.territoryPath, title: input.title.trim(), purpose: input.purpose.trim(), deadline: deadline.toISOString(),
      targetTerritory: t.code, targetKinds: input.kinds, weightByPopulation: !!input.weightByPopulation, remindDays: input.remindDaysBefore ?? 3, createdBy: actor.id,
    });
    await repo.insertQuestions(trx, id, questions);
    const invited = await repo.inviteWithin(trx, id, t.path, input.kinds, actor.organisationId);
    if (invited.length === 0) throw invalid('body.territoryCode', 'validation.no_invitees');
    // Each invitee hears of it in its notification centre.
    for (const inv of invited) {
      await publishEvent(trx, {
        type: 'consultation.opened', actor, owner: { organisationId: inv.organisation_id, territoryPath: inv.path },
        other: { organisationId: actor.organisationId, territoryPath: actor.territoryPath }, recordId: id, payload: { title: input.title.trim(), deadline: deadline.toISOString() },
      });
    }
    await audit(trx, actor, { action: 'consultation.open', recordType: 'consultation', recordId: id, detail: { invited: invited.length, territory: t.code, kinds: input.kinds } });
    return getIn(trx, actor, id);
  });
}

// ---------------------------------------------------------------- read
async function getIn(trx: Db | Tx, actor: Actor, id: string): Promise<Consultation> {
  const a = await access(trx, actor, id);
  const [qs, n, mineResponse] = await Promise.all([
    repo.questions(trx, id), repo.counts(trx, id), a.invited ? repo.response(trx, id, actor.organisationId) : Promise.resolve(undefined),
  ]);
  const r = a.row;
  return {
    id: r.id, title: r.title, status: r.status as Consultation['status'], deadline: iso(r.deadline)!,
    consultingBody: { id: r.organisation_id, name: r.organisation_name, territoryCode: r.organisation_territory },
    invited: n.invited, submitted: n.submitted, myResponse: a.invited ? ((mineResponse?.status ?? 'not_started') as Consultation['myResponse']) : null, mine: a.mine,
    purpose: r.purpose, territory: { code: r.target_territory, name: r.target_territory_name }, kinds: r.target_kinds, weightByPopulation: r.weight_by_population,
    remindDaysBefore: r.remind_days, questions: qs.map(toQuestion), synthesis: r.synthesis, feedback: r.feedback, publishedAt: iso(r.published_at), createdAt: iso(r.created_at)!, version: r.version,
  };
}

export async function getConsultation(db: Db, actor: Actor, id: string): Promise<Consultation> {
  return withActor(db, actor, (trx) => getIn(trx, actor, id));
}

export async function listConsultations(db: Db, actor: Actor): Promise<{ items: ConsultationSummary[] }> {
  return withActor(db, actor, async (trx) => {
    const rows = await repo.listConsultations(trx, actor.organisationId, has(actor, 'consultations.open'), has(actor, 'consultations.answer'));
    return {
      items: rows.map((r) => {
        const mine = r.organisation_id === actor.organisationId && has(actor, 'consultations.open');
        const invited = !mine && r.is_invited && has(actor, 'consultations.answer');
        return {
          id: r.id, title: r.title, status: r.status as ConsultationSummary['status'], deadline: iso(r.deadline)!,
          consultingBody: { id: r.organisation_id, name: r.organisation_name, territoryCode: r.organisation_territory },
          invited: Number(r.invited), submitted: Number(r.submitted), myResponse: invited ? ((r.my_status ?? 'not_started') as ConsultationSummary['myResponse']) : null, mine,
        };
      }),
    };
  });
}

// ---------------------------------------------------------------- the official answer
async function responseOut(trx: Db | Tx, a: Access, organisationId: string): Promise<ConsultationResponse> {
  const org = (await repo.organisation(trx, organisationId))!;
  const r = await repo.response(trx, a.row.id, organisationId);
  const answers = r ? await repo.answers(trx, r.id) : [];
  return {
    consultationId: a.row.id, organisation: { id: org.id, name: org.name, territoryCode: org.territory_code },
    status: (r?.status ?? 'not_started') as ConsultationResponse['status'], visibility: (r?.visibility ?? 'participants') as AnswerVisibility, version: r?.version ?? 0,
    late: r?.late ?? false, submittedAt: iso(r?.submitted_at ?? null), submittedBy: r?.submitted_by_name ?? null, updatedAt: iso(r?.updated_at ?? null),
    answers: answers.map((x) => ({ questionId: x.question_id, choice: x.choice, number: x.number === null ? null : Number(x.number), text: x.text })),
  };
}

/** Only the invited organisation's own staff read or write its answer; the consulting body never reads a draft. */
async function invitedAccess(trx: Tx, actor: Actor, id: string, forUpdate = false): Promise<Access> {
  const a = await access(trx, actor, id, forUpdate);
  if (!a.invited) throw notFound('consultation_response');
  return a;
}

export async function myResponse(db: Db, actor: Actor, id: string): Promise<ConsultationResponse> {
  return withActor(db, actor, async (trx) => responseOut(trx, await invitedAccess(trx, actor, id), actor.organisationId));
}

/** Checks one answer's value against its question; returns what to store (all null: clear it). */
function checkAnswer(q: repo.QuestionRow, a: AnswerValue, at: string): { choice: string[] | null; number: number | null; text: string | null } {
  const given = [a.choice !== undefined, a.number !== undefined, a.text !== undefined].filter(Boolean).length;
  if (given === 0) return { choice: null, number: null, text: null };
  switch (q.kind) {
    case 'single_choice': case 'multiple_choice': case 'ranking': {
      if (!a.choice || given > 1) throw invalid(`${at}.choice`, 'validation.answer_choice');
      if (a.choice.length === 0) return { choice: null, number: null, text: null };
      const unknown = a.choice.findIndex((c) => !q.options.includes(c));
      if (unknown >= 0) throw invalid(`${at}.choice.${unknown}`, 'validation.answer_option');
      if (new Set(a.choice).size !== a.choice.length) throw invalid(`${at}.choice`, 'validation.options_distinct');
      if (q.kind === 'single_choice' && a.choice.length !== 1) throw invalid(`${at}.choice`, 'validation.answer_single');
      if (q.kind === 'ranking' && a.choice.length !== q.options.length) throw invalid(`${at}.choice`, 'validation.answer_ranking');
      return { choice: a.choice, number: null, text: null };
    }
    case 'scale': case 'number': {
      if (a.number === undefined || given > 1) throw invalid(`${at}.number`, 'validation.answer_number');
      if (q.kind === 'scale' && (!Number.isInteger(a.number) || a.number < q.scale_min! || a.number > q.scale_max!)) {
        throw invalid(`${at}.number`, 'validation.answer_scale', { min: q.scale_min, max: q.scale_max });
      }
      return { choice: null, number: a.number, text: null };
    }
    case 'free_text': {
      if (a.text === undefined || given > 1) throw invalid(`${at}.text`, 'validation.answer_text');
      const text = a.text.trim();
      return { choice: null, number: null, text: text || null };
    }
  }
  throw invalid(at, 'validation.invalid');
}

const closedForAnswers = (status: string) => status !== 'open';

export async function saveResponse(db: Db, actor: Actor, id: string, body: SaveResponse): Promise<ConsultationResponse> {
  assertRight(actor, 'consultations.answer');
  return withActor(db, actor, async (trx) => {
    const a = await invitedAccess(trx, actor, id);
    if (closedForAnswers(a.row.status)) throw new AppError(409, 'consultation_closed');
    let r = await repo.response(trx, id, actor.organisationId, true);
    if (!r) {
      if (body.version !== 0) throw conflict('consultation_response', 0, { current: await responseOut(trx, a, actor.organisationId) });
      const created = await repo.insertResponse(trx, id, actor.organisationId, body.visibility ?? 'participants', actor.id);
      // Two first drafts at once: the other one won; this one answers 409 like any stale write.
      if (!created) throw conflict('consultation_response', 1);
      r = (await repo.response(trx, id, actor.organisationId, true))!;
    } else {
      if (r.status === 'submitted') throw new AppError(409, 'response_submitted');
      if (r.version !== body.version) throw conflict('consultation_response', r.version, { current: await responseOut(trx, a, actor.organisationId) });
    }
    const qs = new Map((await repo.questions(trx, id)).map((q) => [q.id, q]));
    const clear: string[] = [];
    for (const [i, ans] of body.answers.entries()) {
      const q = qs.get(ans.questionId);
      if (!q) throw invalid(`body.answers.${i}.questionId`, 'validation.question_unknown');
      const v = checkAnswer(q, ans, `body.answers.${i}`);
      if (v.choice === null && v.number === null && v.text === null) clear.push(q.id);
      else await repo.setAnswer(trx, r.id, { questionId: q.id, ...v });
    }
    await repo.clearAnswers(trx, r.id, clear);
    if (body.version !== 0) await repo.touchResponse(trx, r.id, body.visibility, actor.id);
    await audit(trx, actor, { action: 'consultation_response.save', recordType: 'consultation_response', recordId: r.id, detail: { consultationId: id, answers: body.answers.length } });
    return responseOut(trx, a, actor.organisationId);
  });
}

/** Whether a question is shown, given the answers (a conditional question follows an earlier choice). */
function shown(q: repo.QuestionRow, byPosition: Map<number, repo.QuestionRow>, answers: Map<string, { choice: string[] | null }>): boolean {
  if (q.show_if_position === null) return true;
  const target = byPosition.get(q.show_if_position);
  if (!target || !shown(target, byPosition, answers)) return false;
  return (answers.get(target.id)?.choice ?? []).includes(q.show_if_equals ?? '');
}

export async function submitResponse(db: Db, actor: Actor, id: string, version: number): Promise<ConsultationResponse> {
  assertRight(actor, 'consultations.sign');
  return withActor(db, actor, async (trx) => {
    const a = await invitedAccess(trx, actor, id);
    if (closedForAnswers(a.row.status)) throw new AppError(409, 'consultation_closed');
    const r = await repo.response(trx, id, actor.organisationId, true);
    if (!r) throw conflict('consultation_response', 0);
    if (r.status === 'submitted') throw new AppError(409, 'response_submitted');
    if (r.version !== version) throw conflict('consultation_response', r.version, { current: await responseOut(trx, a, actor.organisationId) });
    const qs = await repo.questions(trx, id);
    const byPosition = new Map(qs.map((q) => [q.position, q]));
    const given = new Map((await repo.answers(trx, r.id)).map((x) => [x.question_id, x]));
    const missing = qs.filter((q) => q.required && shown(q, byPosition, given) && !given.has(q.id));
    if (missing.length) {
      throw new AppError(400, 'validation', {}, missing.map((q) => ({ path: `answers.${q.position}`, key: 'validation.answer_required', params: { question: q.position + 1 } })));
    }
    // Answers to questions their condition hides are not part of the signed answer.
    await repo.clearAnswers(trx, r.id, qs.filter((q) => given.has(q.id) && !shown(q, byPosition, given)).map((q) => q.id));
    await repo.submitResponse(trx, r.id, actor.id, new Date(a.row.deadline));
    // Signed answers are final: they join the running tallies of the aggregate now, once.
    await repo.addToTallies(trx, r.id);
    const org = (await repo.organisation(trx, actor.organisationId))!;
    const out = await responseOut(trx, a, actor.organisationId);
    await publishEvent(trx, {
      type: 'consultation.answered', actor, owner: { organisationId: actor.organisationId, territoryPath: org.path },
      other: { organisationId: a.row.organisation_id, territoryPath: a.row.territory_path }, recordId: id, payload: { title: a.row.title, organisation: org.name, late: out.late },
    });
    await audit(trx, actor, { action: 'consultation_response.submit', recordType: 'consultation_response', recordId: r.id, detail: { consultationId: id, late: out.late } });
    return out;
  });
}

// ---------------------------------------------------------------- results
/** The median of a scale from its value counts (the mean of the two middle values when even). */
function medianOf(counts: Array<[number, number]>): number | null {
  const sorted = counts.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const at = (k: number) => { let seen = 0; for (const [v, c] of sorted) { seen += c; if (seen > k) return v; } return sorted[sorted.length - 1][0]; };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** Adds a reader's own answer to the tallies of the others (when its visibility is outside the reader's basis). */
function mergeTallies(a: repo.Tally[], b: repo.Tally[]): repo.Tally[] {
  const out = new Map(a.map((t) => [`${t.questionId}|${t.option}`, { ...t }]));
  for (const t of b) {
    const k = `${t.questionId}|${t.option}`;
    const x = out.get(k);
    if (!x) { out.set(k, { ...t }); continue; }
    x.answers += t.answers; x.population += t.population; x.rankSum += t.rankSum; x.numSum += t.numSum; x.weightedSum += t.weightedSum; x.weight += t.weight;
    x.numMin = x.numMin === null ? t.numMin : t.numMin === null ? x.numMin : Math.min(x.numMin, t.numMin);
    x.numMax = x.numMax === null ? t.numMax : t.numMax === null ? x.numMax : Math.max(x.numMax, t.numMax);
  }
  return [...out.values()];
}

/**
 * The live aggregate, read from the running tallies of the answers the reader counts (answerBasis),
 * plus the reader's own answer where its visibility keeps it out of them.
 */
export async function results(db: Db, actor: Actor, id: string): Promise<ConsultationResults> {
  return withActor(db, actor, async (trx) => {
    const a = await access(trx, actor, id);
    const { basis, visibilities } = answerBasis(a);
    const own = a.invited ? actor.organisationId : null;
    const qs = await repo.questions(trx, id);
    const n = await repo.counts(trx, id);
    const countedN = await repo.countedResponses(trx, id, visibilities, own);
    let tallies = await repo.tallies(trx, id, visibilities);
    const texts = await repo.texts(trx, id, visibilities, own, 100);
    let mine = new Map<string, { choice: string[] | null; number: number | null; text: string | null }>();
    if (a.invited) {
      const r = await repo.response(trx, id, actor.organisationId);
      if (r?.status === 'submitted') {
        mine = new Map((await repo.answers(trx, r.id)).map((x) => [x.question_id, { choice: x.choice, number: x.number === null ? null : Number(x.number), text: x.text }]));
        if (!visibilities.includes(r.visibility as AnswerVisibility)) tallies = mergeTallies(tallies, await repo.talliesOfResponse(trx, r.id));
      }
    }
    const byQuestion = new Map<string, repo.Tally[]>();
    for (const t of tallies) byQuestion.set(t.questionId, [...(byQuestion.get(t.questionId) ?? []), t]);
    const weighted = a.row.weight_by_population;
    const questions: QuestionResult[] = qs.map((q) => {
      const ts = byQuestion.get(q.id) ?? [];
      const self = ts.find((t) => t.option === '');
      const numeric = q.kind === 'scale' || q.kind === 'number';
      return {
        questionId: q.id, kind: q.kind as QuestionResult['kind'], prompt: q.prompt, answered: self?.answers ?? 0,
        options: CHOICE_KINDS.has(q.kind)
          ? q.options.map((o) => {
            const t = ts.find((x) => x.option === o);
            return { option: o, count: t?.answers ?? 0, population: weighted ? (t?.population ?? 0) : null, meanRank: q.kind === 'ranking' && t && t.answers ? t.rankSum / t.answers : null };
          })
          : [],
        number: numeric && self && self.answers > 0 && self.numMin !== null
          ? {
            mean: self.numSum / self.answers, min: self.numMin, max: self.numMax!,
            // A scale keeps its distribution, so its median is exact; a free number has no median here.
            median: q.kind === 'scale' ? medianOf(ts.filter((t) => t.option !== '').map((t) => [Number(t.option), t.answers])) : null,
            weightedMean: weighted && self.weight > 0 ? self.weightedSum / self.weight : null,
          }
          : null,
        texts: texts.filter((t) => t.question_id === q.id).map((t) => ({ organisation: t.name, text: t.text })),
        mine: a.invited ? (mine.get(q.id) ?? null) : null,
      };
    });
    return { consultationId: id, basis, invited: n.invited, submitted: n.submitted, counted: countedN.n, late: countedN.late, questions };
  });
}

/** Who answered, among the answers the reader counts, with where they are (the map). */
export async function respondents(db: Db, actor: Actor, id: string): Promise<ConsultationRespondents> {
  return withActor(db, actor, async (trx) => {
    const a = await access(trx, actor, id);
    const { visibilities } = answerBasis(a);
    const rows = await repo.respondents(trx, id, visibilities, a.invited ? actor.organisationId : null);
    return {
      items: rows.map((r) => ({
        organisation: { id: r.id, name: r.name, territoryCode: r.territory_code }, late: r.late, submittedAt: iso(r.submitted_at)!, population: r.population === null ? null : Number(r.population),
        lon: r.lon, lat: r.lat,
      })),
    };
  });
}

/** Every answer the reader may see, one row per organisation and question (audited). */
export async function exportAnswers(db: Db, actor: Actor, id: string) {
  return withActor(db, actor, async (trx) => {
    const a = await access(trx, actor, id);
    const { visibilities } = answerBasis(a);
    const rows = await repo.exportRows(trx, id, visibilities, a.invited ? actor.organisationId : null);
    await audit(trx, actor, { action: 'consultation.export', recordType: 'consultation', recordId: id, detail: { rows: rows.length } });
    return rows.map((r) => ({
      organisation: r.organisation, territoryCode: r.territory_code, visibility: r.visibility, late: r.late, submittedAt: iso(r.submitted_at)!,
      question: r.position + 1, prompt: r.prompt, answer: r.choice ? r.choice.join(' > ') : r.number !== null ? String(r.number) : (r.text ?? ''),
    }));
  });
}

// ---------------------------------------------------------------- outcome
export async function publishOutcome(db: Db, actor: Actor, id: string, body: PublishConsultation): Promise<Consultation> {
  assertRight(actor, 'consultations.open');
  return withActor(db, actor, async (trx) => {
    const a = await access(trx, actor, id, true);
    if (!a.mine) throw notFound('consultation');
    if (a.row.status === 'published') throw new AppError(409, 'consultation_closed');
    if (a.row.version !== body.version) throw conflict('consultation', a.row.version);
    await repo.publish(trx, id, body.synthesis.trim(), body.feedback.trim());
    // Every invited organisation is told what was heard and what changed.
    for (const inv of await repo.invitees(trx, id)) {
      await publishEvent(trx, {
        type: 'consultation.published', actor, owner: { organisationId: inv.organisation_id, territoryPath: inv.path },
        other: { organisationId: a.row.organisation_id, territoryPath: a.row.territory_path }, recordId: id, payload: { title: a.row.title },
      });
    }
    await audit(trx, actor, { action: 'consultation.publish', recordType: 'consultation', recordId: id });
    return getIn(trx, actor, id);
  });
}

export async function closeConsultation(db: Db, actor: Actor, id: string): Promise<Consultation> {
  assertRight(actor, 'consultations.open');
  return withActor(db, actor, async (trx) => {
    const a = await access(trx, actor, id, true);
    if (!a.mine) throw notFound('consultation');
    if (a.row.status !== 'open') throw new AppError(409, 'consultation_closed');
    await repo.close(trx, id);
    await audit(trx, actor, { action: 'consultation.close', recordType: 'consultation', recordId: id });
    return getIn(trx, actor, id);
  });
}

/** The reminder job: invitees without a signed answer, once, when the deadline comes within the consultation's window. */
export async function sendReminders(db: Db): Promise<number> {
  return asSystem(db, async (trx) => {
    const due = await repo.stampDueReminders(trx);
    for (const d of due) {
      await publishEvent(trx, {
        type: 'consultation.reminder', owner: { organisationId: d.organisation_id, territoryPath: d.path }, other: { organisationId: d.owner_id, territoryPath: d.owner_path },
        recordId: d.consultation_id, payload: { title: d.title, deadline: iso(d.deadline) },
      });
      await audit(trx, null, { action: 'consultation.remind', recordType: 'consultation', recordId: d.consultation_id, onBehalfOf: d.owner_id, detail: { organisationId: d.organisation_id } });
    }
    return due.length;
  });
}

// Issues raised from below and the good-practice library: their own files, the same service.
export * from './issues.ts';
export * from './library.ts';
