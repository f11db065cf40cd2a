// Integration pathways for the transition module (issue 17): cohorts, figures and bulk steps,
// each inside the caller's transaction (the gate, row-level security and the audit hold). Exported
// through service.ts, the only door other modules use.
import type { Actor } from '../../platform/access.ts';
import { assertReach, assertRight } from '../../platform/access.ts';
import type { Tx } from '../../platform/context.ts';
import { reach } from '../../platform/gate.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import * as cohorts from './repository-transition.ts';
import { personRecord } from './records.ts';

const ownOrg = (actor: Actor) => ({ organisationId: actor.organisationId, territoryPath: actor.territoryPath });
function validDate(value: string | null | undefined, path: string) {
  if (value && Number.isNaN(new Date(value + 'T00:00:00Z').getTime())) throw invalid(path, 'validation.format', { format: 'date' });
}
async function checkResponsible(trx: Tx, id: string | null | undefined, path: string) {
  if (!id) return;
  if (!(await repo.organisationOf(trx, id))) throw invalid(path, 'validation.organisation_unknown');
}

// ---- for the transition module (issue 17): cohorts, figures and bulk steps --------------------------
// The transition module reaches people only through these functions, inside its own transaction.

/** The actor's organisation's cohort: its own people (row-level security applies), with what each record holds. */
export type CohortPerson = cohorts.CohortRow;
export async function transitionCohort(trx: Tx, actor: Actor, q: { statusType: string; from: string; to: string }): Promise<CohortPerson[]> {
  assertReach(actor, 'personal', 'read', ownOrg(actor), 'person');
  await repo.worklistSettings(trx);
  return cohorts.cohortRows(trx, actor.organisationId, q.statusType, q.from, q.to);
}

/** Names of the people a page shows (the caller audits the read). */
export async function transitionNames(trx: Tx, actor: Actor, ids: string[]) {
  assertReach(actor, 'personal', 'read', ownOrg(actor), 'person');
  return cohorts.cohortNames(trx, ids);
}

/** Municipalities whose figures an aggregate reader sees: its own (a municipal officer) or those of a territory in reach. */
export async function transitionScope(trx: Tx, actor: Actor, territoryCode?: string) {
  assertRight(actor, 'aggregates.read');
  let scopePath = actor.territoryPath, scopeCode = actor.territoryCode;
  if (territoryCode) {
    const t = await repo.territory(trx, territoryCode);
    if (!t || !t.path.startsWith(actor.territoryPath)) throw notFound('territory');
    scopePath = t.path; scopeCode = t.code;
  }
  const orgs = await cohorts.municipalitiesIn(trx, actor.role === 'municipal_officer' ? { organisationId: actor.organisationId } : { path: scopePath });
  return { scopePath, scopeCode, orgs };
}

/** Counts only (the people of other organisations are never read): statuses ending per month. */
export async function transitionEndingByMonth(trx: Tx, orgs: string[], statusType: string, from: string, to: string) {
  return repo.platformLookup(trx, () => cohorts.endingByMonth(trx, orgs, statusType, from, to));
}

/** Counts only: where each organisation's cohort stands. */
export async function transitionStateCounts(trx: Tx, orgs: string[], statusType: string, from: string, to: string) {
  return repo.platformLookup(trx, () => cohorts.transitionStateCounts(trx, orgs, statusType, from, to));
}

/** Which of the actor's people already have a (not stopped) step with this title. */
export async function peopleWithStep(trx: Tx, actor: Actor, personIds: string[], title: string) {
  assertReach(actor, 'personal', 'read', ownOrg(actor), 'person');
  return cohorts.peopleWithStep(trx, personIds, title.trim());
}

/**
 * Appends the same step to each person's plan, in the caller's transaction (one command for all).
 * Every person must be the actor's organisation's own and open: the caller selected them from its
 * cohort, and this checks again so that nobody outside reach is ever touched.
 */
export async function addStepToEach(trx: Tx, actor: Actor, personIds: string[], step: { domain: string; title: string; dueOn?: string | null; responsibleOrganisationId?: string | null; followUp?: boolean }) {
  assertReach(actor, 'personal', 'write', ownOrg(actor), 'person');
  validDate(step.dueOn, 'body.step.dueOn');
  await checkResponsible(trx, step.responsibleOrganisationId, 'body.step.responsibleOrganisationId');
  const ids = [...new Set(personIds)];
  const own = await repo.platformLookup(trx, () => repo.peopleStates(trx, ids));
  const outside = own.filter((p) => p.organisation_id !== actor.organisationId || p.closed_at || p.erased_at);
  if (outside.length || own.length !== ids.length) throw notFound('person');
  return cohorts.insertStepForEach(trx, ids, { domain: step.domain, title: step.title.trim(), dueOn: step.dueOn ?? null, responsibleOrganisationId: step.responsibleOrganisationId ?? null, followUp: step.followUp ?? false });
}

/** Removes a step a bulk action added, if nobody changed it since; 404 for a person out of reach. */
export async function removeAddedStep(trx: Tx, actor: Actor, personId: string, stepId: string) {
  await reach(trx, actor, personRecord, personId, 'write');
  return cohorts.deleteUnchangedStep(trx, personId, stepId);
}
