// Issues raised from below (issue 16): a municipality or region raises an issue to an authority
// whose territory holds its own; others support it; the authority answers on record.
import type { Issue, RaiseIssue } from '@localpact/contracts';
import { assertRight, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { withActor, type Db, type Tx } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { publish as publishEvent } from '../../platform/events.ts';
import * as repo from './repository.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const ABOVE_KINDS = new Set(['regional_authority', 'national_authority', 'eu_body']);

function toIssue(r: Awaited<ReturnType<typeof repo.listIssues>>[number]): Issue {
  const supporters = typeof r.supporters === 'string' ? JSON.parse(r.supporters) : r.supporters;
  return {
    id: r.id, title: r.title, body: r.body, status: r.status as Issue['status'],
    raisedBy: { id: r.raised_id, name: r.raised_name, territoryCode: r.raised_territory }, addressedTo: { id: r.to_id, name: r.to_name, territoryCode: r.to_territory },
    supporters, answer: r.answer, answeredAt: iso(r.answered_at), createdAt: iso(r.created_at)!, daysWaiting: Math.round(Number(r.days_waiting) * 10) / 10,
  };
}

async function issueOut(trx: Db | Tx, id: string): Promise<Issue> {
  const [r] = await repo.listIssues(trx, { ids: [id] });
  if (!r) throw notFound('issue');
  return toIssue(r);
}

export async function raiseIssue(db: Db, actor: Actor, input: RaiseIssue): Promise<Issue> {
  assertRight(actor, 'issues.raise');
  return withActor(db, actor, async (trx) => {
    const to = await repo.organisation(trx, input.addressedTo);
    // The level above: an authority whose territory holds the raiser's (not the raiser itself).
    if (!to || to.id === actor.organisationId || !ABOVE_KINDS.has(to.kind) || !actor.territoryPath.startsWith(to.path)) throw invalid('body.addressedTo', 'validation.not_above');
    const id = await repo.insertIssue(trx, { organisationId: actor.organisationId, territoryPath: actor.territoryPath, addressedTo: to.id, title: input.title.trim(), body: input.body.trim() });
    await publishEvent(trx, {
      type: 'issue.raised', actor, owner: { organisationId: to.id, territoryPath: to.path }, other: { organisationId: actor.organisationId, territoryPath: actor.territoryPath },
      recordId: id, payload: { title: input.title.trim() },
    });
    await audit(trx, actor, { action: 'issue.raise', recordType: 'issue', recordId: id, detail: { addressedTo: to.id } });
    return issueOut(trx, id);
  });
}

export async function supportIssue(db: Db, actor: Actor, id: string): Promise<Issue> {
  assertRight(actor, 'issues.raise');
  return withActor(db, actor, async (trx) => {
    const i = await repo.issue(trx, id, true);
    if (!i) throw notFound('issue');
    if (i.organisation_id === actor.organisationId) throw invalid('params.id', 'validation.own_issue');
    if (i.status !== 'open') throw new AppError(409, 'issue_answered');
    await repo.support(trx, id, actor.organisationId);
    await audit(trx, actor, { action: 'issue.support', recordType: 'issue', recordId: id });
    return issueOut(trx, id);
  });
}

export async function answerIssue(db: Db, actor: Actor, id: string, answer: string): Promise<Issue> {
  assertRight(actor, 'issues.answer');
  return withActor(db, actor, async (trx) => {
    const i = await repo.issue(trx, id, true);
    if (!i) throw notFound('issue');
    if (i.addressed_to !== actor.organisationId) throw forbidden();
    if (i.status !== 'open') throw new AppError(409, 'issue_answered');
    await repo.answerIssue(trx, id, answer.trim(), actor.id);
    const to = (await repo.organisation(trx, i.addressed_to))!;
    await publishEvent(trx, {
      type: 'issue.answered', actor, owner: { organisationId: i.organisation_id, territoryPath: i.territory_path }, other: { organisationId: to.id, territoryPath: to.path },
      recordId: id, payload: { title: i.title },
    });
    await audit(trx, actor, { action: 'issue.answer', recordType: 'issue', recordId: id });
    return issueOut(trx, id);
  });
}

/** Issues are on record for everyone signed in: those raised within a territory, or addressed to one organisation. */
export async function listIssues(db: Db, actor: Actor, f: { territory?: string; addressedTo?: string; status?: string }): Promise<{ items: Issue[] }> {
  assertRight(actor, 'organisations.read');
  return withActor(db, actor, async (trx) => {
    let withinPath: string | undefined;
    if (f.territory) {
      const t = await repo.territory(trx, f.territory);
      if (!t) throw invalid('querystring.territory', 'validation.territory_unknown');
      withinPath = t.path;
    }
    return { items: (await repo.listIssues(trx, { withinPath, addressedTo: f.addressedTo, status: f.status })).map(toIssue) };
  });
}

